/**
 * The whole hand-off on the real time-skipping test server: the real BalanceWorkflow runs its cadence (with
 * outreach answering "sent"), reaches its placement window, asks the real placement activities, whose
 * PlacementWorkflow re-checks the gates, accepts, and writes the agency's file at the cut-off; a payment
 * while placed makes BalanceWorkflow recall the account, and the agency's next file carries the recall.
 * Real Postgres behind the placement activities.
 */
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { DataSource } from 'typeorm';
import {
  ALL_SEARCH_ATTRIBUTES,
  balanceWorkflowId,
  domain,
  paymentReceivedSignal,
  type AttemptOutcome,
  type BalanceStart,
  type BalanceView,
  type OutreachRequestBase,
} from '@courtesy/workflows';
import { AgenciesService } from '../src/agencies/agencies.service';
import { parsePlacementFile } from '../src/batches/placement-file';
import { createPlacementActivities } from '../src/worker/placement-activities';
import { SettlementsController } from '../src/settlements/settlements.controller';
import { placementDataSource, runId } from './support/placement-db';

const DAY = domain.MS_PER_DAY;
const id = runId();
const tenantId = `t-${id}`;
const clinicId = 'maple';
const taskQueue = `journey-${id}`;

let env: TestWorkflowEnvironment;
let db: DataSource;
let worker: Worker;
let running: Promise<void>;
let dropDir: string;

const indexedValueType = (type: SearchAttributeType) =>
  type === SearchAttributeType.INT
    ? temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT
    : type === SearchAttributeType.DATETIME
      ? temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME
      : temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sent = async (r: OutreachRequestBase): Promise<AttemptOutcome> => ({ status: 'sent', attemptId: r.attemptKey });

beforeAll(async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Installed already by another test file in this process.
  }
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (!path) throw new Error('TEMPORAL_TEST_SERVER_PATH must point at the Java test server (scripts/test.sh sets it)');
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(ALL_SEARCH_ATTRIBUTES.map((k) => [k.name, indexedValueType(k.type)])),
  });
  db = await placementDataSource();
  dropDir = await mkdtemp(join(tmpdir(), 'placement-journey-'));
  const quiet = () => undefined;
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: require.resolve('./support/journey-workflows'),
      logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error },
    }),
    activities: {
      sendText: sent,
      sendEmail: sent,
      mailStatement: sent,
      createCallTask: sent,
      ...createPlacementActivities({ db, temporal: env.client, taskQueue, dropDir, ackWaitMs: 2 * DAY, now: () => env.currentTimeMs() }),
    },
  });
  running = worker.run();
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await db?.destroy();
});

