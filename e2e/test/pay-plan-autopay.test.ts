import { Client, Connection } from '@temporalio/client';
import { dataConverterFor } from '@courtesy/temporal';
import { balanceStateQuery, balanceWorkflowId, domain, paymentPlanWorkflowId } from '@courtesy/workflows';
import type { SandboxProcessor } from '@courtesy/payments';
import { CODEC_KEYS, TEST_NAMESPACE, daytimeZone, runId } from '../support/env';
import { eventually } from '../support/eventually';
import { startPaymentsStack, type PaymentsStack } from '../support/payments-stack';
import { PageClient, balanceOf, expectRunsOnThisStack, field, patientOwing } from '../support/pay-fixtures';

/**
 * A 4-payment plan with autopay chosen on the pay page, run for real: accounts asks the balance workflow
 * (acceptPlan), its PaymentPlanWorkflow child records the schedule with payments and charges the card on file
 * on each date through the payments worker; installment 2 soft-declines (insufficient funds), is retried a
 * policy day later and succeeds; 3 and 4 succeed on their dates; every charge reaches the ACCOUNTS LEDGER, which
 * ends at zero, and the balance workflow resolves.
 *
 * Why the dev server with a short clinic day rather than the time-skipping server: the path crosses Kafka
 * (payments' outbox → accounts → ledger → signals), HTTP (pay page, accounts' facts) and three workers, none of
 * which the time-skipping server's clock moves. Instead the clinic's day is 1 s and its policy puts 7 days between
 * installments: the plan child scales its whole schedule by the clinic's day (plan-collection `planTimeMs`), so
 * the four installments and the retry take about 25 s of wall time, with room to spare on a busy machine.
 */
const DAY_MS = 1_000;
const INTERVAL_DAYS = 7;

