/**
 * The workflow-signal relay on the real Postgres (accounts schema of courtesy_test) and the real Temporal dev
 * server: signals stored by the ledger go out after commit, one workflow's in the order written, several
 * workflows at once; a signal Temporal refuses stays (with the ones behind it) and goes out in order once it can;
 * a fact for a workflow that does not exist is dropped; only one dispatcher feeds a workflow at a time.
 */
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { dataConverterFor } from '@courtesy/temporal';
import { databaseOptions } from '@courtesy/service-kit';
import { disputeOpenedSignal, ledgerChangedSignal, mailReturnedSignal, type BalanceStart } from '@courtesy/workflows';
import { loadAccountsConfig } from '../src';
import { entities, migrations } from '../src/database';
import { BalanceSignaller } from '../src/workflow/balance-signaller';
import { enqueueSignals } from '../src/workflow/signal-outbox';
import { WorkflowSignalRelay, retryDelaySeconds } from '../src/workflow/signal-relay';
import { signalsQuery } from './support/signal-recorder.workflows';

const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const config = loadAccountsConfig({
  DATABASE_URL: 'postgres://accounts:accounts@127.0.0.1:5432/courtesy_test',
  DATABASE_SCHEMA: 'accounts',
  DATABASE_POOL_SIZE: '6',
  KAFKA_BROKERS: '127.0.0.1:9092',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  TEMPORAL_NAMESPACE: 'courtesy-test',
  PAYLOAD_CODEC_KEYS: `test:${randomBytes(32).toString('base64')}`,
  TEMPORAL_BALANCES_TASK_QUEUE: `signal-relay-${run}`,
  ACCOUNTS_SIGNAL_CONCURRENCY: '4',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
});

let db: DataSource;
let client: Client;
let worker: Worker;
let running: Promise<void>;
let relay: WorkflowSignalRelay;

const wf = (name: string) => `balance:${run}:relay:${name}`;
const start = (account: string, balanceCents: number): BalanceStart =>
  ({ tenantId: run, clinicId: 'relay', accountId: account, balanceCents, startedAt: new Date().toISOString() }) as BalanceStart;
const pending = async (workflowId: string) =>
  db.query('select signal_name, attempts, last_error from workflow_signals where workflow_id = $1 order by id', [workflowId]);
/** What the recorder heard once it has heard `count` signals (a query may time out on a busy host: ask again). */
async function heard(workflowId: string, count: number) {
  const until = Date.now() + 60_000;
  for (;;) {
    const got = await client.workflow.getHandle(workflowId).query(signalsQuery).catch(() => []);
    if (got.length >= count || Date.now() > until) return got;
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  db = await new DataSource(databaseOptions(config, { entities, migrations })).initialize();
  const dataConverter = dataConverterFor(config);
  worker = await Worker.create({
    connection: await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS }),
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_BALANCES_TASK_QUEUE,
    workflowsPath: require.resolve('./support/signal-recorder.workflows'),
    dataConverter,
  });
  running = worker.run();
  client = new Client({ connection: await Connection.connect({ address: config.TEMPORAL_ADDRESS }), namespace: config.TEMPORAL_NAMESPACE, dataConverter });
  // The recorder stands in for BalanceWorkflow under its type name, so signal-with-start starts a recorder.
  const signaller = new BalanceSignaller(client, config);
  Object.assign(signaller, { workflowType: 'SignalRecorder' });
  relay = new WorkflowSignalRelay(db, signaller, config);
}, 90_000);

afterAll(async () => {
  const ids: Array<{ workflow_id: string }> = await db.query(`select distinct workflow_id from workflow_signals where workflow_id like $1`, [`balance:${run}:%`]);
  await db.query(`delete from workflow_signals where workflow_id like $1`, [`balance:${run}:%`]);
  for (const name of ['a', 'b', 'c', 'd', ...ids.map((r) => r.workflow_id)]) {
    await client?.workflow.getHandle(name.startsWith('balance:') ? name : wf(name)).terminate().catch(() => undefined);
  }
  worker?.shutdown();
  await running;
  await client?.connection.close();
  await db?.destroy();
});

