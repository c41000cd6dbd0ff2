/**
 * PlacementWorkflow on the real time-skipping test server with the real placement activities against the
 * real Postgres (schema `placement` in courtesy_test). BalanceWorkflow is played by a stand-in that records
 * placement's answers; requests go in through routePlacement exactly as BalanceWorkflow sends them.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { domain, type PlacementRequest } from '@courtesy/workflows';
import { AgenciesService } from '../src/agencies/agencies.service';
import { parsePlacementFile } from '../src/batches/placement-file';
import { createPlacementActivities } from '../src/worker/placement-activities';
import { AgencyUpdatesService } from '../src/updates/agency-updates.service';
import { RecoveryService } from '../src/recovery/recovery.service';
import { batchQuery, fileAcknowledgedSignal, placementRequestedSignal } from '../src/workflows/placement-messages';
import { answersQuery, StandInBalanceWorkflow, type Answer } from './support/test-workflows';
import { placementDataSource, runId } from './support/placement-db';

const DAY = domain.MS_PER_DAY;

/**
 * The allow-list, written out here on purpose (not imported): a column added to the writer fails this test
 * until someone decides the agency really needs it. Opaque IDs, amounts and dates only.
 */
const ALLOWED_FIELDS = [
  'record_type',
  'placement_id',
  'account_id',
  'clinic_id',
  'balance_cents',
  'first_statement_date',
  'final_notice_date',
  'age_days',
  'recall_reason',
  'recall_requested_date',
];

let env: TestWorkflowEnvironment;
let db: DataSource;
let worker: Worker;
let running: Promise<void>;
let activities: ReturnType<typeof createPlacementActivities>;
let dropDir: string;
const id = runId();
const tenantId = `t-${id}`;
const taskQueue = `placement-test-${id}`;
const clinicId = 'clinic-a';

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const quiet = () => undefined;
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

function passingRequest(accountId: string, nowMs: number, policy = domain.defaultPolicy()): PlacementRequest {
  return {
    balanceWorkflowId: `balance:${tenantId}:${clinicId}:${accountId}`,
    tenantId,
    clinicId,
    accountId,
    balanceCents: 20_000,
    policyVersion: policy.version,
    policy,
    requestedAt: new Date(nowMs).toISOString(),
    facts: {
      startAt: new Date(nowMs - 100 * DAY).toISOString(),
      balanceCents: 20_000,
      attemptsByChannel: { sms: 1, email: 1, letter: 2, call: 1 },
      finalNoticeSentAt: new Date(nowMs - 40 * DAY).toISOString(),
      planOfferedAt: null,
      openDispute: false,
      activePlan: false,
      hardshipReview: false,
      insuranceHold: false,
      deceased: false,
      bankruptcy: false,
    },
    originalBalanceCents: 60_000,
    patientState: 'TX',
  };
}

/** One request per gate, each failing that gate alone (waiting_period also moves the window, by design). */
function failingRequests(nowMs: number): Array<{ gate: domain.GateName; request: PlacementRequest; alsoFails?: domain.GateName[] }> {
  const base = (name: string) => passingRequest(`acct-${name}`, nowMs);
  const withFacts = (name: domain.GateName, facts: Partial<PlacementRequest['facts']>) => {
    const r = base(name);
    return { gate: name, request: { ...r, facts: { ...r.facts, ...facts } } };
  };
  const waiting = base('waiting_period');
  const planned = base('plan_offered');
  return [
    withFacts('age_window', { startAt: new Date(nowMs - 130 * DAY).toISOString() }),
    withFacts('min_balance', { balanceCents: 1_000 }),
    withFacts('documented_attempts', { attemptsByChannel: { sms: 1 } }),
    withFacts('final_notice_lead', { finalNoticeSentAt: new Date(nowMs - 10 * DAY).toISOString() }),
    withFacts('no_open_dispute', { openDispute: true }),
    withFacts('no_active_plan', { activePlan: true }),
    withFacts('no_hardship_review', { hardshipReview: true }),
    withFacts('no_insurance_hold', { insuranceHold: true }),
    withFacts('not_deceased_or_bankrupt', { deceased: true }),
    {
      gate: 'waiting_period',
      alsoFails: ['age_window'],
      request: { ...waiting, policy: domain.stateWaitingPeriodPreset(180) },
    },
    { gate: 'plan_offered', request: { ...planned, policy: domain.planOfferBeforePlacementPreset() } },
  ];
}

