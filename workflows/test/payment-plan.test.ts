/**
 * PaymentPlanWorkflow on the real time-skipping test server: months of a plan pass in seconds. The activity
 * implementations are in-memory stand-ins registered on the test worker (the outreach and payments workers
 * have their own tests); they record what the workflow asked for and at which (skipped) server time.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Context } from '@temporalio/activity';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { buildSchedule, type Installment } from '../src/domain/plan-schedule';
import { localDateOf, MS_PER_DAY } from '../src/domain/local-time';
import type { OutreachActivities, OutreachRequestBase, CreateCallTaskRequest } from '../src/shared/outreach-activities';
import type { ChargeInstallmentRequest, ChargeOutcome, PaymentsActivities } from '../src/shared/payments-activities';
import {
  cancelPlanSignal,
  planBalanceChangedSignal,
  planPaymentReceivedSignal,
  type PaymentPlanInput,
  type PaymentPlanResult,
  type PlanProgress,
} from '../src/shared/balance-messages';
import { paymentPlanStateQuery, type PaymentPlanRunInput } from '../src/workflows/payment-plan';
import { planTestDataConverter } from './plan-fixture-codec';
import { ALL_SEARCH_ATTRIBUTES } from '../src/shared/search-attributes';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

const indexedValueType = (type: SearchAttributeType) =>
  type === SearchAttributeType.INT
    ? temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT
    : type === SearchAttributeType.DATETIME
      ? temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME
      : temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;

const NY = 'America/New_York';
const DAY = MS_PER_DAY;
const TASK_QUEUE = `plans-${randomBytes(4).toString('hex')}`;

interface Call<R> {
  /** Server time the activity was scheduled at: the workflow's (skipped) clock. */
  at: number;
  request: R;
}
interface PlanRecord {
  texts: Call<OutreachRequestBase>[];
  emails: Call<OutreachRequestBase>[];
  callTasks: Call<CreateCallTaskRequest>[];
  charges: Call<ChargeInstallmentRequest>[];
  rebalances: Installment[][];
  cancels: string[];
  created: number;
}
const records = new Map<string, PlanRecord>();
const scripts = new Map<string, (r: ChargeInstallmentRequest) => ChargeOutcome['status']>();
const recordOf = (planId: string) => {
  let r = records.get(planId);
  if (!r) records.set(planId, (r = { texts: [], emails: [], callTasks: [], charges: [], rebalances: [], cancels: [], created: 0 }));
  return r;
};
const planOfAttempt = (workflowId: string) => workflowId.split(':plan:')[1]!;
const scheduledAt = () => Context.current().info.scheduledTimestampMs;

const outreach: OutreachActivities = {
  async sendText(request) {
    recordOf(planOfAttempt(request.workflowId)).texts.push({ at: scheduledAt(), request });
    return { status: 'sent', attemptId: request.attemptKey };
  },
  async sendEmail(request) {
    recordOf(planOfAttempt(request.workflowId)).emails.push({ at: scheduledAt(), request });
    return { status: 'sent', attemptId: request.attemptKey };
  },
  async mailStatement(request) {
    return { status: 'sent', attemptId: request.attemptKey };
  },
  async createCallTask(request) {
    recordOf(planOfAttempt(request.workflowId)).callTasks.push({ at: scheduledAt(), request });
    return { status: 'sent', attemptId: request.attemptKey };
  },
};

const payments: PaymentsActivities = {
  async createPlanSchedule(request) {
    recordOf(request.planId).created++;
    return { planId: request.planId };
  },
  async chargeInstallment(request) {
    recordOf(request.planId).charges.push({ at: scheduledAt(), request });
    const status = scripts.get(request.planId)?.(request) ?? 'succeeded';
    if (status === 'succeeded') return { status, paymentId: `pay-${request.idempotencyKey}`, amountCents: request.amountCents };
    return { status, code: status === 'soft_declined' ? 'insufficient_funds' : 'stolen_card' };
  },
  async rebalancePlan(request) {
    recordOf(request.planId).rebalances.push(request.installments);
  },
  async cancelPlan(request) {
    recordOf(request.planId).cancels.push(request.reason);
  },
};

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  env = await TestWorkflowEnvironment.createTimeSkipping({
    client: { dataConverter: planTestDataConverter },
    ...(path ? { server: { executable: { type: 'existing-path' as const, path } } } : {}),
  });
  // The test server knows no custom search attributes until they are registered, as infra does for the dev server.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(ALL_SEARCH_ATTRIBUTES.map((k) => [k.name, indexedValueType(k.type)])),
  });
  const bundle: WorkflowBundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./plan-probe.workflows'),
    logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: console.error },
  });
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    workflowBundle: bundle,
    dataConverter: planTestDataConverter,
    activities: { ...outreach, ...payments },
  });
  running = worker.run();
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

