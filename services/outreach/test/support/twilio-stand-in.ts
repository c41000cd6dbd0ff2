import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';

export interface ReceivedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  userAgent: string | undefined;
  form: Record<string, string>;
  query: Record<string, string>;
}

interface StoredMessage {
  sid: string;
  to: string;
  body: string;
  messagingServiceSid: string;
  statusCallback: string;
  dateCreated: string;
}

/**
 * A local HTTP server standing in for Twilio's REST API (Messages create and list), so tests drive the real
 * twilio SDK and can check exactly what it sent. Numbers listed in `rejectNumbers` get Twilio's 21211 error.
 */
export class TwilioStandIn {
  readonly requests: ReceivedRequest[] = [];
  readonly messages: StoredMessage[] = [];
  readonly rejectNumbers = new Set<string>();
  /** Delay before answering a create, to widen the window in which a worker can die mid-send. */
  delayMs = 0;
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req).then(({ status, body }) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    }));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  sentTo(to: string): StoredMessage[] {
    return this.messages.filter((m) => m.to === to);
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
    const query = Object.fromEntries(url.searchParams);
    this.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      userAgent: req.headers['user-agent'],
      form,
      query,
    });
    const m = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/.exec(url.pathname);
    if (!m) return { status: 404, body: { code: 20404, message: 'not found', status: 404 } };
    if (req.method === 'POST') {
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
      if (this.rejectNumbers.has(form.To)) {
        return { status: 400, body: { code: 21211, message: `The 'To' number ${form.To} is not a valid phone number.`, status: 400 } };
      }
      const message: StoredMessage = {
        sid: `SM${randomBytes(16).toString('hex')}`,
        to: form.To,
        body: form.Body,
        messagingServiceSid: form.MessagingServiceSid,
        statusCallback: form.StatusCallback,
        dateCreated: new Date().toUTCString(),
      };
      this.messages.push(message);
      return { status: 201, body: resource(m[1], message) };
    }
    const list = this.messages.filter((x) => !query.To || x.to === query.To).reverse();
    return {
      status: 200,
      body: { messages: list.map((x) => resource(m[1], x)), page: 0, page_size: 50, uri: url.pathname, next_page_uri: null, first_page_uri: url.pathname, previous_page_uri: null },
    };
  }
}

function resource(accountSid: string, m: StoredMessage) {
  return {
    sid: m.sid,
    account_sid: accountSid,
    messaging_service_sid: m.messagingServiceSid,
    to: m.to,
    from: null,
    body: m.body,
    status: 'accepted',
    num_segments: '1',
    direction: 'outbound-api',
    price: null,
    price_unit: 'USD',
    date_created: m.dateCreated,
    date_updated: m.dateCreated,
    date_sent: null,
    error_code: null,
    error_message: null,
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json`,
  };
}
