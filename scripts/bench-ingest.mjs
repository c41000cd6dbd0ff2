// Ingest bench against the running stack (npm start): how many events/s the gateway accepts durably, how that
// compares with a bare kafkajs producer on the same broker, and how long an event takes from POST to the
// accounts ledger commit and to its balance workflow's signal.
//
//   npm run bench:ingest [-- --events 20000 --batch 100 --concurrency 6 --keys 6 --rounds 4 --probe 150
//                            --signal-sample 100 --latency-sample 500 --drain-timeout 120 --zero-charge --keep]
//
// Phases, in one run on the same broker:
//   setup   a throw-away tenant bench-<run> with one clinic (real 24 h "day") and integrator key(s); a bench-only
//           topic bench.raw.v1 (12 partitions like ehr.events.v1) so raw messages never reach the accounts consumer.
//   probe   a paced trickle (5-event batches every 250 ms, 20 events/s) through the gateway on a quiet pipeline:
//           latency to the ledger commit and to the workflow signal without a backlog.
//   raw     the same messages the gateway would publish (key, envelope, headers), sent with a kafkajs producer
//           configured like the gateway's (idempotent, acks -1, one in flight), in batches, same concurrency.
//   gateway N visit.charged events (one new account each) through POST /v1/events; 202 means Kafka acked.
//           Raw and gateway alternate in --rounds slices (raw first, then gateway first, and so on), so both run
//           under the same background: the accounts consumer and Temporal working through the gateway's events.
//           The first raw slice, sent before any gateway traffic, is also reported on its own (quiet machine).
//   drain   waits (bounded by --drain-timeout, so the run stays around 3 minutes) for the accounts consumer to
//           commit them, counting the accounts they open; latency under that burst is timed on a spread sample
//           (--latency-sample). Every event opens an account with a positive balance, so each one costs a
//           signal-with-start of a new workflow; events still queued when the wait ends are reported as lower
//           bounds (≥) and are applied after the bench exits.
//   signal  Temporal history of a sample of the new workflows: when WorkflowExecutionSignaled was recorded (a
//           workflow the signal relay has not started yet counts as a lower bound).
//   cleanup deletes bench.raw.v1, drops the bench tenant's signals the relay has not sent yet and terminates its
//           workflows (--keep leaves both).
// Ledger rows of bench tenants stay in Postgres (the audit log is append-only by design).
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const { parseEventsRequest, Topics, KafkaHeaders, EHR_SCHEMA_VERSION } = require('../libs/contracts/dist');
const { Kafka, logLevel } = require('kafkajs');
const { KeyPartitioner } = require('../libs/kafka/dist');
const pg = require('pg');
const { Connection, Client, WorkflowNotFoundError } = require('@temporalio/client');

// ---------------------------------------------------------------------------------------------- arguments
const USAGE = `usage: npm run bench:ingest [-- options]
  --events N           visit.charged events for the throughput phases (default 20000)
  --batch N            events per request / producer send (default 100)
  --concurrency N      concurrent requests / sends (default 6)
  --rounds N           alternating raw / gateway slices the events are split into (default 4; 1 = raw then gateway)
  --keys N             integrator keys, used round-robin (default: one per concurrent request, as several
                       integrators would; the gateway rate-limits each key, and this measures the gateway, not
                       the limit — pass --keys 1 to see what a single integrator gets)
  --probe N            events in the paced latency probe (default 150; 0 skips it)
  --signal-sample N    burst workflows whose Temporal history is read for the signal latency (default 100)
  --latency-sample N   burst events, spread over the run, whose ledger commit is timed (default 500); the
                       consumer's progress is counted for all of them
  --drain-timeout S    how long to wait for the consumer to commit the burst (default 120)
  --zero-charge        bill the burst's visits at $0 (CPT 99024): accounts opens them without starting workflows,
                       which isolates the ledger's own capacity from Temporal's (the probe still charges)
  --keep               keep the bench workflows running (default: terminate them at the end)
  --gateway URL / --accounts URL / --database URL   (defaults: 127.0.0.1:3000, :3001, accounts role)
ADMIN_TOKEN, KAFKA_BROKERS, TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE come from the environment (.data/courtesy.env).`;