async function startStandIn(request: PlacementRequest) {
  return env.client.workflow.start(StandInBalanceWorkflow, { workflowId: request.balanceWorkflowId, taskQueue });
}

async function answerOf(workflowId: string): Promise<Answer> {
  return eventually(async () => {
    const answers = await env.client.workflow.getHandle(workflowId).query(answersQuery);
    return answers[0];
  }, `placement's answer to ${workflowId}`);
}

async function fileIn(folder: string, suffix: string): Promise<string> {
  return eventually(async () => {
    const names = await readdir(folder);
    const found = names.find((n) => n.endsWith(suffix));
    return found ? join(folder, found) : undefined;
  }, `a file ending ${suffix} in ${folder}`);
}

beforeAll(async () => {
  try {
    // Worker lifecycle chatter drowns test output; warnings and errors still show.
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Installed already by another test file in this process.
  }
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (!path) throw new Error('TEMPORAL_TEST_SERVER_PATH must point at the Java test server (scripts/test.sh sets it)');
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
  db = await placementDataSource();
  dropDir = await mkdtemp(join(tmpdir(), 'placement-drop-'));
  activities = createPlacementActivities({
    db,
    temporal: env.client,
    taskQueue,
    dropDir,
    ackWaitMs: 2 * DAY,
    now: () => env.currentTimeMs(),
  });
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: require.resolve('./support/test-workflows'),
      logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error },
    }),
    activities,
  });
  running = worker.run();
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await db?.destroy();
});

