import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/** Header by which the gateway's pay-page proxy proves it is the gateway (see services/gateway/src/pay-page-proxy). */
export const PROXY_PROOF_HEADER = 'x-courtesy-proxy-proof';

/**
 * The proof both sides derive from the operator token they share (never the token itself on every request).
 * Keep in step with services/gateway/src/pay-page-proxy/proxy-proof.ts.
 */
export const proxyProofFor = (adminToken: string): string =>
  createHmac('sha256', adminToken).update('courtesy pay-page proxy v1').digest('base64url');

/**
 * The address the pay page rate-limits and records (consent): the patient's own address as the gateway saw it
 * when the request carries the gateway's proof, else the peer's socket address. X-Forwarded-For from anyone
 * else is ignored, so a client cannot pick a fresh address per request to dodge the limit.
 */
export class ClientAddress {
  private readonly proof: Buffer | undefined;

  constructor(adminToken: string | undefined) {
    this.proof = adminToken ? Buffer.from(proxyProofFor(adminToken)) : undefined;
  }

  of(req: Pick<Request, 'headers' | 'socket'>): string {
    const peer = req.socket.remoteAddress ?? 'unknown';
    if (!this.fromGateway(req.headers[PROXY_PROOF_HEADER])) return peer;
    // The gateway replaces (never appends to) X-Forwarded-For, so the single value is the one it saw.
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    return first || peer;
  }

  private fromGateway(header: string | string[] | undefined): boolean {
    if (!this.proof || typeof header !== 'string') return false;
    const given = Buffer.from(header);
    return given.length === this.proof.length && timingSafeEqual(given, this.proof);
  }
}