describe('pay page: 4-payment plan with autopay, one soft decline retried', () => {
  let stack: PaymentsStack;
  let temporal: Client;

  beforeAll(async () => {
    // The outreach worker runs too: the balance workflow's reminders and the plan's reminders go out (with links).
    stack = await startPaymentsStack({ outreach: true });
    temporal = new Client({
      connection: await Connection.connect({ address: '127.0.0.1:7233' }),
      namespace: TEST_NAMESPACE,
      dataConverter: dataConverterFor({ PAYLOAD_CODEC_KEYS: CODEC_KEYS }),
    });
  }, 180_000);

  afterAll(async () => {
    await temporal?.connection.close();
    await stack?.stop();
  });

  it('charges four installments on their dates, retries the soft decline, and zeroes the ledger', async () => {
    const run = runId();
    const base = domain.defaultPolicy({ dayLengthMs: DAY_MS });
    const patient = await patientOwing(stack, run, 48_000, { dayLengthMs: DAY_MS, timeZone: daytimeZone(), policy: { ...base, plan: { ...base.plan, intervalDays: INTERVAL_DAYS } } });
    const balanceId = balanceWorkflowId(patient.tenantId, patient.clinicId, patient.accountId);
    // The workflow is running (on the clinic's stored policy: the 7-day schedule below shows it).
    await eventually(async () => temporal.workflow.getHandle(balanceId).query(balanceStateQuery).catch(() => undefined), 30_000);
    await expectRunsOnThisStack(stack, temporal.workflow.getHandle(balanceId));
    // The card's first charge succeeds, the second is declined for insufficient funds (soft), the rest succeed.
    (stack.processor as SandboxProcessor).script('tok_sandbox_visa', ['ok', 'insufficient_funds']);

    const link = await stack.payLinks.create({ tenantId: patient.tenantId, clinicId: patient.clinicId, accountId: patient.accountId });
    const page = new PageClient(stack.paymentsUrl);
    const path = new URL(link.url).pathname;
    expect((await page.post(`${path}/verify`, { answer: patient.dateOfBirth })).status).toBe(303);
    const form = await page.get(`${path}/plan`);
    const firstDueDate = field(form.html, 'firstDueDate');
    const preview = await page.post(`${path}/plan/preview`, { csrf: field(form.html, 'csrf'), installments: '4', firstDueDate });
    expect(preview.status).toBe(200);
    const confirmed = await page.post(`${path}/plan/confirm`, {
      csrf: field(preview.html, 'csrf'),
      requestId: field(preview.html, 'requestId'),
      installments: '4',
      firstDueDate,
      autopay: 'yes',
      paymentToken: 'tok_sandbox_visa',
      chargeCap: '150.00',
      consent: 'yes',
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.html).toContain('Your payment plan is set up');

    const planHandle = temporal.workflow.getHandle(paymentPlanWorkflowId(balanceId, 'p1'));
    const plan = await eventually(async () => {
      const { rows } = await stack.paymentsDb.query('select plan_id, autopay from plans where account_id = $1', [patient.accountId]);
      return rows[0] as { plan_id: string; autopay: boolean } | undefined;
    }, 45_000);
    expect(plan.autopay).toBe(true);
    const { rows: installments } = await stack.paymentsDb.query('select seq, amount_cents, due_at from installments where plan_id = $1 order by seq', [plan.plan_id]);
    expect(installments.map((i: { amount_cents: string }) => Number(i.amount_cents))).toEqual([12_000, 12_000, 12_000, 12_000]);
    // The page showed the schedule the workflow recorded (the clinic's interval, not always monthly).
    const dueDates = installments.map((i: { due_at: Date }) => i.due_at.getTime());
    expect(dueDates.slice(1).map((d: number, k: number) => Math.round((d - dueDates[k]) / 86_400_000))).toEqual([7, 7, 7]);
    expect(preview.html).toContain('$120.00');

    // The ledger accounts keeps reaches zero: four card payments, nothing else.
    await eventually(async () => ((await balanceOf(stack, patient.accountId)) === 0 ? true : undefined), 120_000, 1_000);
    const ledger = await stack.accountsDb.query(`select amount_cents from ledger_entries where account_id = $1 and kind = 'patient_payment' order by occurred_at`, [patient.accountId]);
    expect(ledger.rows.map((r: { amount_cents: string }) => Number(r.amount_cents))).toEqual([-12_000, -12_000, -12_000, -12_000]);

    // Payments' record of each charge: installment 2 declined soft once, then paid on its retry; no other retry.
    const { rows: charges } = await stack.paymentsDb.query(
      `select installment_seq as seq, attempt, status, decline_code, created_at from payments where account_id = $1 and source = 'plan_installment' order by created_at`,
      [patient.accountId],
    );
    expect(charges.map((c: { seq: number; attempt: number; status: string; decline_code: string | null }) => [c.seq, c.attempt, c.status, c.decline_code])).toEqual([
      [1, 1, 'succeeded', null],
      [2, 1, 'soft_declined', 'insufficient_funds'],
      [2, 2, 'succeeded', null],
      [3, 1, 'succeeded', null],
      [4, 1, 'succeeded', null],
    ]);
    // Each installment is charged on (never before) its date on the plan's clock: the schedule's instants
    // scaled by the clinic's day from the moment the plan started (allowing the clock read's slack).
    const anchor = (await planHandle.describe()).startTime.getTime();
    const planTime = (dueAt: Date) => anchor + Math.round(((dueAt.getTime() - anchor) * DAY_MS) / 86_400_000);
    for (const c of charges as Array<{ seq: number; attempt: number; created_at: Date }>) {
      const due = planTime(installments[c.seq - 1].due_at as Date);
      expect(c.created_at.getTime()).toBeGreaterThanOrEqual(due - 250);
    }

    expect(await planHandle.result()).toMatchObject({ status: 'paid', remainingCents: 0, paidCents: 48_000 });
    const balance = temporal.workflow.getHandle(balanceId);
    await eventually(async () => ((await balance.describe()).status.name === 'COMPLETED' ? true : undefined), 30_000);
    expect(await balance.result()).toMatchObject({ stage: 'resolved', balanceCents: 0, plan: { planId: 'p1', status: 'paid' } });
  }, 240_000);
});
