/**
 * The placement service as it runs (Nest app with its Temporal worker, outbox relay, real Postgres, Kafka and
 * the Temporal dev server) beside the real accounts app: agencies are set up over HTTP, an account is placed
 * through routePlacement, and the agency's update file, imported over HTTP, reaches the accounts ledger.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { Topics } from '@courtesy/contracts';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { connectionOptions, createTemporalClient, dataConverterFor } from '@courtesy/temporal';
import { domain, type PlacementRequest } from '@courtesy/workflows';
import { createAccountsApp, loadAccountsConfig } from '@courtesy/accounts';
import { createPlacementApp, loadPlacementConfig } from '../src';
import { createPlacementActivities } from '../src/worker/placement-activities';
import { batchQuery } from '../src/workflows/placement-messages';
import { runId } from './support/placement-db';
import { StandInSettlementWorkflow } from './support/test-workflows';

const id = runId();
const tenantId = `t-${id}`;
const clinicId = 'clinic-h';
const ADMIN_TOKEN = `test-admin-${randomBytes(18).toString('hex')}`;
const CODEC_KEYS = `test:${randomBytes(32).toString('base64')}`;
const group = 'accounts-placement-api-test';
const DAY = domain.MS_PER_DAY;
const common = {
  HOST: '127.0.0.1',
  PORT: '0',
  DATABASE_POOL_SIZE: '4',
  KAFKA_BROKERS: '127.0.0.1:9092',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  TEMPORAL_NAMESPACE: 'courtesy-test',
  PAYLOAD_CODEC_KEYS: CODEC_KEYS,
  ADMIN_TOKEN,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};

let placement: { app: INestApplication; url: string };
let accounts: { app: INestApplication; url: string };
let accountsDb: DataSource;
let temporal: Client;
let dropDir: string;
const taskQueue = `placement-api-${id}`;

async function groupsAtEnd() {
  const admin = new Kafka({ clientId: 'placement-api-test', brokers: ['127.0.0.1:9092'], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    for (const [groupId, topic] of [
      [group, Topics.ehrEvents],
      [`${group}-payments`, Topics.paymentsEvents],
      [`${group}-placement`, Topics.placementEvents],
    ] as const) {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({ groupId, topic, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
    }
  } finally {
    await admin.disconnect();
  }
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function call(method: string, path: string, body?: unknown, contentType = 'application/json') {
  const res = await fetch(`${placement.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': contentType },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

beforeAll(async () => {
  try {
    // Worker lifecycle chatter drowns test output; warnings and errors still show.
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Installed already by another test file in this process.
  }
  await groupsAtEnd();
  dropDir = await mkdtemp(join(tmpdir(), 'placement-api-'));
  placement = await createPlacementApp(
    loadPlacementConfig({
      ...common,
      DATABASE_URL: 'postgres://placement:placement@127.0.0.1:5432/courtesy_test',
      DATABASE_SCHEMA: 'placement',
      TEMPORAL_PLACEMENT_TASK_QUEUE: taskQueue,
      PLACEMENT_DROP_DIR: dropDir,
    }),
  );
  const accountsConfig = loadAccountsConfig({
    ...common,
    DATABASE_URL: 'postgres://accounts:accounts@127.0.0.1:5432/courtesy_test',
    DATABASE_SCHEMA: 'accounts',
    ACCOUNTS_CONSUMER_GROUP: group,
    TEMPORAL_BALANCES_TASK_QUEUE: `balances-placement-api-${id}`,
  });
  accounts = await createAccountsApp(accountsConfig);
  accountsDb = new DataSource({
    type: 'postgres',
    url: 'postgres://accounts:accounts@127.0.0.1:5432/courtesy_test',
    extra: { options: '-c search_path=accounts', max: 2 },
  });
  await accountsDb.initialize();
  temporal = await createTemporalClient(accountsConfig);
}, 120_000);

afterAll(async () => {
  await placement?.app.close();
  await accounts?.app.close();
  await accountsDb?.destroy();
  await temporal?.connection.close();
});

test('agencies are validated field by field and need the operator token', async () => {
  const unauth = await fetch(`${placement.url}/admin/tenants/${tenantId}/agencies`);
  expect(unauth.status).toBe(401);
  const bad = await call('PUT', `/admin/tenants/${tenantId}/agencies/ace`, {
    name: '',
    clinicIds: [],
    commission: [{ minAgeDays: 30, pct: 130 }],
    fileFormat: 'xml',
    cutoffLocalTime: '25:00',
    timeZone: 'Mars/Olympus',
    colour: 'blue',
  });
  expect(bad.status).toBe(400);
  const paths = bad.body.errors.map((e: { path: string }) => e.path).sort();
  expect(paths).toEqual(
    [
      'body',
      'body.clinicIds',
      'body.commission[0].minAgeDays',
      'body.commission[0].pct',
      'body.cutoffLocalTime',
      'body.fileFormat',
      'body.name',
      'body.timeZone',
    ].sort(),
  );
  expect((await call('GET', `/admin/tenants/${tenantId}/agencies/ace`)).status).toBe(404);
});

test('an agency update file imported over HTTP reaches the accounts ledger once; a bad file applies nothing', async () => {
  const put = await call('PUT', `/admin/tenants/${tenantId}/agencies/ace`, {
    name: 'Ace Recovery',
    clinicIds: [clinicId],
    commission: [
      { minAgeDays: 0, pct: 25 },
      { minAgeDays: 120, pct: 35 },
    ],
    fileFormat: 'fixed_width',
    cutoffLocalTime: '23:59',
    timeZone: 'Pacific/Kiritimati',
  });
  expect(put.status).toBe(200);
  expect(put.body).toMatchObject({ agencyId: 'ace', fileFormat: 'fixed_width', dropFolder: 'ace', active: true });

  // The account as accounts knows it: balance $200.00 from one charge.
  await accountsDb.query(`insert into clinics (tenant_id, clinic_id, name, time_zone, day_length_ms) values ($1, $2, 'API Test PT', 'UTC', 86400000)`, [
    tenantId,
    clinicId,
  ]);
  const [account] = await accountsDb.query(
    `insert into accounts (tenant_id, clinic_id, account_ref, balance_cents, first_positive_at) values ($1, $2, 'H-1', 20000, now() - interval '100 days') returning id`,
    [tenantId, clinicId],
  );
  await accountsDb.query(`insert into ledger_entries (account_id, event_id, kind, amount_cents, occurred_at) values ($1, 'seed', 'charge', 20000, now() - interval '100 days')`, [
    account.id,
  ]);

  // Placed the way BalanceWorkflow places it: routePlacement on the placement worker's code and queue.
  const now = Date.now();
  const policy = domain.defaultPolicy();
  const request: PlacementRequest = {
    balanceWorkflowId: `balance:${tenantId}:${clinicId}:${account.id}`,
    tenantId,
    clinicId,
    accountId: account.id,
    balanceCents: 20_000,
    policyVersion: policy.version,
    policy,
    requestedAt: new Date(now).toISOString(),
    facts: {
      startAt: new Date(now - 100 * DAY).toISOString(),
      balanceCents: 20_000,
      attemptsByChannel: { sms: 1, letter: 2, call: 1 },
      finalNoticeSentAt: new Date(now - 35 * DAY).toISOString(),
      openDispute: false,
      activePlan: false,
      hardshipReview: false,
      insuranceHold: false,
      deceased: false,
      bankruptcy: false,
    },
  };
  const routing = createPlacementActivities({
    db: placement.app.get<DataSource>(getDataSourceToken()),
    temporal,
    taskQueue,
    dropDir,
    ackWaitMs: DAY,
  });
  const routed = (await routing.routePlacement(request)) as { agencyId: string; placementWorkflowId: string };
  expect(routed.agencyId).toBe('ace');
  const placed = await eventually(async () => {
    const list = await call('GET', `/admin/tenants/${tenantId}/agencies/ace/placements`);
    return list.body?.[0];
  }, 'the placement');
  expect(placed).toMatchObject({ accountId: account.id, status: 'placed', ageDays: 100, ageBucketMinDays: 0, commissionPct: 25, balanceCents: 20_000 });
  // Credit-reporting eligibility is shown, never acted on: a 100-day-old balance is inside its first year.
  expect(placed.creditReporting).toMatchObject({ eligible: false, automaticReporting: false, failed: expect.arrayContaining(['first_year']) });
  expect(await temporal.workflow.getHandle(routed.placementWorkflowId).query(batchQuery)).toMatchObject({ status: 'collecting', accepted: 1 });

  const file = [
    'update_ref,placement_id,kind,amount_cents,promised_for,occurred_at',
    `ACE-1,${placed.placementId},payment,5000,,${new Date(now - 60_000).toISOString()}`,
    `ACE-2,${placed.placementId},promise,15000,2027-01-15,${new Date(now - 30_000).toISOString()}`,
  ].join('\r\n');
  const imported = await call('POST', `/admin/tenants/${tenantId}/agencies/ace/updates/import`, file, 'text/csv');
  expect(imported).toEqual({ status: 201, body: { applied: 2, duplicates: 0, collectedCents: 5_000, commissionCents: 1_250 } });

  await eventually(async () => {
    const [a] = await accountsDb.query('select balance_cents from accounts where id = $1', [account.id]);
    return Number(a.balance_cents) === 15_000 ? a : undefined;
  }, 'the agency payment on the accounts ledger');

  // The same file again changes nothing; a file with one bad line is refused whole, naming the line.
  const again = await call('POST', `/admin/tenants/${tenantId}/agencies/ace/updates/import`, file, 'text/csv');
  expect(again.body).toEqual({ applied: 0, duplicates: 2, collectedCents: 0, commissionCents: 0 });
  const bad = await call(
    'POST',
    `/admin/tenants/${tenantId}/agencies/ace/updates/import`,
    [
      'update_ref,placement_id,kind,amount_cents,promised_for,occurred_at',
      `ACE-3,${placed.placementId},payment,700,,${new Date(now).toISOString()}`,
      `ACE-4,${placed.placementId},payment,-5,,${new Date(now).toISOString()}`,
    ].join('\n'),
    'text/csv',
  );
  expect(bad.status).toBe(400);
  expect(bad.body.errors).toEqual([{ path: 'line 3, amount_cents', message: 'must be at least 1 cent' }]);
  const jsonBad = await call('POST', `/admin/tenants/${tenantId}/agencies/ace/updates`, {
    updates: [{ updateRef: 'ACE-5', placementId: '00000000-0000-4000-8000-000000000000', kind: 'payment', amountCents: 100, occurredAt: new Date(now).toISOString() }],
  });
  expect(jsonBad).toEqual({ status: 400, body: { statusCode: 400, errors: [{ path: 'body.updates[0].placementId', message: 'no placement 00000000-0000-4000-8000-000000000000 with agency ace' }] } });

  const recovery = await call('GET', `/admin/tenants/${tenantId}/agencies/ace/recovery`);
  expect(recovery.body).toEqual([
    { ageBucketMinDays: 0, commissionPct: 25, placedAccounts: 1, placedCents: 20_000, collectedCents: 5_000, commissionCents: 1_250, netRecoveryCents: 3_750, netRecoveryBps: 1_875 },
  ]);
  await new Promise((r) => setTimeout(r, 1_000));
  const lines = await accountsDb.query(`select kind, amount_cents from ledger_entries where account_id = $1 order by id`, [account.id]);
  expect(lines).toEqual([
    { kind: 'charge', amount_cents: '20000' },
    { kind: 'patient_payment', amount_cents: '-5000' },
  ]);
  expect(await readdir(dropDir)).toEqual([]); // nothing delivered before the agency's cut-off

  await temporal.workflow.getHandle(routed.placementWorkflowId).terminate('test done');
  const [a] = await accountsDb.query('select workflow_id from accounts where id = $1', [account.id]);
  if (a.workflow_id) await temporal.workflow.getHandle(a.workflow_id).terminate('test done').catch(() => undefined);
  // Bundling a worker and joining consumer groups take long on a busy 2-core host.
}, 180_000);

test('a settlement above the manager threshold is refused without approval and offered with it; every request is recorded', async () => {
  const quiet = () => undefined;
  const queue = `settle-${id}`;
  const worker = await Worker.create({
    connection: await NativeConnection.connect(connectionOptions(loadPlacementConfig({ ...common, DATABASE_URL: 'postgres://x:x@127.0.0.1/x' }))),
    namespace: 'courtesy-test',
    taskQueue: queue,
    dataConverter: dataConverterFor({ PAYLOAD_CODEC_KEYS: CODEC_KEYS }),
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: require.resolve('./support/test-workflows'),
      logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error },
    }),
  });
  const running = worker.run();
  const balanceWorkflowId = `balance:${tenantId}:${clinicId}:settle-1`;
  try {
    await temporal.workflow.start(StandInSettlementWorkflow, {
      workflowId: balanceWorkflowId,
      taskQueue: queue,
      args: [new Date(Date.now() - 200 * DAY).toISOString()],
    });
    const path = `/admin/tenants/${tenantId}/settlements/offers`;
    const unsigned = await call('POST', path, { balanceWorkflowId, requestId: 'r-1', discountPct: 15 });
    expect(unsigned).toEqual({ status: 422, body: { statusCode: 422, errors: [{ path: 'body.approver', message: "15% needs a manager's approval" }] } });
    const byStaff = await call('POST', path, { balanceWorkflowId, requestId: 'r-2', discountPct: 15, approver: { userId: 'u-staff', role: 'staff' } });
    expect(byStaff.status).toBe(422);
    expect(byStaff.body.errors[0]).toMatchObject({ path: 'body.approver', message: expect.stringContaining('staff is not enough') });
    const byManager = await call('POST', path, { balanceWorkflowId, requestId: 'r-1', discountPct: 15, approver: { userId: 'u-mgr', role: 'manager' } });
    expect(byManager).toEqual({
      status: 201,
      body: { offerId: 's1', discountPct: 15, settlementCents: 34_000, expiresAt: expect.any(String), approvedBy: 'u-mgr' },
    });
    // Above the finance-lead threshold a manager is not enough.
    const tooMuch = await call('POST', path, { balanceWorkflowId, requestId: 'r-3', discountPct: 28, approver: { userId: 'u-mgr', role: 'manager' } });
    expect(tooMuch.body.errors[0]).toMatchObject({ path: 'body.approver', message: expect.stringContaining('finance_lead') });
    // Bad input never reaches the workflow.
    const bad = await call('POST', path, { balanceWorkflowId: 'nope', requestId: '', discountPct: 0.5 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.balanceWorkflowId', 'body.discountPct', 'body.requestId']);
    const otherTenant = await call('POST', `/admin/tenants/other/settlements/offers`, { balanceWorkflowId, requestId: 'r-4', discountPct: 5 });
    expect(otherTenant.status).toBe(404);

    const records = await placement.app
      .get<DataSource>(getDataSourceToken())
      .query('select request_id, outcome, approver_role from settlement_offers where balance_workflow_id = $1 order by request_id', [balanceWorkflowId]);
    expect(records).toEqual([
      { request_id: 'r-1', outcome: 'offered', approver_role: 'manager' },
      { request_id: 'r-2', outcome: 'refused', approver_role: 'staff' },
      { request_id: 'r-3', outcome: 'refused', approver_role: 'manager' },
    ]);
    await temporal.workflow.getHandle(balanceWorkflowId).terminate('test done');
  } finally {
    worker.shutdown();
    await running;
  }
  // Bundling a worker and joining consumer groups take long on a busy 2-core host.
}, 180_000);

test('an acknowledgement must name a delivered file and match its hash; a late one is still recorded', async () => {
  const db = placement.app.get<DataSource>(getDataSourceToken());
  const batchId = `placement:${tenantId}:ace:2026-01-05`;
  const sha = 'ab'.repeat(32);
  // A batch delivered earlier whose workflow has finished waiting (no workflow runs under this ID).
  await db.query(
    `insert into placement_batches (batch_id, tenant_id, agency_id, batch_day, cutoff_at, status, file_name, manifest_name, sha256, record_count, recall_count, delivered_at)
     values ($1, $2, 'ace', '2026-01-05', '2026-01-05T23:00:00Z', 'delivered', 'courtesy-placement-ace-2026-01-05.txt', 'courtesy-placement-ace-2026-01-05.manifest.json', $3, 1, 0, now())`,
    [batchId, tenantId, sha],
  );
  const path = `/admin/tenants/${tenantId}/agencies/ace/acknowledgements`;
  const receivedAt = new Date().toISOString();
  expect((await call('POST', path, { fileName: 'nope.txt', sha256: sha, receivedAt })).status).toBe(404);
  const wrong = await call('POST', path, { fileName: 'courtesy-placement-ace-2026-01-05.txt', sha256: 'cd'.repeat(32), receivedAt });
  expect(wrong).toMatchObject({ status: 400, body: { errors: [{ path: 'body.sha256' }] } });
  const bad = await call('POST', path, { fileName: '', sha256: 'XYZ', receivedAt: 'today' });
  expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.fileName', 'body.receivedAt', 'body.sha256']);
  const ok = await call('POST', path, { fileName: 'courtesy-placement-ace-2026-01-05.txt', sha256: sha, receivedAt, reference: 'ACE-77' });
  expect(ok).toEqual({ status: 201, body: { batchId, acknowledged: true } });
  const [row] = await db.query('select status, ack_reference from placement_batches where batch_id = $1', [batchId]);
  expect(row).toEqual({ status: 'acknowledged', ack_reference: 'ACE-77' });
});