describe('PlacementWorkflow (time-skipping server, real Postgres)', () => {
  const agencies = () => new AgenciesService(db);
  let goodPlacementId: string;
  let firstBatchId: string;

  test('a balance passing every gate lands in the agency next file; each failing gate blocks with its name; the file holds only allow-listed fields', async () => {
    const nowMs = await env.currentTimeMs();
    const cutoffMs = nowMs + 3 * 60 * 60_000;
    await agencies().upsert(tenantId, 'ace', {
      name: 'Ace Recovery',
      clinicIds: [clinicId],
      commission: [
        { minAgeDays: 0, pct: 30 },
        { minAgeDays: 180, pct: 40 },
      ],
      fileFormat: 'csv',
      cutoffLocalTime: hhmm(cutoffMs),
      timeZone: 'UTC',
      active: true,
    });

    const good = passingRequest('acct-good', nowMs);
    const failing = failingRequests(nowMs);
    for (const r of [good, ...failing.map((f) => f.request)]) await startStandIn(r);

    const routed = await activities.routePlacement(good);
    expect(routed).toEqual({ agencyId: 'ace', placementWorkflowId: expect.stringMatching(new RegExp(`^placement:${tenantId}:ace:\\d{4}-\\d{2}-\\d{2}$`)) });
    firstBatchId = (routed as { placementWorkflowId: string }).placementWorkflowId;
    for (const f of failing) expect(await activities.routePlacement(f.request)).toEqual(routed);
    // A duplicated request changes nothing: one answer, one placement.
    await activities.routePlacement(good);

    const goodAnswer = await answerOf(good.balanceWorkflowId);
    expect(goodAnswer).toMatchObject({ kind: 'accepted', agencyId: 'ace', placementWorkflowId: firstBatchId });
    goodPlacementId = (goodAnswer as { placementId: string }).placementId;
    for (const f of failing) {
      const answer = await answerOf(f.request.balanceWorkflowId);
      expect(answer.kind).toBe('rejected');
      const rejected = answer as Extract<Answer, { kind: 'rejected' }>;
      expect([...rejected.failedGates].sort()).toEqual([f.gate, ...(f.alsoFails ?? [])].sort());
      expect(rejected.reason).toContain(f.gate);
    }
    // Bad input: routing refuses it naming the field; one that reaches the batch anyway is rejected on its own.
    const malformed = { ...passingRequest('acct-malformed', nowMs), facts: { ...good.facts, balanceCents: -5 } };
    await expect(activities.routePlacement(malformed)).rejects.toMatchObject({ type: 'BadPlacementInput', message: expect.stringContaining('request.facts.balanceCents') });
    await startStandIn(malformed);
    const batch = env.client.workflow.getHandle(firstBatchId);
    await batch.signal(placementRequestedSignal, malformed);
    expect(await answerOf(malformed.balanceWorkflowId)).toMatchObject({ kind: 'rejected', failedGates: [], reason: expect.stringContaining('request.facts.balanceCents') });
    expect(await batch.query(batchQuery)).toMatchObject({ status: 'collecting', accepted: 1, rejected: failing.length + 1 });

    // Nothing is written before the cut-off; skipping past it closes the batch and delivers the file.
    const folder = join(dropDir, tenantId, 'ace');
    await expect(readdir(folder)).rejects.toThrow();
    await env.sleep(cutoffMs - nowMs + 60_000);
    const manifestPath = await fileIn(folder, '.manifest.json');
    const filePath = manifestPath.replace('.manifest.json', '.csv');
    const content = await readFile(filePath, 'utf8');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    const batchDay = firstBatchId.slice(-10);
    expect(manifest).toMatchObject({
      format: 'courtesy-placement/1',
      batchId: firstBatchId,
      batchDay,
      records: { place: 1, recall: 0 },
      totals: { placedBalanceCents: 20_000 },
      file: { name: `courtesy-placement-ace-${batchDay}.csv`, sha256: createHash('sha256').update(content).digest('hex') },
    });

    const header = content.split('\r\n')[0]!.split(',');
    expect(header).toEqual(ALLOWED_FIELDS);
    const records = parsePlacementFile('csv', content);
    expect(records).toHaveLength(1);
    for (const r of records) expect(Object.keys(r)).toEqual(ALLOWED_FIELDS);
    expect(records[0]).toEqual({
      record_type: 'PLACE',
      placement_id: goodPlacementId,
      account_id: 'acct-good',
      clinic_id: clinicId,
      balance_cents: '20000',
      first_statement_date: good.facts.startAt.toString().slice(0, 10),
      final_notice_date: good.facts.finalNoticeSentAt!.toString().slice(0, 10),
      age_days: '100',
      recall_reason: '',
      recall_requested_date: '',
    });
    // The request carried a state and the policy; neither (nor any tenant or workflow detail) reaches the file.
    expect(content).not.toMatch(/TX|balance:|policy|default/);

    // The agency acknowledges the file it received; the batch records it and finishes.
    await batch.signal(fileAcknowledgedSignal, { fileName: manifest.file.name, sha256: manifest.file.sha256, receivedAt: new Date().toISOString(), reference: 'ack-1' });
    // Polled rather than awaited with result(): awaiting a result lets the test server skip time freely, and
    // with the stand-ins idle it would leap years ahead.
    const done = await eventually(async () => {
      const view = await batch.query(batchQuery);
      return view.status === 'acknowledged' ? view : undefined;
    }, 'the acknowledged batch');
    expect(done).toMatchObject({ accepted: 1, rejected: failing.length + 1, fileName: manifest.file.name });
    const [row] = await db.query('select status, ack_reference, record_count from placement_batches where batch_id = $1', [firstBatchId]);
    expect(row).toEqual({ status: 'acknowledged', ack_reference: 'ack-1', record_count: 1 });
    const events = await db.query(
      `select payload->>'type' as type from outbox where payload->>'tenantId' = $1 order by id`,
      [tenantId],
    );
    expect(events.map((e: { type: string }) => e.type)).toEqual(['placement.accepted', 'placement.file_delivered', 'placement.file_acknowledged']);
  });

  test('a recalled account is called back in the agency next file, and the agency confirmation is tracked', async () => {
    const nowMs = await env.currentTimeMs();
    await activities.requestRecall({
      balanceWorkflowId: `balance:${tenantId}:${clinicId}:acct-good`,
      tenantId,
      clinicId,
      accountId: 'acct-good',
      placementId: goodPlacementId,
      reason: 'payment',
      requestedAt: new Date(nowMs).toISOString(),
    });
    // Asked twice (a retried activity): still one recall.
    await activities.requestRecall({
      balanceWorkflowId: `balance:${tenantId}:${clinicId}:acct-good`,
      tenantId,
      clinicId,
      accountId: 'acct-good',
      placementId: goodPlacementId,
      reason: 'payment',
      requestedAt: new Date(nowMs).toISOString(),
    });
    const folder = join(dropDir, tenantId, 'ace');
    await env.sleep(DAY + 60_000);
    const nextDay = domain.addDays(firstBatchId.slice(-10), 1);
    const filePath = await fileIn(folder, `${nextDay}.manifest.json`).then((p) => p.replace('.manifest.json', '.csv'));
    const records = parsePlacementFile('csv', await readFile(filePath, 'utf8'));
    expect(records).toEqual([
      {
        record_type: 'RECALL',
        placement_id: goodPlacementId,
        account_id: 'acct-good',
        clinic_id: clinicId,
        balance_cents: '',
        first_statement_date: '',
        final_notice_date: '',
        age_days: '',
        recall_reason: 'payment',
        recall_requested_date: new Date(nowMs).toISOString().slice(0, 10),
      },
    ]);

    const updates = new AgencyUpdatesService(db);
    const path = (i: number, f: string) => `updates[${i}].${f}`;
    const result = await updates.apply(
      tenantId,
      'ace',
      [{ updateRef: 'rc-1', placementId: goodPlacementId, kind: 'recall_confirmed', occurredAt: new Date().toISOString() }],
      path,
    );
    expect(result).toMatchObject({ applied: 1, duplicates: 0 });
    const [recall] = await db.query('select notice_batch_id, confirmation_ref, confirmed_at is not null as confirmed from recalls where placement_id = $1', [goodPlacementId]);
    expect(recall).toEqual({ notice_batch_id: `placement:${tenantId}:ace:${nextDay}`, confirmation_ref: 'rc-1', confirmed: true });
  });

  test('agency payments record commission by age bucket, are published for the ledger once, and bad lines apply nothing', async () => {
    const updates = new AgencyUpdatesService(db);
    const path = (i: number, f: string) => `updates[${i}].${f}`;
    const at = new Date().toISOString();
    const payment = { updateRef: 'pay-1', placementId: goodPlacementId, kind: 'payment' as const, amountCents: 5_000, occurredAt: at };
    expect(await updates.apply(tenantId, 'ace', [payment], path)).toEqual({ applied: 1, duplicates: 0, collectedCents: 5_000, commissionCents: 1_500 });
    // The same line again (a re-sent file) changes nothing.
    expect(await updates.apply(tenantId, 'ace', [payment], path)).toEqual({ applied: 0, duplicates: 1, collectedCents: 0, commissionCents: 0 });
    // One unknown placement in a file: the whole file is refused, naming the line, and nothing is applied.
    const bad = { updateRef: 'pay-3', placementId: '00000000-0000-4000-8000-000000000000', kind: 'payment' as const, amountCents: 100, occurredAt: at };
    await expect(updates.apply(tenantId, 'ace', [{ ...payment, updateRef: 'pay-2' }, bad], path)).rejects.toMatchObject({
      response: { errors: [{ path: 'updates[1].placementId', message: expect.stringContaining('no placement') }] },
    });
    const paid = await db.query(
      `select payload from outbox where payload->>'tenantId' = $1 and payload->>'type' = 'placement.agency_payment_collected'`,
      [tenantId],
    );
    expect(paid.map((p: { payload: unknown }) => p.payload)).toEqual([
      expect.objectContaining({ accountId: 'acct-good', clinicId, agencyId: 'ace', amountCents: 5_000, commissionCents: 1_500, placementId: goodPlacementId }),
    ]);
    const recovery = await new RecoveryService(db).byAgeBucket(tenantId, 'ace');
    expect(recovery).toEqual([
      {
        ageBucketMinDays: 0,
        commissionPct: 30,
        placedAccounts: 1,
        placedCents: 20_000,
        collectedCents: 5_000,
        commissionCents: 1_500,
        netRecoveryCents: 3_500,
        netRecoveryBps: 1_750,
      },
    ]);
  });
});
