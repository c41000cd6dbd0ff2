/**
 * Agency collections reach the ledger: a `placement.agency_payment_collected` fact on the real Kafka topic is
 * applied by the real accounts app (real Postgres, real Temporal dev server) as a patient payment, once.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { KafkaHeaders, Topics } from '@courtesy/contracts';
import { createTemporalClient } from '@courtesy/temporal';
import { createAccountsApp, loadAccountsConfig } from '../src';
import { accountsTestEnv } from './support/test-env';

const id = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const tenantId = `t-${id}`;
const clinicId = 'clinic-p';
const group = `accounts-ptest`;
const env = accountsTestEnv({
  ACCOUNTS_CONSUMER_GROUP: group,
  // No worker polls this queue: the balance workflow the ledger signals only has to exist.
  TEMPORAL_BALANCES_TASK_QUEUE: `balances-ptest-${id}`,
});

let app: INestApplication;
let db: DataSource;
let producer: Producer;
let temporal: Client;
const kafka = new Kafka({ clientId: 'placement-facts-test', brokers: ['127.0.0.1:9092'], logLevel: logLevel.NOTHING });

/** Consumer groups join at the end of their topics, so this run sees only what it publishes. */
async function groupsAtEnd() {
  const admin = kafka.admin();
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

beforeAll(async () => {
  await groupsAtEnd();
  db = new DataSource({ type: 'postgres', url: env.DATABASE_URL, extra: { options: '-c search_path=accounts', max: 2 } });
  ({ app } = await createAccountsApp(loadAccountsConfig(env)));
  await db.initialize();
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  temporal = await createTemporalClient(loadAccountsConfig(env));
}, 60_000);

afterAll(async () => {
  await producer?.disconnect();
  await app?.close();
  await db?.destroy();
  await temporal?.connection.close();
});

test('an agency payment posts one patient payment to the ledger and reaches the balance workflow; an agency-reported dispute holds the account', async () => {
  await db.query(`insert into clinics (tenant_id, clinic_id, name, time_zone, day_length_ms) values ($1, $2, 'Placement Test PT', 'America/Chicago', 86400000)`, [
    tenantId,
    clinicId,
  ]);
  const [account] = await db.query(
    `insert into accounts (tenant_id, clinic_id, account_ref, balance_cents, first_positive_at) values ($1, $2, 'A-1', 20000, now() - interval '100 days') returning id`,
    [tenantId, clinicId],
  );
  await db.query(`insert into ledger_entries (account_id, event_id, kind, amount_cents, occurred_at) values ($1, 'seed-charge', 'charge', 20000, now() - interval '100 days')`, [
    account.id,
  ]);

  const fact = {
    eventId: `agency-payment-${id}`,
    schemaVersion: 1,
    occurredAt: new Date().toISOString(),
    tenantId,
    clinicId,
    accountId: account.id,
    agencyId: 'ace',
    placementId: randomUUID(),
    type: 'placement.agency_payment_collected',
    updateRef: 'pay-1',
    amountCents: 5_000,
    commissionCents: 1_500,
  };
  const message = {
    key: `${tenantId}/${clinicId}/${account.id}`,
    value: JSON.stringify(fact),
    headers: { [KafkaHeaders.tenantId]: tenantId, [KafkaHeaders.eventType]: fact.type, [KafkaHeaders.eventId]: fact.eventId },
  };
  await producer.send({ topic: Topics.placementEvents, acks: -1, messages: [message] });

  const applied = await eventually(async () => {
    const [a] = await db.query('select balance_cents, workflow_id from accounts where id = $1', [account.id]);
    return Number(a.balance_cents) === 15_000 ? a : undefined;
  }, 'the agency payment on the ledger');
  const lines = await db.query(`select kind, amount_cents from ledger_entries where account_id = $1 order by id`, [account.id]);
  expect(lines).toEqual([
    { kind: 'charge', amount_cents: '20000' },
    { kind: 'patient_payment', amount_cents: '-5000' },
  ]);
  expect(applied.workflow_id).toBe(`balance:${tenantId}:${clinicId}:${account.id}`);

  // Redelivered (a relay crash between send and mark): nothing changes. A later fact proves the first was consumed.
  await producer.send({ topic: Topics.placementEvents, acks: -1, messages: [message] });
  await producer.send({
    topic: Topics.placementEvents,
    acks: -1,
    messages: [{ ...message, value: JSON.stringify({ ...fact, eventId: `agency-payment-${id}-2`, updateRef: 'pay-2', amountCents: 1_000 }) }],
  });
  await eventually(async () => {
    const [a] = await db.query('select balance_cents from accounts where id = $1', [account.id]);
    return Number(a.balance_cents) === 14_000 ? a : undefined;
  }, 'the second agency payment');
  const after = await db.query(`select count(*)::int as n from ledger_entries where account_id = $1`, [account.id]);
  expect(after).toEqual([{ n: 3 }]);

  // The patient disputes with the agency: the account carries the dispute hold and the workflow hears it.
  await producer.send({
    topic: Topics.placementEvents,
    acks: -1,
    messages: [
      {
        ...message,
        value: JSON.stringify({
          ...fact,
          eventId: `agency-report-${id}`,
          type: 'placement.agency_reported',
          kind: 'dispute',
          updateRef: 'disp-1',
          amountCents: undefined,
          commissionCents: undefined,
        }),
      },
    ],
  });
  const held = await eventually(async () => {
    const [a] = await db.query('select holds from accounts where id = $1', [account.id]);
    return a.holds?.openDisputes?.length ? a.holds : undefined;
  }, 'the agency-reported dispute on the account');
  expect(held.openDisputes).toEqual(['agency-ace-disp-1']);

  // The hold commits first; the workflow hears of it right after (the ledger's signal relay, then the consumer).
  const signals = await eventually(async () => {
    const history = await temporal.workflow.getHandle(applied.workflow_id).fetchHistory();
    const names = (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes).map((e) => e.workflowExecutionSignaledEventAttributes!.signalName);
    return names.includes('disputeOpened') ? names : undefined;
  }, 'the dispute in the workflow history');
  expect(signals).toEqual(expect.arrayContaining(['ledgerChanged', 'paymentReceived', 'disputeOpened']));
  await temporal.workflow.getHandle(applied.workflow_id).terminate('placement-facts test done');
}, 150_000);