test('a silent, aged balance passes every gate, lands in its agency next file, and a payment while placed puts a recall in the file after', async () => {
  await new AgenciesService(db).upsert(tenantId, 'ace', {
    name: 'Ace Recovery',
    clinicIds: [clinicId],
    commission: [{ minAgeDays: 0, pct: 30 }],
    fileFormat: 'csv',
    cutoffLocalTime: '17:00',
    timeZone: 'America/Chicago',
    active: true,
  });
  const accountId = `acct-${id}`;
  const workflowId = balanceWorkflowId(tenantId, clinicId, accountId);
  const startMs = await env.currentTimeMs();
  const policy = domain.defaultPolicy();
  const start: BalanceStart = {
    tenantId,
    clinicId,
    accountId,
    clinicName: 'Maple Street PT',
    balanceCents: 25_000,
    startedAt: new Date(startMs).toISOString(),
    dayLengthMs: policy.dayLengthMs,
    contact: { timeZone: 'America/Chicago', language: 'en', smsConsent: true, emailConsent: true, phone: '+13125550147', email: 'p@example.test' },
    taskQueues: { outreach: taskQueue, payments: taskQueue, placement: taskQueue },
    policy,
  };
  const balance = await env.client.workflow.start('BalanceWorkflow', { taskQueue, workflowId, args: [start] });
  const untilDay = async (day: number) => {
    const now = await env.currentTimeMs();
    if (startMs + day * DAY > now) await env.sleep(startMs + day * DAY - now);
  };

  // Day 91: the cadence has run, the window has opened; placement re-checked the gates and accepted.
  await untilDay(91);
  const placed = await eventually(async () => {
    const view = await balance.query<BalanceView>('state');
    return view.placement?.status === 'accepted' ? view : undefined;
  }, 'placement accepted by the balance workflow');
  expect(placed).toMatchObject({ stage: 'placed', placement: { agencyId: 'ace' } });
  const [row] = await db.query('select placement_id, batch_id, age_days, status from placements where balance_workflow_id = $1', [workflowId]);
  expect(row).toMatchObject({ placement_id: placed.placement!.placementId, status: 'placed' });
  expect(row.age_days).toBeGreaterThanOrEqual(90);

  // The agency's next file, written at its cut-off, holds the account.
  const folder = join(dropDir, tenantId, 'ace');
  await untilDay(93);
  const batchDay = String(row.batch_id).slice(-10);
  const first = await eventually(async () => {
    const names = await readdir(folder);
    return names.includes(`courtesy-placement-ace-${batchDay}.manifest.json`) ? join(folder, `courtesy-placement-ace-${batchDay}.csv`) : undefined;
  }, 'the first placement file');
  expect(parsePlacementFile('csv', await readFile(first, 'utf8'))).toEqual([
    expect.objectContaining({ record_type: 'PLACE', placement_id: row.placement_id, account_id: accountId, balance_cents: '25000' }),
  ]);
  // The batch is the agency's day of the hand-off, or the next one when the hand-off came after its cut-off.
  const handOffDay = domain.localDateOf(startMs + 90 * DAY, 'America/Chicago');
  expect([0, 1, 2]).toContain(domain.daysBetween(handOffDay, batchDay));

  // The patient pays the clinic part of it: the balance workflow recalls the account.
  await balance.signal(paymentReceivedSignal, { eventId: `pay-${id}`, paymentId: `link-${id}`, amountCents: 5_000, balanceCents: 20_000, source: 'pay_link' });
  const recall = await eventually(async () => {
    const [r] = await db.query('select reason, notice_batch_id from recalls where placement_id = $1', [row.placement_id]);
    return r;
  }, 'the recall recorded by placement');
  expect(recall).toEqual({ reason: 'payment', notice_batch_id: null });
  expect((await balance.query<BalanceView>('state')).placement?.status).toBe('recalled');

  await untilDay(95);
  const noticed = await eventually(async () => {
    const [r] = await db.query('select notice_batch_id from recalls where placement_id = $1', [row.placement_id]);
    return r.notice_batch_id ?? undefined;
  }, 'the recall notice in a later file');
  const nextDay = String(noticed).slice(-10);
  expect(nextDay > batchDay).toBe(true);
  const second = join(folder, `courtesy-placement-ace-${nextDay}.csv`);
  expect(parsePlacementFile('csv', await readFile(second, 'utf8'))).toEqual([
    expect.objectContaining({ record_type: 'RECALL', placement_id: row.placement_id, account_id: accountId, recall_reason: 'payment' }),
  ]);

  // Nobody acknowledged the first file within the two-day wait: that is published for staff to chase.
  const facts = await db.query(`select payload->>'type' as type from outbox where payload->>'batchId' = $1 order by id`, [row.batch_id]);
  expect(facts.map((f: { type: string }) => f.type)).toEqual(['placement.accepted', 'placement.file_delivered', 'placement.file_unacknowledged']);

  await balance.signal(paymentReceivedSignal, { eventId: `pay2-${id}`, paymentId: `link2-${id}`, amountCents: 20_000, balanceCents: 0, source: 'pay_link' });
  await eventually(async () => ((await balance.describe()).status.name === 'COMPLETED' ? true : undefined), 'the balance resolved');
}, 120_000);

test('through the settlements API, the real BalanceWorkflow refuses a settlement above the manager threshold without approval and offers it with one', async () => {
  // A clinic no agency serves: the balance is never placed and is still open for a settlement at day 125.
  const accountId = `settle-${id}`;
  const workflowId = balanceWorkflowId(tenantId, 'oak', accountId);
  const startMs = await env.currentTimeMs();
  const policy = domain.defaultPolicy();
  const balance = await env.client.workflow.start('BalanceWorkflow', {
    taskQueue,
    workflowId,
    args: [
      {
        tenantId,
        clinicId: 'oak',
        accountId,
        clinicName: 'Oak PT',
        balanceCents: 25_000,
        startedAt: new Date(startMs).toISOString(),
        dayLengthMs: policy.dayLengthMs,
        contact: { timeZone: 'America/Chicago', language: 'en', smsConsent: true, emailConsent: true, phone: '+13125550148', email: 'q@example.test' },
        taskQueues: { outreach: taskQueue, payments: taskQueue, placement: taskQueue },
        policy,
      } satisfies BalanceStart,
    ],
  });
  const target = startMs + 125 * DAY;
  await env.sleep(target - (await env.currentTimeMs()));
  const before = await balance.query<BalanceView>('state');
  expect(before.placement).toMatchObject({ status: 'rejected', failedGates: [] });

  const settlements = new SettlementsController(env.client, db);
  const offer = { balanceWorkflowId: workflowId, requestId: `so-${id}`, discountPct: 15 };
  await expect(settlements.offer(tenantId, offer)).rejects.toMatchObject({
    status: 422,
    response: { errors: [{ path: 'body.approver', message: expect.stringContaining('manager') }] },
  });
  const offered = await settlements.offer(tenantId, { ...offer, approver: { userId: 'mgr-1', role: 'manager' } });
  expect(offered).toMatchObject({ discountPct: 15, settlementCents: 21_250, approvedBy: 'mgr-1' });
  expect((await balance.query<BalanceView>('state')).settlement).toMatchObject({ offerId: offered.offerId, settlementCents: 21_250, accepted: false });
  const [record] = await db.query('select outcome, approver_role from settlement_offers where balance_workflow_id = $1 and request_id = $2', [workflowId, offer.requestId]);
  expect(record).toEqual({ outcome: 'offered', approver_role: 'manager' });
  await balance.terminate('test done');
}, 120_000);