interface Started {
  planId: string;
  input: PaymentPlanInput;
  handle: WorkflowHandleWithFirstExecutionRunId;
  parent: WorkflowHandle;
  startMs: number;
}

/** Three monthly installments of $100.00, the first due ten days from now on the patient's calendar. */
async function startPlan(overrides: Partial<PaymentPlanRunInput> = {}): Promise<Started> {
  const planId = `p${randomBytes(4).toString('hex')}`;
  const parentWorkflowId = `balance:t1:c1:a-${planId}`;
  const startMs = await env.currentTimeMs();
  const schedule = buildSchedule({
    totalCents: 30_000,
    installments: 3,
    firstDueDate: localDateOf(startMs + 10 * DAY, NY),
    timeZone: NY,
  });
  const input: PaymentPlanRunInput = {
    planId,
    parentWorkflowId,
    tenantId: 't1',
    clinicId: 'c1',
    accountId: `a-${planId}`,
    policyVersion: 1,
    installments: schedule.installments,
    totalCents: 30_000,
    timeZone: NY,
    reminderDaysBefore: 2,
    retryScheduleDays: [1, 3, 7],
    dayLengthMs: DAY,
    autopay: true,
    cardOnFileId: 'card-1',
    contact: { firstName: 'Robin', phone: '+15555550123', email: 'robin@example.test', smsConsent: true, timeZone: NY },
    language: 'en',
    weeklyMessageCap: 3,
    taskQueues: { outreach: TASK_QUEUE, payments: TASK_QUEUE },
    ...overrides,
  };
  const parent = await env.client.workflow.start('PlanParentProbe', { taskQueue: TASK_QUEUE, workflowId: parentWorkflowId, args: [] });
  const handle = await env.client.workflow.start('PaymentPlanWorkflow', {
    taskQueue: TASK_QUEUE,
    workflowId: `${parentWorkflowId}:plan:${planId}`,
    args: [input],
  });
  return { planId, input, handle, parent, startMs };
}

/** With RECORD_FIXTURES=1 each scenario's history is written to test/plan-fixtures/ for the replay test. */
async function finish(s: Started, fixture?: string) {
  if (fixture && process.env.RECORD_FIXTURES === '1') {
    await s.handle.result();
    const dir = join(__dirname, 'plan-fixtures');
    mkdirSync(dir, { recursive: true });
    // Binary protobuf: this install's two protobufjs copies make historyToJSON throw "type must be a Type".
    writeFileSync(join(dir, `${fixture}.binpb`), temporal.api.history.v1.History.encode(await s.handle.fetchHistory()).finish());
  }
  const result = (await s.handle.result()) as PaymentPlanResult;
  const told = (await s.parent.result()) as { finished: PaymentPlanResult[]; progress: PlanProgress[] };
  return { result, told, record: recordOf(s.planId) };
}

const dueMs = (s: Started, seq: number) => Date.parse(s.input.installments[seq - 1]!.dueAt);
const remindMs = (s: Started, seq: number) => Date.parse(s.input.installments[seq - 1]!.remindAt);
/** The activity is scheduled in the workflow task that follows the timer: within a few seconds of it. */
const near = (actual: number, expected: number) => {
  expect(actual).toBeGreaterThanOrEqual(expected);
  expect(actual - expected).toBeLessThan(60_000);
};

