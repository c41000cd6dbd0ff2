import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { createPaymentsApp, loadPaymentsConfig } from '../src';
import { paymentsTestEnv } from './support/env';

/**
 * Processor webhooks on the real HTTP server and Postgres: a signed event settles a pending payment once; the
 * same event again changes nothing; a forged or tampered one is rejected and changes nothing.
 */
describe('processor webhooks', () => {
  const secret = 'whsec_webhook_test_secret_0123456789';
  let app: INestApplication;
  let url: string;
  let db: DataSource;

  beforeAll(async () => {
    ({ app, url } = await createPaymentsApp(loadPaymentsConfig(paymentsTestEnv({ PROCESSOR_WEBHOOK_SECRET: secret }))));
    db = app.get(DataSource);
  }, 60_000);
  afterAll(() => app?.close());

  async function pendingPayment() {
    const processorPaymentId = `pi_sandbox_${randomUUID().replace(/-/g, '')}`;
    const accountId = randomUUID();
    await db.query(
      `insert into payments (idempotency_key, tenant_id, clinic_id, account_id, amount_cents, status, processor, processor_payment_id, source)
       values ($1, 't-wh', 'c-wh', $2, 4200, 'pending', 'sandbox', $3, 'pay_page')`,
      [`wh:${randomUUID()}`, accountId, processorPaymentId],
    );
    return { processorPaymentId, accountId };
  }

  const post = (body: string, signature?: string) =>
    fetch(`${url}/webhooks/processor`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) }, body });

  const eventFor = (processorPaymentId: string) =>
    JSON.stringify({ id: `evt_${randomUUID().replace(/-/g, '')}`, object: 'event', type: 'payment_intent.succeeded', data: { object: { id: processorPaymentId, object: 'payment_intent', amount: 4200 } } });

  const factsFor = async (accountId: string) => (await db.query(`select payload->>'type' as type from outbox where message_key = $1`, [accountId])).map((r: { type: string }) => r.type);
  const statusOf = async (id: string) => (await db.query('select status from payments where processor_payment_id = $1', [id]))[0].status;

  it('settles a pending payment once; the duplicate delivery changes nothing', async () => {
    const { processorPaymentId, accountId } = await pendingPayment();
    const body = eventFor(processorPaymentId);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret });
    const first = await post(body, signature);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, outcome: 'applied' });
    expect(await statusOf(processorPaymentId)).toBe('succeeded');
    expect(await factsFor(accountId)).toEqual(['payment.succeeded']);

    const again = await post(body, signature);
    expect(await again.json()).toEqual({ received: true, outcome: 'duplicate' });
    expect(await factsFor(accountId)).toEqual(['payment.succeeded']);
  });

  it('rejects a forged, tampered or unsigned webhook and changes nothing', async () => {
    const { processorPaymentId, accountId } = await pendingPayment();
    const body = eventFor(processorPaymentId);
    const forged = await post(body, Stripe.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_not_our_secret_at_all' }));
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { errors: Array<{ path: string }> }).errors[0]!.path).toBe('headers.stripe-signature');
    const signedOther = Stripe.webhooks.generateTestHeaderString({ payload: body, secret });
    expect((await post(body.replace('4200', '1'), signedOther)).status).toBe(400);
    expect((await post(body)).status).toBe(400);
    const stale = Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect((await post(body, stale)).status).toBe(400);
    expect(await statusOf(processorPaymentId)).toBe('pending');
    expect(await factsFor(accountId)).toEqual([]);
  });
});
