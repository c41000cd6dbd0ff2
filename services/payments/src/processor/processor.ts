/**
 * The port every card processor adapter implements. Our servers only ever see tokens: the browser (or the
 * processor's own field widget) turns a card into a one-time token, `saveCard` turns that into a reusable token
 * for autopay, and charges name a token. PAN and CVC never reach this interface.
 */
export interface ChargeRequest {
  amountCents: number;
  /** A one-time token from the page, or the reusable token of a card on file. */
  token: string;
  /** Charged without the patient present (autopay): the processor applies its off-session rules. */
  offSession: boolean;
  /** The processor replays the first result for a repeated key instead of charging twice. */
  idempotencyKey: string;
  /** Opaque IDs only (tenant, account, plan); processors show metadata on their dashboards. */
  metadata: Record<string, string>;
}

export type ChargeResult =
  | { status: 'succeeded'; processorPaymentId: string }
  /** Accepted but not final (e.g. bank authentication); the webhook settles it. */
  | { status: 'pending'; processorPaymentId: string }
  | { status: 'declined'; code: string; hard: boolean; processorPaymentId?: string };

export interface SavedCard {
  /** Reusable token (processor customer + payment method); stored in Postgres only, never logged whole. */
  processorToken: string;
  brand: string | null;
  last4: string | null;
}

export interface RefundRequest {
  processorPaymentId: string;
  amountCents: number;
  idempotencyKey: string;
  metadata: Record<string, string>;
}

export interface RefundResult {
  processorRefundId: string;
  status: 'succeeded' | 'pending' | 'failed';
}

/** A verified processor webhook, reduced to what payments acts on. */
export interface ProcessorEvent {
  id: string;
  type: string;
  processorPaymentId?: string;
  amountCents?: number;
  declineCode?: string;
}

export class ForgedWebhookError extends Error {
  constructor(reason: string) {
    super(`webhook rejected: ${reason}`);
    this.name = 'ForgedWebhookError';
  }
}

/** How the pay page turns a card into a token in the browser. */
export type Tokenization = { kind: 'sandbox' } | { kind: 'stripe'; publishableKey: string };

export interface PaymentProcessor {
  readonly name: 'sandbox' | 'stripe';
  readonly tokenization: Tokenization;
  charge(request: ChargeRequest): Promise<ChargeResult>;
  saveCard(request: { token: string; idempotencyKey: string; metadata: Record<string, string> }): Promise<SavedCard>;
  refund(request: RefundRequest): Promise<RefundResult>;
  /** Throws ForgedWebhookError unless the signature over the exact raw bytes is valid and recent. */
  verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined): ProcessorEvent;
}

export const PAYMENT_PROCESSOR = Symbol('PAYMENT_PROCESSOR');

/** Last characters of a token, for logs and support: enough to tell two cards apart, useless to charge. */
export function tokenTail(token: string): string {
  return `…${token.slice(-4)}`;
}
