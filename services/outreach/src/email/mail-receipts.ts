/**
 * Asks the mail relay whether it already accepted a message, by Message-ID. Plain SMTP cannot be asked, so
 * without a receipts API an in-doubt email (the worker died between the relay's "250 OK" and our record) is
 * sent again with the same Message-ID, which receivers treat as the same message. Relays with a message
 * search API implement this; the dev/test sink (maildev) has one.
 */
export interface MailReceipts {
  accepted(messageId: string): Promise<boolean>;
}

export class MaildevReceipts implements MailReceipts {
  constructor(private readonly apiUrl: string) {}

  async accepted(messageId: string): Promise<boolean> {
    const url = new URL('/api/email', this.apiUrl);
    url.searchParams.set('headers.message-id', messageId);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`mail receipts answered ${res.status}`);
    const found = (await res.json()) as Array<{ headers?: Record<string, unknown> }>;
    // Filtered again here: the sink's query filter is a convenience, the Message-ID match is the fact.
    return found.some((m) => m.headers?.['message-id'] === messageId);
  }
}