test.each([
  [1, 1],
  [2, 2],
  [3, 4],
  [7, 60],
  [12, 60],
])('retry delay after %i failed attempts is %i s', (attempts, seconds) => {
  expect(retryDelaySeconds(attempts)).toBe(seconds);
});

test('signals of several workflows go out after commit, each workflow in the order written', async () => {
  await db.transaction(async (em) => {
    for (const name of ['a', 'b']) {
      await enqueueSignals(em, [
        { workflowId: wf(name), signal: ledgerChangedSignal, payload: { eventId: `${name}1`, balanceCents: 100 }, start: start(name, 100) },
        { workflowId: wf(name), signal: disputeOpenedSignal, payload: { eventId: `${name}2`, disputeRef: 'd' } },
      ]);
    }
    await enqueueSignals(em, [
      { workflowId: wf('a'), signal: ledgerChangedSignal, payload: { eventId: 'a3', balanceCents: 50 }, start: start('a', 50) },
      { workflowId: wf('a'), signal: mailReturnedSignal, payload: { eventId: 'a4' } },
    ]);
  });
  await relay.drain();
  expect((await heard(wf('a'), 4)).map((s) => s.eventId)).toEqual(['a1', 'a2', 'a3', 'a4']);
  expect(await heard(wf('b'), 2)).toEqual([
    { signal: 'ledgerChanged', eventId: 'b1' },
    { signal: 'disputeOpened', eventId: 'b2' },
  ]);
  expect(await pending(wf('a'))).toEqual([]);
  expect(await pending(wf('b'))).toEqual([]);
}, 120_000);

test('a fact for a workflow that does not exist is dropped, not retried', async () => {
  await enqueueSignals(db, [{ workflowId: wf('never-started'), signal: mailReturnedSignal, payload: { eventId: 'x1' } }]);
  await relay.drain();
  expect(await pending(wf('never-started'))).toEqual([]);
});

test('a refused signal holds back the ones behind it, backs off, and all go out in order once it can', async () => {
  // BalanceCents is an Int search attribute: Temporal refuses a start that sets it to a string.
  const broken = { ...start('c', 100), balanceCents: 'not a number' as unknown as number };
  await enqueueSignals(db, [
    { workflowId: wf('c'), signal: ledgerChangedSignal, payload: { eventId: 'c1', balanceCents: 100 }, start: broken },
    { workflowId: wf('c'), signal: disputeOpenedSignal, payload: { eventId: 'c2', disputeRef: 'd' } },
  ]);
  expect(await relay.dispatch(wf('c'))).toBe('failed');
  const stuck = await pending(wf('c'));
  expect(stuck.map((r: { signal_name: string }) => r.signal_name)).toEqual(['ledgerChanged', 'disputeOpened']);
  expect(stuck[0].attempts).toBe(1);
  expect(stuck[0].last_error).toMatch(/BalanceCents|search attribute|invalid/i);
  // Backing off: the poll does not pick it up yet.
  await relay.drain();
  expect(await pending(wf('c'))).toHaveLength(2);

  // The operator fixes the cause; the retry sends both, in order.
  await db.query(`update workflow_signals set start_args = $2::jsonb, not_before = now() where workflow_id = $1 and start_args is not null`, [
    wf('c'),
    JSON.stringify(start('c', 100)),
  ]);
  await relay.drain();
  expect((await heard(wf('c'), 2)).map((s) => s.eventId)).toEqual(['c1', 'c2']);
  expect(await pending(wf('c'))).toEqual([]);
});

test('while one dispatcher feeds a workflow another one skips it, and flush waits for it', async () => {
  await enqueueSignals(db, [
    { workflowId: wf('d'), signal: ledgerChangedSignal, payload: { eventId: 'd1', balanceCents: 100 }, start: start('d', 100) },
  ]);
  const other = new WorkflowSignalRelay(db, Object.assign(new BalanceSignaller(client, config), { workflowType: 'SignalRecorder' }), config);
  await db.transaction(async (em) => {
    await em.query('select pg_advisory_xact_lock(hashtextextended($1, 7))', [wf('d')]);
    expect(await other.dispatch(wf('d'))).toBe('busy');
  });
  await other.flush(wf('d'));
  expect((await heard(wf('d'), 1)).map((s) => s.eventId)).toEqual(['d1']);
});
