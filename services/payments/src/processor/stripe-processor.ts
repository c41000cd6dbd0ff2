import Stripe from 'stripe';
import { isHardDecline } from './declines';
import { verifyStripeStyleWebhook } from './sandbox-processor';
import type {
  ChargeRequest,
  ChargeResult,
  PaymentProcessor,
  ProcessorEvent,
  RefundRequest,
  RefundResult,
  SavedCard,
  Tokenization,
} from './processor';

export interface StripeSettings {
  secretKey: string;
  publishableKey?: string;
  webhookSecret: string;
  /** Only to aim the SDK at stripe-mock in tests (e.g. http://127.0.0.1:12111). */
  apiUrl?: string;
}

/** A card on file is a Stripe customer with an attached payment method; we keep both IDs as one token. */
const joinToken = (customer: string, paymentMethod: string) => `${customer}|${paymentMethod}`;
const splitToken = (token: string): { customer?: string; paymentMethod: string } => {
  const [a, b] = token.split('|');
  return b ? { customer: a, paymentMethod: b } : { paymentMethod: a! };
};

/**
 * Stripe through its official SDK: PaymentIntents (confirmed server-side with a token from Stripe Elements or a
 * saved payment method), SetupIntents for card on file, refunds, and signed webhooks. Every mutating call carries
 * our idempotency key, so a retried activity or a double-clicked button never charges twice.
 */
export class StripeProcessor implements PaymentProcessor {
  readonly name = 'stripe' as const;
  readonly tokenization: Tokenization;
  private readonly stripe: Stripe;

  constructor(private readonly settings: StripeSettings) {
    const url = settings.apiUrl ? new URL(settings.apiUrl) : undefined;
    this.stripe = new Stripe(settings.secretKey, {
      telemetry: false,
      maxNetworkRetries: 2,
      timeout: 20_000,
      ...(url ? { host: url.hostname, port: url.port, protocol: url.protocol.replace(':', '') as 'http' | 'https' } : {}),
    });
    this.tokenization = { kind: 'stripe', publishableKey: settings.publishableKey ?? '' };
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const { customer, paymentMethod } = splitToken(request.token);
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: request.amountCents,
          currency: 'usd',
          payment_method: paymentMethod,
          ...(customer ? { customer } : {}),
          confirm: true,
          off_session: request.offSession,
          automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
          metadata: request.metadata,
        },
        { idempotencyKey: request.idempotencyKey },
      );
      switch (intent.status) {
        case 'succeeded':
          return { status: 'succeeded', processorPaymentId: intent.id };
        case 'processing':
        case 'requires_capture':
          return { status: 'pending', processorPaymentId: intent.id };
        case 'requires_action':
          // The bank wants the patient present; off-session that is a soft decline (they can pay by link).
          return { status: 'declined', code: 'authentication_required', hard: false, processorPaymentId: intent.id };
        default: {
          const code = intent.last_payment_error?.decline_code ?? intent.last_payment_error?.code ?? `intent_${intent.status}`;
          return { status: 'declined', code, hard: isHardDecline(code), processorPaymentId: intent.id };
        }
      }
    } catch (err) {
      if (err instanceof Stripe.errors.StripeCardError) {
        const code = err.decline_code ?? err.code ?? 'card_declined';
        return { status: 'declined', code, hard: isHardDecline(code), processorPaymentId: err.payment_intent?.id };
      }
      throw err;
    }
  }

  async saveCard(request: { token: string; idempotencyKey: string; metadata: Record<string, string> }): Promise<SavedCard> {
    const customer = await this.stripe.customers.create(
      { metadata: request.metadata },
      { idempotencyKey: `${request.idempotencyKey}:customer` },
    );
    const setup = await this.stripe.setupIntents.create(
      {
        customer: customer.id,
        payment_method: request.token,
        confirm: true,
        usage: 'off_session',
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
        metadata: request.metadata,
      },
      { idempotencyKey: `${request.idempotencyKey}:setup` },
    );
    const pmId = typeof setup.payment_method === 'string' ? setup.payment_method : (setup.payment_method?.id ?? request.token);
    const pm = await this.stripe.paymentMethods.retrieve(pmId);
    return { processorToken: joinToken(customer.id, pmId), brand: pm.card?.brand ?? null, last4: pm.card?.last4 ?? null };
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    const refund = await this.stripe.refunds.create(
      { payment_intent: request.processorPaymentId, amount: request.amountCents, metadata: request.metadata },
      { idempotencyKey: request.idempotencyKey },
    );
    const status = refund.status === 'succeeded' ? 'succeeded' : refund.status === 'failed' || refund.status === 'canceled' ? 'failed' : 'pending';
    return { processorRefundId: refund.id, status };
  }

  verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined): ProcessorEvent {
    return verifyStripeStyleWebhook(this.stripe, rawBody, signatureHeader, this.settings.webhookSecret);
  }
}
