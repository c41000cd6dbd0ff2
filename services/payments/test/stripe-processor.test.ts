import Stripe from 'stripe';
import { ForgedWebhookError, StripeProcessor } from '../src/processor';
import { startStripeMock } from './support/stripe-mock';

/**
 * The Stripe adapter against stripe-mock, which validates every request against Stripe's OpenAPI spec and
 * answers with fixtures: a request shape the real API would refuse fails here.
 */
describe('Stripe adapter against stripe-mock', () => {
  let mock: Awaited<ReturnType<typeof startStripeMock>>;
  let processor: StripeProcessor;
  const webhookSecret = 'whsec_test_secret_for_stripe_adapter';

  beforeAll(async () => {
    mock = await startStripeMock();
    processor = new StripeProcessor({ secretKey: 'sk_test_123', webhookSecret, apiUrl: mock.url });
  });
  afterAll(() => mock?.stop());

  it('confirms a PaymentIntent with the idempotency key and maps its status', async () => {
    const result = await processor.charge({
      amountCents: 12_345,
      token: 'pm_card_visa',
      offSession: false,
      idempotencyKey: 'pay:test:1',
      metadata: { tenantId: 't1', accountId: 'a1' },
    });
    // stripe-mock answers a fixture; whatever its status, the adapter must name a PaymentIntent.
    expect(['succeeded', 'pending', 'declined']).toContain(result.status);
    expect(result).toMatchObject({ processorPaymentId: expect.stringMatching(/^pi_/) });
  });

  it('charges a saved card off-session with customer and payment method', async () => {
    const saved = await processor.saveCard({ token: 'pm_card_visa', idempotencyKey: 'card:test:1', metadata: { accountId: 'a1' } });
    expect(saved.processorToken).toMatch(/^cus_.+\|pm_/);
    const result = await processor.charge({
      amountCents: 2_500,
      token: saved.processorToken,
      offSession: true,
      idempotencyKey: 'plan-1:2:1',
      metadata: { planId: 'plan-1' },
    });
    expect(['succeeded', 'pending', 'declined']).toContain(result.status);
  });

  it('refunds a PaymentIntent', async () => {
    const refund = await processor.refund({ processorPaymentId: 'pi_123', amountCents: 500, idempotencyKey: 'refund:1', metadata: {} });
    expect(refund.processorRefundId).toMatch(/^re_/);
  });

  it('rejects a request shape the API does not accept (stripe-mock is a real check)', async () => {
    await expect(
      processor.charge({ amountCents: 'twelve' as unknown as number, token: 'pm_card_visa', offSession: false, idempotencyKey: 'bad:1', metadata: {} }),
    ).rejects.toThrow();
  });

  it('verifies webhook signatures and rejects forged ones', () => {
    const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_9', object: 'payment_intent', amount: 700 } } });
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
    expect(processor.verifyWebhook(Buffer.from(payload), header)).toMatchObject({ id: 'evt_1', processorPaymentId: 'pi_9', amountCents: 700 });
    const forged = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_someone_else' });
    expect(() => processor.verifyWebhook(Buffer.from(payload), forged)).toThrow(ForgedWebhookError);
    expect(() => processor.verifyWebhook(Buffer.from(payload.replace('700', '70000')), header)).toThrow(ForgedWebhookError);
    expect(() => processor.verifyWebhook(Buffer.from(payload), undefined)).toThrow(ForgedWebhookError);
  });
});
