// Placement bench: how fast placement checks and records hand-offs and writes an agency's file, against the real
// Postgres (database courtesy_test, schema placement, a throw-away tenant bench-<run>). The npm script builds the
// placement service (and what it uses) first.
//
//   npm run bench:placement [-- --accounts 2000 --render 50000]
//
// Phases:
//   render   the file writer alone: --render PLACE records to CSV and to fixed width (pure, in memory).
//   accept   --accounts requests through the same code the acceptPlacements activity runs (gate re-check,
//            placement row, outbox fact), in parts of 200 per transaction like the activity.
//   deliver  the batch's file and manifest written to a temp drop folder and the batch marked delivered.
// Rows of bench tenants stay in the test database.
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const { DataSource } = require('typeorm');
const { databaseOptions } = require('../../../libs/service-kit/dist');
const { domain } = require('../../../workflows/dist');
const { database } = require('../dist');
const { PlacementDesk } = require('../dist/placements/placement-desk');
const { BatchDelivery } = require('../dist/batches/batch-delivery');
const { AgenciesService } = require('../dist/agencies/agencies.service');
const { renderBatch } = require('../dist/batches/placement-file');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const accounts = arg('accounts', 2000);
const renderCount = arg('render', 50_000);
const DAY = domain.MS_PER_DAY;
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d });

// render
const records = Array.from({ length: renderCount }, (_, i) => ({
  recordType: 'PLACE',
  placementId: randomUUID(),
  accountId: randomUUID(),
  clinicId: `clinic-${i % 1000}`,
  balanceCents: 5_000 + (i % 100_000),
  firstStatementDate: '2026-08-20',
  finalNoticeDate: '2026-10-19',
  ageDays: 90 + (i % 30),
}));
const base = { batchId: 'placement:bench:ace:2026-12-03', tenantId: 'bench', agencyId: 'ace', batchDay: '2026-12-03', cutoffAt: '2026-12-03T23:00:00.000Z', records };
for (const format of ['csv', 'fixed_width']) {
  const t0 = process.hrtime.bigint();
  const r = renderBatch({ ...base, format });
  const took = ms(t0);
  console.log(`render   ${format.padEnd(11)} ${fmt(renderCount)} records in ${fmt(took)} ms: ${fmt(renderCount / (took / 1000))} records/s, ${fmt(r.manifest.file.bytes / 1e6, 1)} MB`);
}

// accept + deliver on the real database
const db = new DataSource(
  databaseOptions(
    { DATABASE_URL: process.env.BENCH_DATABASE_URL ?? 'postgres://placement:placement@127.0.0.1:5432/courtesy_test', DATABASE_SCHEMA: 'placement', DATABASE_POOL_SIZE: 4 },
    { entities: database.entities, migrations: database.migrations },
  ),
);
await db.initialize();
const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const tenantId = `bench-${run}`;
const dropDir = await mkdtemp(join(tmpdir(), 'placement-bench-'));
try {
  await new AgenciesService(db).upsert(tenantId, 'ace', {
    name: 'Bench Agency',
    clinicIds: ['c1'],
    commission: [{ minAgeDays: 0, pct: 30 }],
    fileFormat: 'csv',
    cutoffLocalTime: '17:00',
    timeZone: 'UTC',
    active: true,
  });
  const now = Date.now();
  const batch = { batchId: `placement:${tenantId}:ace:2026-12-03`, tenantId, agencyId: 'ace', batchDay: '2026-12-03', cutoffAt: new Date(now + DAY).toISOString() };
  const policy = domain.defaultPolicy();
  const desk = new PlacementDesk(db);
  const t0 = process.hrtime.bigint();
  let accepted = 0;
  const request = (i) => ({
    balanceWorkflowId: `balance:${tenantId}:c1:a-${i}`,
    tenantId,
    clinicId: 'c1',
    accountId: `a-${i}`,
    balanceCents: 20_000,
    policyVersion: 1,
    policy,
    requestedAt: new Date(now).toISOString(),
    facts: {
      startAt: new Date(now - 100 * DAY).toISOString(),
      balanceCents: 20_000,
      attemptsByChannel: { sms: 1, letter: 2, call: 1 },
      finalNoticeSentAt: new Date(now - 40 * DAY).toISOString(),
      openDispute: false,
      activePlan: false,
      hardshipReview: false,
      insuranceHold: false,
      deceased: false,
      bankruptcy: false,
    },
  });
  // Parts of 200, one transaction each, as the acceptPlacements activity runs them.
  for (let i = 0; i < accounts; i += 200) {
    const part = Array.from({ length: Math.min(200, accounts - i) }, (_, k) => request(i + k));
    for (const v of await desk.acceptPart(batch, part, new Date(now).toISOString())) if (v.outcome === 'accepted') accepted++;
  }
  const took = ms(t0);
  console.log(`accept   ${fmt(accepted)}/${fmt(accounts)} accepted in ${fmt(took)} ms: ${fmt(accounts / (took / 1000))} requests/s (${fmt(took / accounts, 2)} ms each, parts of 200 per transaction)`);
  const t1 = process.hrtime.bigint();
  const file = await new BatchDelivery(db, dropDir).deliver(batch);
  console.log(`deliver  ${fmt(file.records.place)} records to ${file.fileName} in ${fmt(ms(t1))} ms`);
} finally {
  await db.destroy();
  await rm(dropDir, { recursive: true, force: true });
}
