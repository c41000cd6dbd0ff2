/** What the text sender needs from a provider: send one message, and find one it may already have. */
export interface OutboundSms {
  to: string;
  body: string;
  /** Where the provider reports delivery (the gateway's webhook). */
  statusCallback: string;
}

export interface SmsReceipt {
  providerMessageId: string;
  costCents?: number | null;
}

export interface SmsTransport {
  readonly kind: 'twilio' | 'sandbox';
  send(message: OutboundSms): Promise<SmsReceipt>;
  /** A message to `to` with exactly `body` created at or after `since`, if the provider has one. */
  findSent(to: string, body: string, since: Date): Promise<SmsReceipt | undefined>;
}

/** E.164 for US numbers written the usual ways; undefined when it is not a phone number at all. */
export function toE164(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : undefined;
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return undefined;
}