describe('PaymentPlanWorkflow', () => {
  describe('all paid on time with autopay', () => {
    let s: Started;
    let out: Awaited<ReturnType<typeof finish>>;
    beforeAll(async () => {
      s = await startPlan();
      out = await finish(s, 'paid-on-time');
    });

    it('charges each installment once on its due date and ends paid', () => {
      expect(out.result).toEqual({ planId: s.planId, status: 'paid', remainingCents: 0, paidCents: 30_000, missedInstallments: 0 });
      expect(out.told.finished).toEqual([out.result]);
      expect(out.record.created).toBe(1);
      expect(out.record.charges.map((c) => c.request.idempotencyKey)).toEqual([1, 2, 3].map((n) => `${s.planId}:${n}:1`));
      out.record.charges.forEach((c, i) => near(c.at, dueMs(s, i + 1)));
      expect(out.record.charges.map((c) => c.request.amountCents)).toEqual([10_000, 10_000, 10_000]);
      expect(out.record.callTasks).toEqual([]);
      expect(out.record.cancels).toEqual([]);
    });

    it('texts a reminder two local days before each due date, before the charge', () => {
      expect(out.record.texts.map((t) => t.request.stepKey)).toEqual(['plan-reminder-1', 'plan-reminder-2', 'plan-reminder-3']);
      out.record.texts.forEach((t, i) => {
        near(t.at, remindMs(s, i + 1));
        // Two calendar days at 10:00 local, whatever DST does in between.
        expect(localDateOf(t.at, NY)).toBe(localDateOf(dueMs(s, i + 1) - 2 * DAY, NY));
        expect(t.request.figures).toEqual({ planPaymentCents: 10_000, planPaymentDate: s.input.installments[i]!.dueDate });
        expect(t.request.templateKey).toBe('plan_reminder');
      });
      expect(out.record.emails).toEqual([]);
    });
  });

  it('retries installment 2 a day after a soft decline, and the plan still ends paid', async () => {
    const s = await startPlan();
    scripts.set(s.planId, (r) => (r.installmentNumber === 2 && r.attempt === 1 ? 'soft_declined' : 'succeeded'));
    const { result, told, record } = await finish(s, 'soft-decline-retried');
    expect(result).toMatchObject({ status: 'paid', paidCents: 30_000, missedInstallments: 1 });
    expect(record.charges.map((c) => c.request.idempotencyKey)).toEqual([
      `${s.planId}:1:1`, `${s.planId}:2:1`, `${s.planId}:2:2`, `${s.planId}:3:1`,
    ]);
    near(record.charges[2]!.at, dueMs(s, 2) + 1 * DAY);
    expect(record.callTasks).toEqual([]);
    expect(told.progress.filter((p) => p.event === 'retry_scheduled').map((p) => p.installmentSeq)).toEqual([2]);
  });

  it('hard decline: a call task at once, no retry, then the plan defaults', async () => {
    const s = await startPlan();
    scripts.set(s.planId, () => 'hard_declined');
    const { result, told, record } = await finish(s, 'hard-decline-default');
    expect(result).toEqual({
      planId: s.planId, status: 'defaulted', remainingCents: 30_000, paidCents: 0, missedInstallments: 1, reason: 'hard_decline',
    });
    expect(record.charges).toHaveLength(1);
    expect(record.callTasks.map((c) => c.request.purpose)).toEqual(['hard_decline']);
    near(record.callTasks[0]!.at, dueMs(s, 1));
    expect(record.cancels).toEqual(['hard_decline']);
    expect(told.finished).toEqual([result]);
  });

  it('soft declines on every retry (+1, +3, +7): call task, then default', async () => {
    const s = await startPlan();
    scripts.set(s.planId, () => 'soft_declined');
    const { result, record } = await finish(s, 'retries-exhausted');
    expect(result).toMatchObject({ status: 'defaulted', reason: 'retries_exhausted', missedInstallments: 1 });
    [0, 1, 3, 7].forEach((d, k) => near(record.charges[k]!.at, dueMs(s, 1) + d * DAY));
    expect(record.charges.map((c) => c.request.attempt)).toEqual([1, 2, 3, 4]);
    expect(record.callTasks.map((c) => c.request.purpose)).toEqual(['missed_installment']);
  });

  it('re-balances the remaining installments after a balance change', async () => {
    const s = await startPlan();
    // Insurance paid $60 more: the balance is now $240, spread over the three unpaid installments.
    await s.handle.signal(planBalanceChangedSignal, { eventId: 'ledger-1', balanceCents: 24_000 });
    const { result, record } = await finish(s, 'rebalanced');
    expect(record.rebalances).toHaveLength(1);
    expect(record.rebalances[0]!.map((i) => i.amountCents)).toEqual([8_000, 8_000, 8_000]);
    expect(record.rebalances[0]!.map((i) => i.dueAt)).toEqual(s.input.installments.map((i) => i.dueAt));
    expect(record.charges.map((c) => c.request.amountCents)).toEqual([8_000, 8_000, 8_000]);
    expect(result).toMatchObject({ status: 'paid', paidCents: 24_000, remainingCents: 0 });
  });

  it('counts a manual payment toward installments, and duplicated signals change nothing', async () => {
    const s = await startPlan();
    const payment = {
      eventId: 'evt-pay-1', paymentId: 'link-1', amountCents: 10_000, balanceCents: 20_000, source: 'pay_link' as const,
    };
    await s.handle.signal(planPaymentReceivedSignal, payment);
    await s.handle.signal(planPaymentReceivedSignal, payment); // redelivered
    await s.handle.signal(planPaymentReceivedSignal, { ...payment, eventId: 'evt-pay-1-again' }); // same payment, new event
    // The ledger confirming one of this plan's own charges is not a second payment.
    await s.handle.signal(planPaymentReceivedSignal, {
      ...payment, eventId: 'evt-charge-confirmed', paymentId: 'ledger-77', source: 'plan_installment', planId: s.planId, installmentSeq: 2,
    });
    await s.handle.signal(planBalanceChangedSignal, { eventId: 'ledger-2', balanceCents: 20_000 });
    await s.handle.signal(planBalanceChangedSignal, { eventId: 'ledger-2', balanceCents: 1 }); // replayed ID: ignored
    const state = await s.handle.query(paymentPlanStateQuery);
    expect(state.remainingCents).toBe(20_000);
    const { result, record } = await finish(s, 'manual-payment-duplicates');
    // Installment 1 was paid by link: no reminder, no charge; 2 and 3 charged in full.
    expect(record.charges.map((c) => [c.request.installmentNumber, c.request.amountCents])).toEqual([[2, 10_000], [3, 10_000]]);
    expect(record.texts.map((t) => t.request.stepKey)).toEqual(['plan-reminder-2', 'plan-reminder-3']);
    expect(record.rebalances).toHaveLength(1);
    expect(result).toMatchObject({ status: 'paid', paidCents: 30_000, remainingCents: 0 });
  });

  it('without autopay: no charge, a call task on the first retry day, default on the last', async () => {
    const s = await startPlan({ autopay: false, cardOnFileId: undefined, contact: { email: 'robin@example.test', smsConsent: false } });
    const { result, record } = await finish(s, 'pay-by-link-default');
    expect(record.charges).toEqual([]);
    expect(record.emails.map((e) => e.request.stepKey)).toEqual(['plan-reminder-1']);
    expect(record.callTasks.map((c) => c.request.purpose)).toEqual(['missed_installment']);
    near(record.callTasks[0]!.at, dueMs(s, 1) + 1 * DAY);
    expect(result).toMatchObject({ status: 'defaulted', reason: 'not_paid', missedInstallments: 1 });
  });

  it('continues as new when the history grows, keeping schedule, progress and dedupe across runs', async () => {
    const s = await startPlan({ historyEventsBeforeContinue: 25 });
    const payment = {
      eventId: 'evt-can-1', paymentId: 'link-can-1', amountCents: 10_000, balanceCents: 20_000, source: 'pay_link' as const,
    };
    await s.handle.signal(planPaymentReceivedSignal, payment);
    // Skip past installment 2's due date: several runs later, the same payment arrives again.
    await env.sleep(dueMs(s, 2) + DAY - (await env.currentTimeMs()));
    await s.handle.signal(planPaymentReceivedSignal, payment);
    await s.handle.signal(planPaymentReceivedSignal, { ...payment, eventId: 'evt-can-1-again' });
    const { result, record } = await finish(s, 'continued-as-new');
    expect(record.charges.map((c) => [c.request.installmentNumber, c.request.amountCents])).toEqual([[2, 10_000], [3, 10_000]]);
    expect(record.texts.map((t) => t.request.stepKey)).toEqual(['plan-reminder-2', 'plan-reminder-3']);
    expect(record.created).toBe(1);
    expect(result).toMatchObject({ status: 'paid', paidCents: 30_000, remainingCents: 0 });
    const latest = await env.client.workflow.getHandle(s.handle.workflowId).describe();
    expect(latest.runId).not.toBe(s.handle.firstExecutionRunId);
  });

  it('a cancel from the parent cancels the schedule with payments and ends cancelled', async () => {
    const s = await startPlan();
    await s.handle.signal(cancelPlanSignal, { reason: 'dispute' });
    const { result, record } = await finish(s, 'cancelled');
    expect(result).toMatchObject({ status: 'cancelled', reason: 'dispute', remainingCents: 30_000 });
    expect(record.cancels).toEqual(['dispute']);
    expect(record.charges).toEqual([]);
  });
});
