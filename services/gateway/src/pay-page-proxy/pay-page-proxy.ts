import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createLogger } from '@courtesy/logging';
import { PROXY_PROOF_HEADER, proxyProofFor } from './proxy-proof';

const log = createLogger('gateway.pay-page-proxy');

/** Hop-by-hop headers (RFC 9110 §7.6.1) are for one connection only; the rest pass through untouched. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
/** Set by this proxy alone: a client's own values would let it choose its rate-limit bucket or pose as the gateway. */
const OURS = new Set(['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'forwarded', 'x-real-ip', PROXY_PROOF_HEADER]);

export interface PayPageProxyOptions {
  /** Payments' address (it renders the page); e.g. http://127.0.0.1:3003. */
  target: string;
  /** Shared operator token; without it payments cannot tell the gateway from anyone else and limits by our address. */
  adminToken?: string;
  /** How long payments may take to answer before the patient sees 504. */
  timeoutMs?: number;
}

/**
 * The patient pay page lives at the gateway's public address: `/p/<code>...` is streamed to payments as it came
 * (method, path, query, body, cookies), with the patient's address in X-Forwarded-For and this proxy's proof, and
 * the answer (status, Set-Cookie with its `/p/<code>` path, redirects) streamed back unchanged.
 */
export function payPageProxy(options: PayPageProxyOptions) {
  const target = new URL(options.target);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const proof = options.adminToken ? proxyProofFor(options.adminToken) : undefined;
  const timeoutMs = options.timeoutMs ?? 30_000;

  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
    const headers = forwardHeaders(req.headers);
    headers['x-forwarded-for'] = req.socket.remoteAddress ?? 'unknown';
    headers['x-forwarded-proto'] = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
    if (req.headers.host) headers['x-forwarded-host'] = req.headers.host;
    if (proof) headers[PROXY_PROOF_HEADER] = proof;
    headers.host = target.host;

    const upstream = send(
      { protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path, headers, timeout: timeoutMs },
      (answer: IncomingMessage) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, responseHeaders(answer.headers));
        answer.pipe(res);
      },
    );
    upstream.on('timeout', () => upstream.destroy(new Error('payments did not answer in time')));
    upstream.on('error', (err) => {
      log.warn({ err: err.message, method: req.method }, 'pay page upstream failed');
      if (res.headersSent) return void res.destroy();
      const timedOut = err.message.includes('in time');
      res.writeHead(timedOut ? 504 : 502, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('The payment page is not available right now. Please try again in a few minutes.');
    });
    req.pipe(upstream);
  };
}

function forwardHeaders(incoming: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const dropped = connectionTokens(incoming.connection);
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name) || OURS.has(name) || dropped.has(name)) continue;
    out[name] = value;
  }
  return out;
}

function responseHeaders(incoming: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const dropped = connectionTokens(incoming.connection);
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name) || dropped.has(name)) continue;
    out[name] = value;
  }
  return out;
}

/** Headers named in Connection are hop-by-hop too. */
const connectionTokens = (value: string | undefined) => new Set((value ?? '').split(',').map((t) => t.trim().toLowerCase()).filter(Boolean));
