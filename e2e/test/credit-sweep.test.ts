import { Client, Connection } from '@temporalio/client';
import { dataConverterFor } from '@courtesy/temporal';
import { CODEC_KEYS, TEST_NAMESPACE, runId } from '../support/env';
import { eventually } from '../support/eventually';
import { guarantor, remittance, visit } from '../support/events';
import { startPaymentsStack, type PaymentsStack } from '../support/payments-stack';
import { balanceOf } from '../support/pay-fixtures';

/**
 * The weekly credit sweep, triggered through its real Temporal Schedule: a patient who paid in full and whose
 * insurance then paid late has a credit; it goes first to a family member's open balance at the same clinic,
 * and the rest is refunded through the processor to the card that paid, within the 5 business days allowed.
 */
describe('credit balance sweep', () => {
  let stack: PaymentsStack;
  let temporal: Client;

  beforeAll(async () => {
    stack = await startPaymentsStack({ payments: { CREDIT_SWEEP_SCHEDULE: 'true' } });
    temporal = new Client({
      connection: await Connection.connect({ address: '127.0.0.1:7233' }),
      namespace: TEST_NAMESPACE,
      dataConverter: dataConverterFor({ PAYLOAD_CODEC_KEYS: CODEC_KEYS }),
    });
  }, 180_000);

  afterAll(async () => {
    for (const job of ['credit-sweep', 'scheduled-payments']) {
      await temporal?.schedule.getHandle(`payments:${job}:${stack.queues.TEMPORAL_PAYMENTS_TASK_QUEUE}`).delete().catch(() => undefined);
    }
    await temporal?.connection.close();
    await stack?.stop();
  });

  it('applies a credit to a family member’s balance and refunds the remainder', async () => {
    const run = runId();
    const tenantId = `t-${run}`;
    const clinicId = `c-${run}`;
    await stack.clinics.upsert({ tenantId, clinicId, name: 'Maple Street Physical Therapy', timeZone: 'America/Chicago', phone: '(555) 010-2030' });
    // Two accounts of one household (same guarantor surname and address): the parent and a child.
    await stack.ingest(tenantId, [
      guarantor(`g1-${run}`, clinicId, 'A-1', `pa-${run}@example.test`),
      visit(`v1-${run}`, clinicId, 'A-1', 5_000),
      guarantor(`g2-${run}`, clinicId, 'A-2', `pb-${run}@example.test`),
      visit(`v2-${run}`, clinicId, 'A-2', 2_000, 'V-2'),
    ]);
    const idOf = async (ref: string) =>
      eventually(async () => (await stack.accountsDb.query('select id from accounts where tenant_id = $1 and account_ref = $2', [tenantId, ref])).rows[0]?.id as string | undefined);
    const [a, b] = [await idOf('A-1'), await idOf('A-2')];
    await eventually(async () => ((await balanceOf(stack, a)) === 5_000 && (await balanceOf(stack, b)) === 2_000 ? true : undefined));

    // A pays in full by card; then insurance pays $30.00 late: A is $30.00 in credit.
    const { ChargeService } = await import('../../services/payments/src/charges/charge.service');
    const paid = await stack.payments.get(ChargeService).charge({ tenantId, clinicId, accountId: a, amountCents: 5_000, token: 'tok_sandbox_visa', idempotencyKey: `page:test:${run}`, source: 'pay_page' });
    expect(paid.status).toBe('succeeded');
    await eventually(async () => ((await balanceOf(stack, a)) === 0 ? true : undefined));
    await stack.ingest(tenantId, [remittance(`r1-${run}`, clinicId, 'A-1', { paid: 3_000, contractual: 0, deductible: 0, coinsurance: 0, copay: 0 })]);
    await eventually(async () => ((await balanceOf(stack, a)) === -3_000 ? true : undefined));

    // The schedule exists (weekly) and a triggered run does the sweep.
    const schedule = temporal.schedule.getHandle(`payments:credit-sweep:${stack.queues.TEMPORAL_PAYMENTS_TASK_QUEUE}`);
    const described = await schedule.describe();
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'CreditSweepWorkflow', taskQueue: stack.queues.TEMPORAL_PAYMENTS_TASK_QUEUE });
    expect(JSON.stringify(described.spec)).toMatch(/MONDAY|dayOfWeek/i);
    await schedule.trigger();

    await eventually(async () => ((await balanceOf(stack, a)) === 0 && (await balanceOf(stack, b)) === 0 ? true : undefined), 60_000);
    const transfers = await stack.paymentsDb.query('select to_account_id, amount_cents from credit_transfers where from_account_id = $1', [a]);
    expect(transfers.rows).toEqual([{ to_account_id: b, amount_cents: '2000' }]);
    const refunds = await stack.paymentsDb.query('select amount_cents, status, payment_id, detected_at, issued_at from refunds where account_id = $1', [a]);
    expect(refunds.rows).toHaveLength(1);
    expect(refunds.rows[0]).toMatchObject({ amount_cents: '1000', status: 'succeeded', payment_id: paid.id });
    const days = (Date.parse(refunds.rows[0].issued_at) - Date.parse(refunds.rows[0].detected_at)) / 86_400_000;
    expect(days).toBeLessThan(5);
    // The ledger shows both legs: the transfer into B as a payment, the refund on A as a correction.
    const ledgerB = await stack.accountsDb.query(`select kind, amount_cents from ledger_entries where account_id = $1 and kind = 'patient_payment'`, [b]);
    expect(ledgerB.rows).toEqual([{ kind: 'patient_payment', amount_cents: '-2000' }]);

    // A second run the same week finds nothing left to do.
    await schedule.trigger();
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await stack.paymentsDb.query('select count(*)::int as n from refunds where account_id = $1', [a])).rows[0].n).toBe(1);
  });
});
