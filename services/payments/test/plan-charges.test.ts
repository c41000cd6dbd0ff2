/**
 * PaymentPlanWorkflow on the time-skipping test server with the REAL payments activities (Postgres, the sandbox
 * processor, idempotency keys, the outbox): months of autopay pass in seconds. Outreach is a recording stand-in
 * here (the outreach worker has its own tests); what matters is which charges reach the processor and what
 * payments records.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import * as fsModule from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { DataSource } from 'typeorm';
import { ALL_SEARCH_ATTRIBUTES, domain, type CreateCallTaskRequest, type OutreachActivities, type PaymentPlanInput, type PaymentPlanResult } from '@courtesy/workflows';
import type { ChargeService } from '../src/charges/charge.service';
import type { SandboxProcessor } from '../src/processor';
import type { PaymentsActivitiesProvider } from '../src/worker/payments-activities';
import { paymentsTestEnv } from './support/env';

const NY = 'America/New_York';
const DAY = 86_400_000;
const TASK_QUEUE = `plan-charges-${randomBytes(4).toString('hex')}`;
const callTasks: CreateCallTaskRequest[] = [];
const planWorkflowIds: string[] = [];

/** Everything the process writes to stdout/stderr (pino writes to fd 1 synchronously), for the card-data grep. */
const written: string[] = [];
const originalWriteSync = fsModule.writeSync;
(fsModule as { writeSync: unknown }).writeSync = (fd: number, data: unknown, ...rest: unknown[]) => {
  if (fd === 1 || fd === 2) written.push(String(data));
  return (originalWriteSync as (...a: unknown[]) => number)(fd, data, ...rest);
};
const originalStdout = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => (written.push(String(chunk)), (originalStdout as (...a: unknown[]) => boolean)(chunk, ...rest))) as typeof process.stdout.write;

const outreach: OutreachActivities = {
  sendText: async (r) => ({ status: 'sent', attemptId: r.attemptKey }),
  sendEmail: async (r) => ({ status: 'sent', attemptId: r.attemptKey }),
  mailStatement: async (r) => ({ status: 'sent', attemptId: r.attemptKey }),
  createCallTask: async (r) => (callTasks.push(r), { status: 'sent', attemptId: r.attemptKey }),
};

const indexedValueType = (type: SearchAttributeType) =>
  type === SearchAttributeType.INT
    ? temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT
    : type === SearchAttributeType.DATETIME
      ? temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME
      : temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let app: INestApplication;
let db: DataSource;
let charges: ChargeService;
let sandbox: SandboxProcessor;
let activities: PaymentsActivitiesProvider;

beforeAll(async () => {
  // Debug level, set before payments' modules create their loggers: the grep below must see every line.
  process.env.LOG_LEVEL = 'debug';
  const { createPaymentsApp, loadPaymentsConfig } = await import('../src');
  const { ChargeService } = await import('../src/charges/charge.service');
  const { PAYMENT_PROCESSOR } = await import('../src/processor');
  const { PaymentsActivitiesProvider } = await import('../src/worker/payments-activities');
  ({ app } = await createPaymentsApp(loadPaymentsConfig(paymentsTestEnv({ LOG_LEVEL: 'debug' }))));
  db = app.get(DataSource);
  charges = app.get(ChargeService);
  sandbox = app.get(PAYMENT_PROCESSOR);
  activities = app.get(PaymentsActivitiesProvider);
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  env = await TestWorkflowEnvironment.createTimeSkipping(path ? { server: { executable: { type: 'existing-path', path } } } : {});
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(ALL_SEARCH_ATTRIBUTES.map((k) => [k.name, indexedValueType(k.type)])),
  });
  const bundle = await bundleWorkflowCode({
    // The plan workflow with the probe parent that workflows' own plan tests use.
    workflowsPath: require.resolve('../../../workflows/test/plan-probe.workflows'),
    logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: console.error },
  });
  worker = await Worker.create({ connection: env.nativeConnection, taskQueue: TASK_QUEUE, workflowBundle: bundle, activities: { ...outreach, ...activities.activities() } });
  running = worker.run();
}, 180_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await app?.close();
});

async function cardFor(accountId: string, token: string, chargeCapCents?: number) {
  const id = await charges.saveCard({
    tenantId: 't-plan', clinicId: 'c-plan', accountId, token, chargeCapCents,
    consent: { text: 'I allow autopay for this plan.', at: new Date().toISOString(), channel: 'pay_page' },
    idempotencyKey: `card:${randomUUID()}`,
  });
  const [row] = await db.query('select processor_token from cards_on_file where id = $1', [id]);
  return { id, processorToken: row.processor_token as string };
}