function die(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const spec = {
    events: 'int', batch: 'int', concurrency: 'int', rounds: 'int', keys: 'int', probe: 'int', 'signal-sample': 'int', 'latency-sample': 'int', 'drain-timeout': 'int',
    keep: 'bool', 'zero-charge': 'bool', gateway: 'str', accounts: 'str', database: 'str', help: 'bool',
  };
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m || !(m[1] in spec)) die(`unknown argument "${argv[i]}"\n${USAGE}`);
    const [, name, inline] = m;
    if (spec[name] === 'bool') { out[name] = true; continue; }
    const value = inline ?? argv[++i];
    if (value === undefined) die(`--${name} needs a value`);
    if (spec[name] === 'int' && !/^\d+$/.test(value)) die(`--${name} must be a non-negative integer`);
    out[name] = spec[name] === 'int' ? Number(value) : value;
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const N = args.events ?? 20_000;
const BATCH = args.batch ?? 100;
const CONCURRENCY = args.concurrency ?? 6;
const KEYS = args.keys ?? CONCURRENCY;
const ROUNDS = args.rounds ?? 4;
const PROBE = args.probe ?? 150;
const ZERO = args['zero-charge'] ?? false;
const SIGNAL_SAMPLE = args['signal-sample'] ?? 100;
const LATENCY_SAMPLE = Math.max(1, args['latency-sample'] ?? 500);
const DRAIN_TIMEOUT_MS = (args['drain-timeout'] ?? 120) * 1000;
const KEEP = args.keep ?? false;
const gateway = (args.gateway ?? process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const accountsUrl = (args.accounts ?? process.env.ACCOUNTS_URL ?? 'http://127.0.0.1:3001').replace(/\/$/, '');
const databaseUrl = args.database ?? process.env.BENCH_DATABASE_URL ?? 'postgres://accounts:accounts@127.0.0.1:5432/courtesy';
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const temporalAddress = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const namespace = process.env.TEMPORAL_NAMESPACE ?? 'courtesy';
const token = process.env.ADMIN_TOKEN;
if (!token) die('ADMIN_TOKEN is not set; run: set -a; source .data/courtesy.env; set +a');
if (N < BATCH || BATCH < 1 || BATCH > 500) die('--batch must be 1-500 and --events at least one batch');
if (CONCURRENCY < 1 || CONCURRENCY > 64) die('--concurrency must be 1-64');
if (KEYS < 1 || KEYS > 64) die('--keys must be 1-64');
if (ROUNDS < 1 || ROUNDS > N / BATCH) die('--rounds must be at least 1 and at most the number of batches');

const RAW_TOPIC = 'bench.raw.v1';
const run = randomBytes(3).toString('hex');
const tenantId = `bench-${run}`;
const clinicId = 'bench-clinic';
const clinicTz = 'America/Chicago';

// ---------------------------------------------------------------------------------------------- helpers
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();
const fmtN = (x) => Math.round(x).toLocaleString('en-US');
const fmtMs = (ms) => (ms === undefined ? '-' : ms < 1000 ? `${Math.round(ms)} ms` : ms < 100_000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms / 1000)} s`);
const log = (msg) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
let lastBar = 0;
function bar(label, done, total, startedAt) {
  const t = Date.now();
  if (done < total && t - lastBar < 200) return;
  lastBar = t;
  const width = 30;
  const filled = Math.round((done / total) * width);
  const rate = done / Math.max(0.001, (now() - startedAt) / 1000);
  const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${fmtN(done)}/${fmtN(total)}  ${fmtN(rate)}/s`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}\x1b[K${done >= total ? '\n' : ''}`);
  else if (done >= total) process.stderr.write(`${line}\n`);
}

/** Runs `worker(item)` over items with at most `limit` in flight. */
async function pool(items, limit, worker) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await worker(items[i], i);
    }
  }));
}

async function call(method, url, body, headers = {}) {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} -> ${res.status} ${text.slice(0, 1500)}`);
  return JSON.parse(text);
}

