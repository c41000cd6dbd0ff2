// BalanceWorkflow bench.
//
//   npm run bench:workflow [-- --starts 300 --concurrency 20]
//
// 1. Temporal actions and history events per journey, counted from the committed replay fixtures
//    (workflows/test/fixtures, recorded from the time-skipping journey tests). Actions are what Temporal Cloud
//    bills: workflow started, signals, updates, activities scheduled, timers, search-attribute upserts, child
//    starts, external signals, markers, continue-as-new. Targets: "paid after the statement" ≤ 30 actions,
//    the full journey to placement ≤ 120.
// 2. Start rate against the dev server (TEMPORAL_ADDRESS, default 127.0.0.1:7233; namespace TEMPORAL_NAMESPACE,
//    default courtesy-test): N balance workflows started the way accounts starts them (signal-with-start with a
//    ledgerChanged signal, the policy snapshot in the input, codec on when PAYLOAD_CODEC_KEYS is set) and N empty
//    workflows, each counted once its first workflow task has run (a query answers only after it). Target ratio
//    balance/empty ≥ 0.7. Both kinds run on a throw-away task queue and are terminated afterwards.
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const { temporal } = require('@temporalio/proto');
const { Client, Connection } = require('@temporalio/client');
const { NativeConnection, Worker, bundleWorkflowCode, Runtime, DefaultLogger } = require('@temporalio/worker');
const { dataConverterFor } = require('../libs/temporal/dist');
const { defaultPolicy } = require('../workflows/dist/domain/policy');
const { ledgerChangedSignal } = require('../workflows/dist/shared/balance-messages');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const STARTS = arg('starts', 300);
const CONCURRENCY = arg('concurrency', 20);

// ---- 1. actions and events per journey ------------------------------------------------------------------
const E = temporal.api.enums.v1.EventType;
const ACTION_EVENTS = new Set([
  E.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
  E.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
  E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
  E.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
  E.EVENT_TYPE_TIMER_STARTED,
  E.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
  E.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
  E.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
  E.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
  E.EVENT_TYPE_MARKER_RECORDED,
  E.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
]);
const TARGETS = { 'paid-partly-then-fully': ['paid after the statement', 30], 'aged-to-placement-and-recall': ['full journey to placement', 120] };

const fixtures = join(here, '../workflows/test/fixtures');
console.log('journey (committed history)            events  actions  target');
for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.json')).sort()) {
  const { history } = JSON.parse(readFileSync(join(fixtures, file), 'utf8'));
  const events = temporal.api.history.v1.History.decode(Buffer.from(history, 'base64')).events;
  const actions = events.filter((e) => ACTION_EVENTS.has(e.eventType)).length;
  const name = file.replace(/\.json$/, '');
  const target = TARGETS[name];
  const verdict = target ? `${target[0]} ≤ ${target[1]}: ${actions <= target[1] ? 'met' : 'MISSED'}` : '';
  console.log(`${name.padEnd(40)} ${String(events.length).padStart(6)}  ${String(actions).padStart(7)}  ${verdict}`);
}

// ---- 2. start rate against the dev server ---------------------------------------------------------------
Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: 'ERROR', forward: {} } } });
const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const namespace = process.env.TEMPORAL_NAMESPACE ?? 'courtesy-test';
const dataConverter = process.env.PAYLOAD_CODEC_KEYS ? dataConverterFor({ PAYLOAD_CODEC_KEYS: process.env.PAYLOAD_CODEC_KEYS }) : undefined;
const run = randomBytes(4).toString('hex');
const taskQueue = `bench-balances-${run}`;

const bundle = await bundleWorkflowCode({
  workflowsPath: join(here, 'bench/workflow-bench.workflows.js'),
  logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
});
const worker = await Worker.create({
  connection: await NativeConnection.connect({ address }),
  namespace,
  taskQueue,
  workflowBundle: bundle,
  ...(dataConverter ? { dataConverter } : {}),
});
const running = worker.run();
const client = new Client({ connection: await Connection.connect({ address }), namespace, ...(dataConverter ? { dataConverter } : {}) });
const policy = defaultPolicy();

async function pool(n, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < n) await fn(next++);
  }));
}

async function measure(kind) {
  const ids = [];
  const t0 = performance.now();
  await pool(STARTS, async (i) => {
    const workflowId = kind === 'balance' ? `balance:bench-${run}:c1:a${i}` : `bench-empty:${run}:${i}`;
    ids.push(workflowId);
    const handle =
      kind === 'balance'
        ? await client.workflow.signalWithStart('BalanceWorkflow', {
            workflowId,
            taskQueue,
            args: [{
              tenantId: `bench-${run}`, clinicId: 'c1', accountId: `a${i}`, clinicName: 'Bench Clinic', balanceCents: 12_500,
              startedAt: new Date().toISOString(), dayLengthMs: policy.dayLengthMs, policy,
              contact: { firstName: 'Bench', email: 'bench@example.test', timeZone: 'America/Chicago', emailConsent: true },
              taskQueues: { outreach: `${taskQueue}-none`, payments: `${taskQueue}-none`, placement: `${taskQueue}-none` },
            }],
            signal: ledgerChangedSignal,
            signalArgs: [{ eventId: `e${i}`, balanceCents: 12_500, reason: 'visit.charged' }],
          })
        : await client.workflow.start('EmptyWorkflow', { workflowId, taskQueue });
    // A query is answered after the first workflow task has run: the workflow is really started.
    await handle.query('state');
  });
  const seconds = (performance.now() - t0) / 1000;
  return { ids, rate: STARTS / seconds, seconds };
}

try {
  // Warm the bundle and connections so neither kind pays the first-task cost alone.
  await client.workflow.start('EmptyWorkflow', { workflowId: `bench-empty:${run}:warm`, taskQueue }).then((h) => h.query('state'));
  const empty = await measure('empty');
  const balance = await measure('balance');
  console.log('');
  console.log(`start rate against ${address} (${namespace}), ${STARTS} each, concurrency ${CONCURRENCY}, codec ${dataConverter ? 'on' : 'off'}`);
  console.log(`  empty workflow    ${empty.rate.toFixed(1)} starts/s (${empty.seconds.toFixed(1)} s)`);
  console.log(`  BalanceWorkflow   ${balance.rate.toFixed(1)} starts/s (${balance.seconds.toFixed(1)} s)`);
  const ratio = balance.rate / empty.rate;
  console.log(`  ratio             ${ratio.toFixed(2)} (target ≥ 0.7: ${ratio >= 0.7 ? 'met' : 'MISSED'})`);
  for (const id of [...empty.ids, ...balance.ids, `bench-empty:${run}:warm`]) {
    await client.workflow.getHandle(id).terminate('bench finished').catch(() => undefined);
  }
} finally {
  worker.shutdown();
  await running;
  await client.connection.close();
}