async function runPlan(opts: { installments: number; totalCents: number; cardOnFileId: string; chargeCapCents?: number; accountId: string }) {
  const planId = `p${randomBytes(4).toString('hex')}`;
  const parentWorkflowId = `balance:t-plan:c-plan:${opts.accountId}`;
  const startMs = await env.currentTimeMs();
  const schedule = domain.buildSchedule({ totalCents: opts.totalCents, installments: opts.installments, firstDueDate: domain.localDateOf(startMs + 7 * DAY, NY), timeZone: NY });
  const input: PaymentPlanInput = {
    planId, parentWorkflowId, tenantId: 't-plan', clinicId: 'c-plan', accountId: opts.accountId, policyVersion: 1,
    installments: schedule.installments, totalCents: opts.totalCents, timeZone: NY, reminderDaysBefore: 2, retryScheduleDays: [1, 3, 7],
    dayLengthMs: DAY, autopay: true, cardOnFileId: opts.cardOnFileId, chargeCapCents: opts.chargeCapCents,
    contact: { firstName: 'Robin', email: 'robin@example.test', timeZone: NY }, language: 'en', weeklyMessageCap: 3,
    taskQueues: { outreach: TASK_QUEUE, payments: TASK_QUEUE },
  };
  const parent = await env.client.workflow.start('PlanParentProbe', { taskQueue: TASK_QUEUE, workflowId: parentWorkflowId, args: [] });
  const handle = await env.client.workflow.start('PaymentPlanWorkflow', { taskQueue: TASK_QUEUE, workflowId: `${parentWorkflowId}:plan:${planId}`, args: [input] });
  planWorkflowIds.push(handle.workflowId, parentWorkflowId);
  const result = (await handle.result()) as PaymentPlanResult;
  await parent.result();
  const payments = await db.query('select idempotency_key, status, decline_code, amount_cents from payments where plan_id = $1 order by created_at', [planId]);
  return { planId, planWorkflowId: handle.workflowId, result, payments, schedule };
}

describe('plan installments charged by the payments activities', () => {
  it('4 payments with autopay: installment 2 soft-declines, is retried and succeeds, the rest are paid on their dates', async () => {
    const accountId = randomUUID();
    const card = await cardFor(accountId, 'tok_sandbox_visa');
    sandbox.script(card.processorToken, ['ok', 'insufficient_funds']);
    const { planId, planWorkflowId, result, payments } = await runPlan({ installments: 4, totalCents: 40_000, cardOnFileId: card.id, accountId });
    // Keys are scoped by the plan workflow: the workflow's own planId ("p1") repeats across balances.
    const key = (suffix: string) => `${planWorkflowId}|${planId}:${suffix}`;
    expect(result).toMatchObject({ status: 'paid', remainingCents: 0, paidCents: 40_000, missedInstallments: 1 });
    expect(payments.map((p: { idempotency_key: string; status: string }) => [p.idempotency_key, p.status])).toEqual([
      [key('1:1'), 'succeeded'],
      [key('2:1'), 'soft_declined'],
      [key('2:2'), 'succeeded'],
      [key('3:1'), 'succeeded'],
      [key('4:1'), 'succeeded'],
    ]);
    const installments = await db.query('select seq, amount_cents, paid_cents from installments where plan_id = $1 order by seq', [planWorkflowId]);
    expect(installments).toHaveLength(4);
    expect(installments.every((i: { amount_cents: string; paid_cents: string }) => i.amount_cents === i.paid_cents)).toBe(true);
    // Every success is a fact on the outbox for accounts' ledger: four payments adding up to the plan.
    const facts = await db.query(`select payload from outbox where payload->>'planId' = $1 and payload->>'type' = 'payment.succeeded'`, [planId]);
    expect(facts.reduce((sum: number, f: { payload: { amountCents: number } }) => sum + f.payload.amountCents, 0)).toBe(40_000);
  });

  it('a hard decline is never retried and opens a call task', async () => {
    const accountId = randomUUID();
    const card = await cardFor(accountId, 'tok_sandbox_expired');
    const before = callTasks.length;
    const { planId, planWorkflowId, payments, result } = await runPlan({ installments: 3, totalCents: 30_000, cardOnFileId: card.id, accountId });
    // One attempt at installment 1 and no retry of it.
    expect(payments.filter((p: { idempotency_key: string }) => p.idempotency_key.startsWith(`${planWorkflowId}|${planId}:1:`))).toEqual([
      expect.objectContaining({ status: 'hard_declined', decline_code: 'expired_card' }),
    ]);
    const hardDeclineCalls = callTasks.slice(before).filter((c) => c.accountId === accountId && c.purpose === 'hard_decline');
    expect(hardDeclineCalls.length).toBeGreaterThanOrEqual(1);
    expect(result.status).not.toBe('paid');
  });
});