// ----------------------------------------------------------------------------------------------- events
const CODES = [
  ['97110', 'Therapeutic exercise, 15 min', 4700], ['97140', 'Manual therapy, 15 min', 4300], ['97112', 'Neuromuscular re-education, 15 min', 4900],
  ['97530', 'Therapeutic activities, 15 min', 5100], ['97116', 'Gait training, 15 min', 4200], ['G0283', 'Electrical stimulation, unattended', 2200],
];
function visitEvent(prefix, i, zero) {
  const at = new Date();
  const lines = [];
  if (zero) lines.push({ code: '99024', description: 'Postoperative follow-up visit, included in global service', chargeCents: 0 });
  else {
    for (let k = 0; k < 1 + (i % 3); k++) {
      const [code, description, cents] = CODES[(i + k * 2) % CODES.length];
      lines.push({ code, modifiers: ['GP'], description, chargeCents: cents * (1 + ((i + k) % 2)) });
    }
  }
  const local = new Date(at.getTime() - 6 * 3600_000).toISOString().slice(0, 10);
  return {
    id: `${prefix}-${String(i).padStart(6, '0')}`,
    type: 'visit.charged',
    occurredAt: at.toISOString(),
    clinicId,
    data: { schemaVersion: 1, accountRef: `${prefix.toUpperCase()}-${String(i).padStart(6, '0')}`, visitRef: `V-${prefix}-${i}`, serviceDate: local, providerRef: `PRV-${(i % 7) + 1}`, lines },
  };
}
function makeBatches(prefix, count, size, zero = false) {
  const events = Array.from({ length: count }, (_, i) => visitEvent(prefix, i, zero));
  const batches = [];
  for (let i = 0; i < events.length; i += size) batches.push(events.slice(i, i + size));
  for (const [b, batch] of batches.entries()) {
    const r = parseEventsRequest({ events: batch });
    if (!r.ok) throw new Error(`generated batch ${b} is invalid:\n${r.errors.slice(0, 20).map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
  }
  return { events, batches };
}

// -------------------------------------------------------------------------------------------- resources
const kafka = new Kafka({ clientId: 'courtesy-bench', brokers, logLevel: logLevel.NOTHING, retry: { initialRetryTime: 200, retries: 10 } });
const admin = kafka.admin();
const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
let temporal;
let producer;
let topicCreated = false;
const results = { throttled: 0 };
const startedAt = now();

async function setup() {
  const h = await fetch(`${gateway}/health`).catch(() => null);
  if (!h?.ok) die(`the gateway at ${gateway} is not healthy; start the stack with npm start`);
  const adminH = { authorization: `Bearer ${token}` };
  await call('PUT', `${accountsUrl}/admin/tenants/${tenantId}/clinics/${clinicId}`, { name: `Bench Clinic ${run}`, timeZone: clinicTz, dayLengthMs: 86_400_000 }, adminH);
  const keys = [];
  for (let k = 0; k < KEYS; k++) {
    keys.push((await call('POST', `${gateway}/admin/integrator-keys`, { tenantId, clinicIds: [clinicId], label: `bench ${run} #${k + 1}` }, adminH)).apiKey);
  }
  await admin.connect();
  const existing = await admin.listTopics();
  if (!existing.includes(RAW_TOPIC)) {
    await admin.createTopics({ topics: [{ topic: RAW_TOPIC, numPartitions: 12, replicationFactor: 1 }], waitForLeaders: true });
  }
  topicCreated = true;
  const meta = await admin.fetchTopicMetadata({ topics: [Topics.ehrEvents, RAW_TOPIC] });
  const connection = await Connection.connect({ address: temporalAddress });
  temporal = new Client({ connection, namespace });
  await terminateLeftovers();
  return { keys, partitions: Object.fromEntries(meta.topics.map((t) => [t.name, t.partitions.length])) };
}

/**
 * A run's burst is often still queued for accounts when the run ends, and those events start their workflows after
 * the run's own cleanup; left running, they would load the next measurement. Every run first terminates what
 * earlier bench tenants left behind and waits until they are gone.
 */
async function terminateLeftovers() {
  const query = "ExecutionStatus = 'Running' AND TenantId STARTS_WITH 'bench-'";
  const count = async () => Number((await temporal.workflowService.countWorkflowExecutions({ namespace, query })).count ?? 0);
  const left = await count();
  if (!left) return;
  log(`terminating ${fmtN(left)} workflow(s) left running by earlier bench runs`);
  // The dev server runs one batch operation at a time; an earlier run's cleanup may still hold that slot.
  let started = false;
  let attempt = 0;
  const start = async () => {
    try {
      await temporal.workflowService.startBatchOperation({
        namespace, jobId: `bench-leftovers-${run}-${attempt++}`, visibilityQuery: query, reason: 'bench:ingest leftovers of earlier runs',
        terminationOperation: { identity: 'bench-ingest' }, maxOperationsPerSecond: 1000,
      });
      started = true;
    } catch (err) {
      if (!/concurrent batch/i.test(err.message)) throw err;
    }
  };
  const t0 = now();
  // Still-queued events of an earlier run keep starting workflows while we wait, so the total may grow.
  let total = left;
  for (let n = left, tick = 0; n > 0; n = await count(), tick++) {
    if (!started && tick % 5 === 0) await start();
    if (started && tick % 15 === 0 && tick > 0) started = false; // a batch sees only what matched when it began
    total = Math.max(total, n);
    bar('leftovers    ', total - n, total, t0);
    if (now() - t0 > 30 * 60_000) die(`earlier bench workflows are still running after 30 min; see Temporal UI (${query})`);
    await sleep(2000);
  }
  bar('leftovers    ', total, total, t0);
}

// --------------------------------------------------------------------------------------- gateway posting
/** Posts batches with `concurrency` requests in flight; records each event's POST start time. */
async function postBatches(batches, keys, concurrency, postedAt, label) {
  let done = 0;
  let accepted = 0;
  const t0 = now();
  await pool(batches, concurrency, async (batch, i) => {
    const key = keys[i % keys.length];
    const body = JSON.stringify({ events: batch });
    for (;;) {
      const sentAt = now();
      const res = await fetch(`${gateway}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body });
      const text = await res.text();
      if (res.status === 429) {
        results.throttled++;
        await sleep(Number(res.headers.get('retry-after') ?? '1') * 1000);
        continue;
      }
      if (res.status !== 202) throw new Error(`POST /v1/events -> ${res.status} ${text.slice(0, 1500)}`);
      accepted += JSON.parse(text).accepted;
      for (const e of batch) postedAt.set(e.id, sentAt);
      break;
    }
    done += batch.length;
    if (label) bar(label, done, batches.reduce((n, b) => n + b.length, 0), t0);
  });
  return { accepted, seconds: (now() - t0) / 1000 };
}

// ----------------------------------------------------------------------------------------- raw producer
/** Exactly what IngestService publishes for these events, to the bench-only topic. */
function rawMessages(batch, keyId) {
  const receivedAt = new Date().toISOString();
  return batch.map((event) => ({
    key: `${tenantId}/${event.clinicId}/${event.data.accountRef}`,
    value: JSON.stringify({ schemaVersion: EHR_SCHEMA_VERSION, tenantId, receivedAt, keyId, event }),
    headers: {
      [KafkaHeaders.tenantId]: tenantId,
      [KafkaHeaders.eventType]: event.type,
      [KafkaHeaders.schemaVersion]: String(EHR_SCHEMA_VERSION),
      [KafkaHeaders.eventId]: event.id,
    },
  }));
}

async function rawPhase(batches, label) {
  if (!producer) {
    // Same producer settings as libs/kafka connectProducer, which the gateway uses.
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: KeyPartitioner });
    await producer.connect();
    await producer.send({ topic: RAW_TOPIC, acks: -1, messages: rawMessages(batches[0], 'warmup') }); // metadata + connections
  }
  const total = batches.reduce((n, b) => n + b.length, 0);
  let done = 0;
  const t0 = now();
  await pool(batches, CONCURRENCY, async (batch) => {
    await producer.send({ topic: RAW_TOPIC, acks: -1, messages: rawMessages(batch, 'bench') });
    done += batch.length;
    bar(label, done, total, t0);
  });
  return { sent: done, seconds: (now() - t0) / 1000 };
}

// ------------------------------------------------------------------------------------------ ledger watch
/**
 * Watches accounts.inbox for these events. inbox.received_at is now() of the applying transaction, i.e.
 * when it began; the commit is when the row becomes visible, which is what a poll sees. Each event gets
 * the time it was first seen (an upper bound on its commit, off by at most one poll interval).
 * The poll looks up the events still unseen by primary key: a LIKE on event_id scans the whole inbox, which
 * after a few bench runs holds hundreds of thousands of rows, and the poll itself then took 100–200 ms of
 * Postgres time, delaying what it measured and the ledger it competed with.
 */
function watchInbox(ids, intervalMs) {
  const seen = new Map(); // eventId -> { seenAt, startedAt }
  const pending = new Set(ids);
  const stop = pollEvery(intervalMs, async (t) => {
    if (!pending.size) return;
    const { rows } = await db.query(
      'select event_id, extract(epoch from received_at) * 1000 as at from accounts.inbox where event_id = any($1::text[])',
      [[...pending].map((id) => `${tenantId}:${id}`)],
    );
    const polledAt = now();
    for (const r of rows) {
      const id = r.event_id.slice(tenantId.length + 1);
      seen.set(id, { seenAt: (t + polledAt) / 2, startedAt: Number(r.at) });
      pending.delete(id);
    }
  });
  return { seen, stop };
}

/** Runs `tick(startedAt)` every `intervalMs` (never overlapping) until the returned stop() resolves. */
function pollEvery(intervalMs, tick) {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const t = now();
      await tick(t);
      await sleep(Math.max(0, intervalMs - (now() - t)));
    }
  })();
  return async () => { stopped = true; await loop; };
}

/** The bench tenant's accounts: every burst event opens one (an index-only count on accounts_by_clinic). */
async function countAccounts() {
  const { rows } = await db.query('select count(*)::int as n from accounts.accounts where tenant_id = $1', [tenantId]);
  return rows[0].n;
}

/**
 * How many accounts the burst has opened, once a second: this counts its commits without naming them (polling
 * 20,000 event IDs by key four times a second was itself 80,000 index probes/s of Postgres, competing with the
 * ledger it timed).
 */
function watchCommitted(baseline, intervalMs) {
  const state = { count: 0, lastIncreaseAt: now() };
  const stop = pollEvery(intervalMs, async () => {
    const count = (await countAccounts()) - baseline;
    if (count > state.count) Object.assign(state, { count, lastIncreaseAt: now() });
  });
  return { state, stop };
}

/** `n` items spread evenly over `items` (first, last and evenly between), in their order. */
function spread(items, n) {
  if (n >= items.length) return items.slice();
  return Array.from({ length: n }, (_, i) => items[Math.round((i * (items.length - 1)) / Math.max(1, n - 1))]);
}

async function waitFor(seen, ids, timeoutMs, label) {
  const t0 = now();
  const deadline = t0 + timeoutMs;
  while (now() < deadline) {
    const done = ids.filter((id) => seen.has(id)).length;
    if (label) bar(label, done, ids.length, t0);
    if (done === ids.length) return true;
    await sleep(100);
  }
  if (label && process.stderr.isTTY) process.stderr.write('\n');
  return false;
}

/**
 * POST-to-commit latency per event. An event not committed by `endAt` gets `endAt - posted` as a lower bound
 * (censored), so percentiles over all events stay honest: a percentile that lands on or above a censored
 * value is itself only a lower bound.
 */
function latencies(ids, postedAt, seen, endAt) {
  const values = [];
  for (const id of ids) {
    const s = seen.get(id);
    if (s) values.push({ v: s.seenAt - postedAt.get(id), censored: false });
    else values.push({ v: endAt - postedAt.get(id), censored: true });
  }
  return values.sort((a, b) => a.v - b.v);
}
const exact = (sorted) => sorted.map((v) => ({ v, censored: false }));
/** [value, isLowerBound] of the q-quantile (nearest rank). */
function pct(values, q) {
  if (!values.length) return [undefined, false];
  const i = Math.min(values.length - 1, Math.max(0, Math.ceil(q * values.length) - 1));
  let bound = false;
  for (let k = 0; k <= i; k++) if (values[k].censored) bound = true;
  return [values[i].v, bound];
}

// --------------------------------------------------------------------------------------- signal latency
/**
 * POST-to-signal latency per event, from the WorkflowExecutionSignaled time in its workflow's history. A
 * workflow the signal relay has not started yet (it works through a backlog at Temporal's pace) gives a lower
 * bound, read time minus POST time, marked censored like unapplied ledger events.
 */
async function signalLatencies(events, postedAt) {
  const refs = events.map((e) => e.data.accountRef);
  const { rows } = await db.query(
    'select account_ref, workflow_id from accounts.accounts where tenant_id = $1 and account_ref = any($2) and workflow_id is not null',
    [tenantId, refs],
  );
  const wf = new Map(rows.map((r) => [r.account_ref, r.workflow_id]));
  const out = [];
  let failed = 0;
  let pendingCount = 0;
  await pool(events.filter((e) => wf.has(e.data.accountRef)), 8, async (e) => {
    try {
      const history = await temporal.workflow.getHandle(wf.get(e.data.accountRef)).fetchHistory();
      const signaled = history.events.find((h) => h.workflowExecutionSignaledEventAttributes);
      if (!signaled?.eventTime) return;
      const at = Number(signaled.eventTime.seconds) * 1000 + Math.floor((signaled.eventTime.nanos ?? 0) / 1e6);
      out.push({ v: at - postedAt.get(e.id), censored: false });
    } catch (err) {
      // fetchHistory passes the raw gRPC NOT_FOUND (code 5) through; other calls wrap it.
      if (!(err instanceof WorkflowNotFoundError || err?.code === 5)) { failed++; return; }
      pendingCount++;
      out.push({ v: now() - postedAt.get(e.id), censored: true });
    }
  });
  return { sorted: out.sort((a, b) => a.v - b.v), missing: events.length - wf.size, failed, pending: pendingCount };
}

/**
 * The CPU priority (nice) of the local services, read from /proc: npm start runs the queue workers and Temporal
 * below the gateway on one machine, and the figures mean little without knowing that. Null off Linux or when
 * the services run elsewhere.
 */
function localPriorities() {
  const names = { gateway: 'services/gateway/', accounts: 'services/accounts/', outreach: 'services/outreach/', payments: 'services/payments/', placement: 'services/placement/', 'balances worker': 'workflows/dist/main', temporal: 'temporal server start-dev' };
  const found = {};
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let cmd;
      try { cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '); } catch { continue; }
      const name = Object.keys(names).find((n) => cmd.includes(names[n]) && !cmd.includes('bench-ingest'));
      if (!name) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      found[name] = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    }
  } catch { return null; }
  if (!('gateway' in found)) return null;
  const byNice = new Map();
  for (const [name, nice] of Object.entries(found)) byNice.set(nice, [...(byNice.get(nice) ?? []), name]);
  return [...byNice].sort((a, b) => a[0] - b[0]).map(([nice, list]) => `${list.join(', ')} at nice ${nice}`).join('; ');
}

// ---------------------------------------------------------------------------------------------- cleanup
async function cleanup() {
  const notes = [];
  try { await producer?.disconnect(); } catch { /* already gone */ }
  if (topicCreated) {
    try {
      await admin.deleteTopics({ topics: [RAW_TOPIC], timeout: 10_000 });
      notes.push(`deleted topic ${RAW_TOPIC}`);
    } catch (err) {
      notes.push(`could not delete ${RAW_TOPIC}: ${err.message}`);
    }
  }
  try { await admin.disconnect(); } catch { /* ignore */ }
  if (temporal && !KEEP) {
    // Workflows the signal relay has not started yet would start after the batch below has listed its targets and
    // run until the next bench terminates them; the bench tenant's unsent signals are dropped instead (its ledger
    // rows stay). The range form uses the (workflow_id, id) index, where LIKE under a non-C collation cannot.
    try {
      const prefix = `balance:${tenantId}:`;
      const { rowCount } = await db.query('delete from accounts.workflow_signals where workflow_id >= $1 and workflow_id < $2', [prefix, `${prefix.slice(0, -1)};`]);
      if (rowCount) notes.push(`dropped ${fmtN(rowCount)} signals the relay had not sent (workflows never started)`);
    } catch (err) {
      notes.push(`could not drop the unsent signals: ${err.message}`);
    }
    const query = `TenantId = '${tenantId}'`;
    try {
      await temporal.workflowService.startBatchOperation({
        namespace, jobId: `bench-cleanup-${run}`, visibilityQuery: query, reason: 'bench:ingest cleanup',
        terminationOperation: { identity: 'bench-ingest' }, maxOperationsPerSecond: 1000,
      });
      notes.push(`terminating workflows where ${query} (Temporal batch job bench-cleanup-${run})`);
    } catch (err) {
      notes.push(`could not start a batch terminate (${err.message}); run: temporal workflow terminate --namespace ${namespace} --query "${query}"`);
    }
  }
  try { await temporal?.connection.close(); } catch { /* ignore */ }
  await db.end();
  return notes;
}

// ------------------------------------------------------------------------------------------------- main
let cleanupNotes = [];
try {
  log(`run ${run}: tenant ${tenantId}, ${fmtN(N)} events, batches of ${BATCH}, concurrency ${CONCURRENCY}, ${KEYS} key(s)`);
  const { keys, partitions } = await setup();
  const probe = makeBatches(`p${run}`, PROBE, 5);
  const load = makeBatches(`b${run}`, N, BATCH, ZERO);
  const postedAt = new Map();

  // Probe: a quiet pipeline, paced well below what the consumer can apply.
  let probeCommit = [];
  const probeSplit = { toTx: [], inTx: [] };
  let probeSignal = { sorted: [], missing: 0, failed: 0, pending: 0 };
  let probeRate = 0;
  let probeOk = true;
  if (PROBE > 0) {
    log(`probe: ${PROBE} events in 5-event batches every 250 ms`);
    const watch = watchInbox(probe.events.map((e) => e.id), 20);
    const p0 = now();
    for (const batch of probe.batches) {
      const t = now();
      await postBatches([batch], keys, 1, postedAt);
      await sleep(Math.max(0, 250 - (now() - t)));
    }
    probeRate = PROBE / ((now() - p0) / 1000);
    probeOk = await waitFor(watch.seen, probe.events.map((e) => e.id), 60_000);
    await watch.stop();
    probeCommit = latencies(probe.events.map((e) => e.id), postedAt, watch.seen, now());
    // Where the time goes: until accounts began the event's transaction (gateway, Kafka, consumer fetch), and after.
    for (const e of probe.events) {
      const s = watch.seen.get(e.id);
      if (!s) continue;
      probeSplit.toTx.push(s.startedAt - postedAt.get(e.id));
      probeSplit.inTx.push(s.seenAt - s.startedAt);
    }
    probeSplit.toTx.sort((a, b) => a - b);
    probeSplit.inTx.sort((a, b) => a - b);
    probeSignal = await signalLatencies(probe.events, postedAt);
  }

  log(`throughput: ${fmtN(N)} events, raw to ${RAW_TOPIC} and gateway POST /v1/events alternating in ${ROUNDS} round(s)`);
  // The probe's accounts belong to the same tenant; count only what the burst adds.
  const baseline = await countAccounts();
  const timed = spread(load.events, LATENCY_SAMPLE).map((e) => e.id);
  const watch = watchInbox(timed, 250);
  const committed = watchCommitted(baseline, 1000);
  const raw = { sent: 0, seconds: 0 };
  const gw = { accepted: 0, seconds: 0 };
  let quietRaw;
  const perRound = Math.ceil(load.batches.length / ROUNDS);
  for (let r = 0; r < ROUNDS; r++) {
    const slice = load.batches.slice(r * perRound, (r + 1) * perRound);
    if (!slice.length) break;
    // raw, gateway | gateway, raw | ...: neither side always gets the quieter half of a round.
    for (const side of r % 2 === 0 ? ['raw', 'gateway'] : ['gateway', 'raw']) {
      const tag = `${side === 'raw' ? 'raw kafkajs ' : 'gateway POST'} ${r + 1}/${ROUNDS}`;
      if (side === 'raw') {
        const res = await rawPhase(slice, tag);
        if (r === 0) quietRaw = res;
        raw.sent += res.sent;
        raw.seconds += res.seconds;
      } else {
        const res = await postBatches(slice, keys, CONCURRENCY, postedAt, tag);
        gw.accepted += res.accepted;
        gw.seconds += res.seconds;
      }
    }
  }

  log(`drain: waiting up to ${DRAIN_TIMEOUT_MS / 1000} s for the accounts consumer`);
  const d0 = now();
  while (committed.state.count < N && now() - d0 < DRAIN_TIMEOUT_MS) {
    bar('ledger commit', committed.state.count, N, d0);
    await sleep(250);
  }
  if (committed.state.count < N && process.stderr.isTTY) process.stderr.write('\n');
  // The timed sample is found by the same poll that keeps running a moment longer than the count needs.
  await waitFor(watch.seen, committed.state.count >= N ? timed : [], 5_000);
  await Promise.all([watch.stop(), committed.stop()]);
  const loadCommit = latencies(timed, postedAt, watch.seen, now());
  const firstPost = Math.min(...load.events.map((e) => postedAt.get(e.id)));
  const doneCount = Math.min(N, committed.state.count);
  const consumerRate = doneCount / Math.max(0.001, (committed.state.lastIncreaseAt - firstPost) / 1000);

  const committedEvents = load.events.filter((e) => watch.seen.has(e.id));
  const sample = [];
  for (let i = 0; i < Math.min(SIGNAL_SAMPLE, committedEvents.length); i++) {
    sample.push(committedEvents[Math.floor((i * committedEvents.length) / Math.min(SIGNAL_SAMPLE, committedEvents.length))]);
  }
  log(`signal: reading ${sample.length} workflow histories`);
  const loadSignal = ZERO ? null : await signalLatencies(sample, postedAt);

  cleanupNotes = await cleanup();

  // ------------------------------------------------------------------------------------------- report
  const gwRate = gw.accepted / gw.seconds;
  const rawRate = raw.sent / raw.seconds;
  const ratio = gwRate / rawRate;
  const quietRate = quietRaw.sent / quietRaw.seconds;
  const pending = N - doneCount;
  const row = (label, values, note = '') => {
    const cell = ([v, bound]) => `${bound ? '≥' : ''}${fmtMs(v)}`;
    return `  ${label.padEnd(44)} ${fmtN(values.length).padStart(7)} ${cell(pct(values, 0.5)).padStart(9)} ${cell(pct(values, 0.99)).padStart(10)} ${cell(pct(values, 1)).padStart(10)}${note ? `  ${note}` : ''}`;
  };
  const signalNote = (r) => [
    r.pending ? `${r.pending} not started by the signal relay yet when read: ≥ = lower bound` : '',
    r.failed ? `${r.failed} histories unreadable` : '',
  ].filter(Boolean).join('; ');
  const out = [];
  out.push('');
  out.push(`Courtesy ingest bench  run ${run}  (${cpus().length} CPUs, Node ${process.version}, everything running)`);
  out.push(`  ${fmtN(N)} visit.charged events, one new account each; batches of ${BATCH}; ${CONCURRENCY} concurrent requests/sends; ${KEYS} API key(s)`);
  const priorities = localPriorities();
  if (priorities) out.push(`  CPU priority: ${priorities}`);
  out.push(`  ehr.events.v1 has ${partitions[Topics.ehrEvents]} partitions, ${RAW_TOPIC} ${partitions[RAW_TOPIC]}; both producers idempotent, acks -1, one request in flight`);
  out.push('');
  out.push(`  ${'throughput'.padEnd(44)} ${'events'.padStart(7)} ${'seconds'.padStart(9)} ${'events/s'.padStart(10)}`);
  out.push(`  ${'gateway POST /v1/events (202 after Kafka ack)'.padEnd(44)} ${fmtN(gw.accepted).padStart(7)} ${gw.seconds.toFixed(2).padStart(9)} ${fmtN(gwRate).padStart(10)}   ${gwRate >= 2000 ? 'ok' : 'BELOW'} target ≥ 2,000/s`);
  out.push(`  ${`raw kafkajs producer -> ${RAW_TOPIC}`.padEnd(44)} ${fmtN(raw.sent).padStart(7)} ${raw.seconds.toFixed(2).padStart(9)} ${fmtN(rawRate).padStart(10)}   alternating with the gateway`);
  out.push(`  ${'ratio gateway / raw'.padEnd(44)} ${''.padStart(7)} ${''.padStart(9)} ${ratio.toFixed(2).padStart(10)}   ${ratio >= 0.5 ? 'ok' : 'BELOW'} target ≥ 0.5`);
  if (ROUNDS > 1) {
    out.push(`  ${'raw, first slice only (before any gateway)'.padEnd(44)} ${fmtN(quietRaw.sent).padStart(7)} ${quietRaw.seconds.toFixed(2).padStart(9)} ${fmtN(quietRate).padStart(10)}   quiet machine`);
    out.push(`  ${'ratio gateway / quiet raw'.padEnd(44)} ${''.padStart(7)} ${''.padStart(9)} ${(gwRate / quietRate).toFixed(2).padStart(10)}   the stricter comparison`);
  }
  out.push(`  ${results.throttled ? `${results.throttled} requests got 429 (per-key rate limit) and were retried after Retry-After; the wait is included` : 'no request was rate-limited (429)'}`);
  out.push('');
  out.push(`  ${'latency from POST'.padEnd(44)} ${'n'.padStart(7)} ${'p50'.padStart(9)} ${'p99'.padStart(10)} ${'max'.padStart(10)}`);
  if (PROBE > 0) {
    out.push(row(`ledger commit, paced probe (${fmtN(probeRate)} events/s)`, probeCommit, probeOk ? '' : 'not all committed in 60 s'));
    out.push(row('  POST -> accounts begins the transaction', exact(probeSplit.toTx)));
    out.push(row('  transaction begin -> seen committed', exact(probeSplit.inTx)));
    out.push(row('workflow signal, paced probe', probeSignal.sorted, signalNote(probeSignal)));
  }
  out.push(row(`ledger commit, burst (${fmtN(timed.length)} of ${fmtN(N)}, spread)`, loadCommit, pending ? `${fmtN(pending)} still queued after ${DRAIN_TIMEOUT_MS / 1000} s: ≥ = lower bound` : ''));
  if (pending) out.push(row('  of which committed in time', loadCommit.filter((x) => !x.censored)));
  if (loadSignal) out.push(row(`workflow signal, burst (${sample.length} committed, spread)`, loadSignal.sorted, signalNote(loadSignal)));
  else out.push(`  ${'workflow signal, burst'.padEnd(44)}   n/a (--zero-charge: $0 balances start no workflow)`);
  out.push('');
  out.push(`  accounts consumer: ${fmtN(doneCount)} of ${fmtN(N)} burst events committed, ${fmtN(consumerRate)} events/s applied` +
    `${ZERO ? ' ($0 visits, no workflow start)' : ' (each one opens an account and signal-with-starts its workflow)'}`);
  if (pending) out.push(`  at that rate the remaining ${fmtN(pending)} take about ${fmtMs((pending / consumerRate) * 1000)} more to apply`);
  out.push('');
  out.push('  how measured: POST time = when the request carrying the event was sent. Ledger commit = when a poll of');
  out.push('  accounts.inbox (20 ms during the probe, 250 ms for the burst\'s timed sample) first saw the event\'s row,');
  out.push('  i.e. after its transaction committed; the burst\'s progress is a count of the accounts it opened.');
  out.push('  Workflow signal = the WorkflowExecutionSignaled event time in the workflow\'s Temporal history (the');
  out.push('  ledger stores the signal with its commit; the signal relay sends it afterwards).');
  out.push('  The burst figures include the consumer backlog: the gateway accepts events far faster than accounts');
  out.push('  applies them. Raw and gateway alternate in rounds so both share that background; the first raw slice');
  out.push('  ran before any gateway traffic, and its rate is also shown (quiet raw).');
  for (const note of cleanupNotes) out.push(`  cleanup: ${note}`);
  if (pending && !ZERO) {
    out.push(`  note: ${fmtN(pending)} burst events were still queued for accounts; their workflows start after this run. The next`);
    out.push(`  run terminates them first; or now: .tools/bin/temporal workflow terminate --namespace ${namespace} --query "TenantId = '${tenantId}'" --yes`);
  }
  out.push(`  total run time ${((now() - startedAt) / 1000).toFixed(0)} s`);
  console.log(out.join('\n'));
} catch (err) {
  process.stderr.write(`\nbench failed: ${err.stack ?? err}${err.cause ? `\ncaused by: ${err.cause.stack ?? err.cause}` : ""}\n`);
  try { cleanupNotes = await cleanup(); for (const n of cleanupNotes) process.stderr.write(`cleanup: ${n}\n`); } catch { /* best effort */ }
  process.exit(1);
}
