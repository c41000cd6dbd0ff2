import { createHash, randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { isHardDecline } from './declines';
import {
  ForgedWebhookError,
  type ChargeRequest,
  type ChargeResult,
  type PaymentProcessor,
  type ProcessorEvent,
  type RefundRequest,
  type RefundResult,
  type SavedCard,
  type Tokenization,
} from './processor';

/**
 * Test cards of the sandbox. The pay page's sandbox tokenizer maps these numbers to tokens in the browser
 * (the way a processor's field widget would), so even in the sandbox a card number is never posted to us.
 */
export const SANDBOX_TEST_CARDS = [
  { number: '4242424242424242', token: 'tok_sandbox_visa', outcome: 'succeeds', brand: 'visa', last4: '4242' },
  { number: '4000000000000002', token: 'tok_sandbox_declined', outcome: 'declined (do_not_honor, hard)', brand: 'visa', last4: '0002' },
  { number: '4000000000009995', token: 'tok_sandbox_insufficient_funds', outcome: 'insufficient funds (soft)', brand: 'visa', last4: '9995' },
  { number: '4000000000000069', token: 'tok_sandbox_expired', outcome: 'expired card (hard)', brand: 'visa', last4: '0069' },
] as const;

const DECLINE_BY_TOKEN: Record<string, string> = {
  tok_sandbox_declined: 'do_not_honor',
  tok_sandbox_insufficient_funds: 'insufficient_funds',
  tok_sandbox_expired: 'expired_card',
};

interface SandboxCard {
  baseToken: string;
}

/**
 * The default processor: no credentials, no network. Charges succeed or decline by test card; results are
 * remembered per idempotency key exactly as a real processor replays them. Webhooks use the same signature
 * scheme as Stripe's (HMAC-SHA256 over `t.body`), verified with the secret from config.
 */
export class SandboxProcessor implements PaymentProcessor {
  readonly name = 'sandbox' as const;
  readonly tokenization: Tokenization = { kind: 'sandbox' };
  private readonly byKey = new Map<string, ChargeResult>();
  private readonly cards = new Map<string, SandboxCard>();
  private readonly charges = new Map<string, { amountCents: number; refundedCents: number }>();
  private readonly refunds = new Map<string, RefundResult>();
  /** Outcomes queued by tests or demos for a token: each charge on it takes the next one first. */
  private readonly scripted = new Map<string, string[]>();
  private readonly stripe = new Stripe('sk_sandbox_unused', { telemetry: false });

  constructor(private readonly webhookSecret: string) {}

  /** Makes the next charges on `token` (one-time or card-on-file) end with these decline codes, or `ok`. */
  script(token: string, outcomes: string[]): void {
    this.scripted.set(token, [...(this.scripted.get(token) ?? []), ...outcomes]);
  }

  /** Every charge the sandbox accepted, for tests and the demo. */
  get chargeCount(): number {
    return this.charges.size;
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const replay = this.byKey.get(request.idempotencyKey);
    if (replay) return replay;
    const base = this.cards.get(request.token)?.baseToken ?? request.token;
    const queue = this.scripted.get(request.token) ?? this.scripted.get(base);
    const scripted = queue?.shift();
    const code = scripted !== undefined ? (scripted === 'ok' ? undefined : scripted) : this.declineFor(base);
    let result: ChargeResult;
    if (code) {
      result = { status: 'declined', code, hard: isHardDecline(code) };
    } else {
      const processorPaymentId = `pi_sandbox_${randomUUID().replace(/-/g, '')}`;
      this.charges.set(processorPaymentId, { amountCents: request.amountCents, refundedCents: 0 });
      result = { status: 'succeeded', processorPaymentId };
    }
    this.byKey.set(request.idempotencyKey, result);
    return result;
  }

  async saveCard(request: { token: string; idempotencyKey: string }): Promise<SavedCard> {
    const card = SANDBOX_TEST_CARDS.find((c) => c.token === request.token);
    if (!card && !request.token.startsWith('tok_sandbox_')) throw new Error('token: not a sandbox test card token');
    // Deterministic per idempotency key, so a retried save returns the same card on file.
    const processorToken = `cus_sandbox_${createHash('sha256').update(request.idempotencyKey).digest('hex').slice(0, 24)}`;
    this.cards.set(processorToken, { baseToken: request.token });
    return { processorToken, brand: card?.brand ?? null, last4: card?.last4 ?? null };
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    const replay = this.refunds.get(request.idempotencyKey);
    if (replay) return replay;
    const charge = this.charges.get(request.processorPaymentId);
    let result: RefundResult;
    if (!charge || charge.refundedCents + request.amountCents > charge.amountCents) {
      result = { processorRefundId: `re_sandbox_failed_${randomUUID().slice(0, 8)}`, status: 'failed' };
    } else {
      charge.refundedCents += request.amountCents;
      result = { processorRefundId: `re_sandbox_${randomUUID().replace(/-/g, '')}`, status: 'succeeded' };
    }
    this.refunds.set(request.idempotencyKey, result);
    return result;
  }

  verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined): ProcessorEvent {
    return verifyStripeStyleWebhook(this.stripe, rawBody, signatureHeader, this.webhookSecret);
  }

  private declineFor(token: string): string | undefined {
    if (!token.startsWith('tok_sandbox_')) return 'invalid_number';
    return DECLINE_BY_TOKEN[token];
  }
}

/** Stripe's signature check (timestamp tolerance 5 minutes), then the few fields payments acts on. */
export function verifyStripeStyleWebhook(
  stripe: Stripe,
  rawBody: Buffer,
  signatureHeader: string | undefined,
  secret: string,
): ProcessorEvent {
  if (!signatureHeader) throw new ForgedWebhookError('no signature header');
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(rawBody, signatureHeader, secret);
  } catch (err) {
    throw new ForgedWebhookError(err instanceof Error ? err.message.split('\n')[0]! : 'bad signature');
  }
  const object = (event.data?.object ?? {}) as { id?: string; object?: string; amount?: number; payment_intent?: string; last_payment_error?: { decline_code?: string; code?: string } };
  const processorPaymentId =
    object.object === 'payment_intent' ? object.id : typeof object.payment_intent === 'string' ? object.payment_intent : undefined;
  return {
    id: event.id,
    type: event.type,
    processorPaymentId,
    amountCents: typeof object.amount === 'number' ? object.amount : undefined,
    declineCode: object.last_payment_error?.decline_code ?? object.last_payment_error?.code,
  };
}