describe('chargeInstallment', () => {
  const ref = (accountId: string, planId: string) => ({ planId, workflowId: `wf-${planId}`, tenantId: 't-plan', clinicId: 'c-plan', accountId });

  it('replays the first outcome for a repeated idempotency key and charges once', async () => {
    const accountId = randomUUID();
    const card = await cardFor(accountId, 'tok_sandbox_visa');
    const planId = `p${randomBytes(4).toString('hex')}`;
    const request = { ...ref(accountId, planId), installmentNumber: 1, attempt: 1, amountCents: 2_500, cardOnFileId: card.id, idempotencyKey: `${planId}:1:1` };
    const before = sandbox.chargeCount;
    const first = await activities.chargeInstallment(request);
    const second = await activities.chargeInstallment(request);
    expect(first.status).toBe('succeeded');
    expect(second).toEqual(first);
    expect(sandbox.chargeCount - before).toBe(1);
  });

  it('refuses more than the patient’s cap without calling the processor', async () => {
    const accountId = randomUUID();
    const card = await cardFor(accountId, 'tok_sandbox_visa', 5_000);
    const planId = `p${randomBytes(4).toString('hex')}`;
    const before = sandbox.chargeCount;
    const outcome = await activities.chargeInstallment({ ...ref(accountId, planId), installmentNumber: 1, attempt: 1, amountCents: 5_001, cardOnFileId: card.id, idempotencyKey: `${planId}:1:1` });
    expect(outcome).toEqual({ status: 'hard_declined', code: 'over_charge_cap' });
    expect(sandbox.chargeCount).toBe(before);
  });

  it('never replays another balance’s charge that has the same plan-local key', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const [cardA, cardB] = [await cardFor(a, 'tok_sandbox_visa'), await cardFor(b, 'tok_sandbox_visa')];
    const same = { installmentNumber: 1, attempt: 1, amountCents: 1_500, idempotencyKey: 'p1:1:1' };
    const first = await activities.chargeInstallment({ ...ref(a, 'p1'), workflowId: `balance:t-plan:c-plan:${a}:plan:p1`, cardOnFileId: cardA.id, ...same });
    const second = await activities.chargeInstallment({ ...ref(b, 'p1'), workflowId: `balance:t-plan:c-plan:${b}:plan:p1`, cardOnFileId: cardB.id, ...same });
    expect(first.status).toBe('succeeded');
    expect(second.status).toBe('succeeded');
    expect(second).not.toEqual(first);
  });

  it('names the field when the request is malformed', async () => {
    const accountId = randomUUID();
    await expect(
      activities.chargeInstallment({ ...ref(accountId, 'p1'), installmentNumber: 1, attempt: 2, amountCents: 100, cardOnFileId: 'x', idempotencyKey: 'p1:1:1' }),
    ).rejects.toThrow('idempotencyKey: must be p1:1:2');
    await expect(
      activities.chargeInstallment({ ...ref(accountId, 'p1'), installmentNumber: 1, attempt: 1, amountCents: 0, cardOnFileId: 'x', idempotencyKey: 'p1:1:1' }),
    ).rejects.toThrow(/amountCents/);
  });
});

describe('card data stays out of logs and Temporal', () => {
  it('no card number, CVC, one-time token or full card-on-file token in any log line or workflow history', async () => {
    const tokens = (await db.query('select processor_token from cards_on_file')).map((r: { processor_token: string }) => r.processor_token);
    expect(tokens.length).toBeGreaterThan(0);
    const histories = await Promise.all(planWorkflowIds.map(async (id) => JSON.stringify(await env.client.workflow.getHandle(id).fetchHistory())));
    expect(histories.length).toBeGreaterThanOrEqual(4);
    // The test server stores payloads unencoded here, so the grep reads the plain JSON the workflow carried.
    const decoded = histories.map((h) => {
      const payloads: string[] = [];
      h.replace(/"data":"([A-Za-z0-9+/=]+)"/g, (_m, b64: string) => (payloads.push(Buffer.from(b64, 'base64').toString('utf8')), ''));
      return payloads.join('\n');
    });
    expect(decoded.join('').length).toBeGreaterThan(100);
    expect(decoded.join('')).toContain('cardOnFileId');
    const logs = written.join('');
    expect(logs).toContain('charge recorded');
    const forbidden = [/\b4[0-9]{15}\b/, /\bcvc\b/i, /\bcvv\b/i, /tok_sandbox_[a-z_]+/, ...tokens.map((t: string) => new RegExp(t.replace(/[|]/g, '\\|')))];
    for (const pattern of forbidden) {
      expect({ pattern: String(pattern), inLogs: pattern.test(logs) }).toEqual({ pattern: String(pattern), inLogs: false });
      for (const h of [...histories, ...decoded]) expect({ pattern: String(pattern), inHistory: pattern.test(h) }).toEqual({ pattern: String(pattern), inHistory: false });
    }
  });
});
