/**
 * The scorecard's projector on the real accounts app and the real Kafka topics: facts published by outreach,
 * payments, placement and the EHR feed land in scorecard_facts once each (a redelivered event adds nothing),
 * and what the scorecard does not count (a queued call task, a payment) adds nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { KafkaHeaders, Topics } from '@courtesy/contracts';
import { createAccountsApp, loadAccountsConfig } from '../src';
import { accountsTestEnv } from './support/test-env';

const id = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const tenantId = `t-${id}`;
const clinicId = 'clinic-sc';
const accountId = randomUUID();
const group = `accounts-sctest-${id}`;
const env = accountsTestEnv({
  ACCOUNTS_CONSUMER_GROUP: group,
  TEMPORAL_BALANCES_TASK_QUEUE: `balances-sctest-${id}`,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
});
const kafka = new Kafka({ clientId: 'scorecard-projector-test', brokers: ['127.0.0.1:9092'], logLevel: logLevel.NOTHING });
const TOPICS = [Topics.ehrEvents, Topics.outreachEvents, Topics.paymentsEvents, Topics.placementEvents];

let app: INestApplication;
let producer: Producer;

/** Every consumer group of this app starts at the topics' ends: older test runs' messages are not ours. */
async function groupsAtEnd() {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const pairs: Array<[string, string]> = [
      [group, Topics.ehrEvents],
      [`${group}-payments`, Topics.paymentsEvents],
      [`${group}-placement`, Topics.placementEvents],
      [`${group}-outreach`, Topics.outreachEvents],
      ...TOPICS.map((t): [string, string] => [`${group}-scorecard`, t]),
    ];
    for (const [groupId, topic] of pairs) {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({ groupId, topic, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
    }
  } finally {
    await admin.disconnect();
  }
}

const publish = (topic: string, key: string, value: object, type: string) =>
  producer.send({ topic, acks: -1, messages: [{ key, value: JSON.stringify(value), headers: { [KafkaHeaders.tenantId]: tenantId, [KafkaHeaders.eventType]: type } }] });

const base = (eventId: string) => ({ eventId, occurredAt: '2026-02-24T10:00:00.000Z', tenantId, clinicId, accountId });

beforeAll(async () => {
  await groupsAtEnd();
  producer = kafka.producer({ idempotent: true });
  await producer.connect();
  ({ app } = await createAccountsApp(loadAccountsConfig(env)));
}, 90_000);

afterAll(async () => {
  await producer?.disconnect();
  await app?.close();
});

test('published facts become scorecard rows once each', async () => {
  const workflowId = `balance:${tenantId}:${clinicId}:${accountId}`;
  const sent = { ...base(`o-sent-${id}`), workflowId, type: 'outreach.attempt_sent', attemptId: 'a1', channel: 'email', sentAt: '2026-02-24T10:00:00.000Z' };
  await publish(Topics.outreachEvents, accountId, sent, sent.type);
  await publish(Topics.outreachEvents, accountId, sent, sent.type); // redelivered
  await publish(Topics.outreachEvents, accountId, { ...sent, eventId: `o-call-${id}`, attemptId: 'a2', channel: 'call' }, sent.type); // a queued call: not a contact
  await publish(
    Topics.outreachEvents,
    accountId,
    { ...base(`o-promise-${id}`), workflowId, type: 'outreach.call_outcome', attemptId: 'a3', outcome: 'promise_to_pay', promiseBy: '2026-03-01T23:59:59.000Z', promiseAmountCents: 2500 },
    'outreach.call_outcome',
  );
  await publish(
    Topics.paymentsEvents,
    accountId,
    { ...base(`p-plan-${id}`), type: 'plan.chosen', requestId: 'r1', installments: 3, firstDueDate: '2026-03-10', totalCents: 9000, autopay: false },
    'plan.chosen',
  );
  await publish(Topics.paymentsEvents, accountId, { ...base(`p-paid-${id}`), type: 'payment.succeeded', paymentId: 'pay1', amountCents: 100, source: 'pay_page' }, 'payment.succeeded');
  await publish(
    Topics.placementEvents,
    accountId,
    { ...base(`pl-acc-${id}`), schemaVersion: 1, agencyId: 'ace', placementId: 'pl1', type: 'placement.accepted', batchId: 'b1', balanceCents: 9000, ageBucketMinDays: 120 },
    'placement.accepted',
  );
  await publish(
    Topics.ehrEvents,
    `${tenantId}/${clinicId}/A-1`,
    {
      schemaVersion: 1,
      tenantId,
      receivedAt: '2026-02-24T10:00:00.000Z',
      event: {
        id: `e-complaint-${id}`,
        type: 'complaint.logged',
        occurredAt: '2026-02-24T11:00:00.000Z',
        clinicId,
        data: { schemaVersion: 1, accountRef: 'A-1', complaintRef: 'k1', channel: 'phone', category: 'tone', severity: 'low', description: 'x' },
      },
    },
    'complaint.logged',
  );

  const db = app.get(DataSource);
  const expected = [
    ['complaint', 1],
    ['contact', 2],
    ['placed', 1],
    ['promise', 2],
  ];
  const until = Date.now() + 60_000;
  let rows: Array<{ kind: string; n: number }> = [];
  while (Date.now() < until) {
    rows = await db.query(`select kind, count(*)::int as n from scorecard_facts where tenant_id = $1 group by kind order by kind`, [tenantId]);
    if (rows.reduce((s, r) => s + r.n, 0) >= 6) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  // Give a stray duplicate the chance to show up before judging.
  await new Promise((r) => setTimeout(r, 1000));
  rows = await db.query(`select kind, count(*)::int as n from scorecard_facts where tenant_id = $1 group by kind order by kind`, [tenantId]);
  expect(rows.map((r) => [r.kind, r.n])).toEqual(expected);
  const [complaint] = await db.query(`select account_id, account_ref, clinic_id, occurred_at from scorecard_facts where tenant_id = $1 and kind = 'complaint'`, [tenantId]);
  expect(complaint).toMatchObject({ account_id: null, account_ref: 'A-1', clinic_id: clinicId, occurred_at: new Date('2026-02-24T11:00:00.000Z') });
  const promises = await db.query(`select amount_cents, data from scorecard_facts where tenant_id = $1 and kind = 'promise' order by amount_cents`, [tenantId]);
  expect(promises.map((p: { amount_cents: string; data: object }) => [Number(p.amount_cents), p.data])).toEqual([
    [2500, { source: 'call', installments: 1, firstDueDate: '2026-03-01' }],
    [9000, { source: 'plan', installments: 3, firstDueDate: '2026-03-10', intervalDays: null }],
  ]);
}, 90_000);
