/**
 * Outreach facts reach the balance workflow: facts on the real `outreach.events.v1` topic are turned by the real
 * accounts app into signals on the workflow with the balance's ID (real Temporal dev server), once each; a
 * repeated event changes nothing and a malformed one goes to the DLQ.
 */
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { KafkaHeaders, Topics, dlqOf } from '@courtesy/contracts';
import { dataConverterFor } from '@courtesy/temporal';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { balanceWorkflowId } from '@courtesy/workflows';
import { createAccountsApp, loadAccountsConfig } from '../src';
import { receivedQuery } from './support/fact-recorder.workflows';
import { accountsTestEnv } from './support/test-env';

const id = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const tenantId = `t-${id}`;
const clinicId = 'clinic-o';
const accountId = `acct-${id}`;
const workflowId = balanceWorkflowId(tenantId, clinicId, accountId);
const group = 'accounts-otest';
const env = accountsTestEnv({
  ACCOUNTS_CONSUMER_GROUP: group,
  TEMPORAL_BALANCES_TASK_QUEUE: `balances-otest-${id}`,
});
const kafka = new Kafka({ clientId: 'outreach-facts-test', brokers: ['127.0.0.1:9092'], logLevel: logLevel.NOTHING });

let app: INestApplication;
let producer: Producer;
let client: Client;
let worker: Worker;
let running: Promise<void>;

async function groupsAtEnd() {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const [groupId, topic] of [
      [group, Topics.ehrEvents],
      [`${group}-payments`, Topics.paymentsEvents],
      [`${group}-placement`, Topics.placementEvents],
      [`${group}-outreach`, Topics.outreachEvents],
    ] as const) {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({ groupId, topic, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
    }
  } finally {
    await admin.disconnect();
  }
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Other test runs' accounts apps (other codec keys) consume the same shared topic and may apply one of these
 * facts first (the inbox is shared too), so a signal may arrive that this run cannot decrypt: the recorder
 * sees it as `null` instead of failing its workflow task. Which instance applied it is not what is tested.
 */
function tolerant(codec: PayloadCodec): PayloadCodec {
  const unreadable: Payload = { metadata: { encoding: new TextEncoder().encode('json/plain') }, data: new TextEncoder().encode('null') };
  return {
    encode: (ps) => codec.encode(ps),
    decode: (ps) => Promise.all(ps.map((p) => codec.decode([p]).then(([d]) => d!, () => unreadable))),
  };
}

beforeAll(async () => {
  await groupsAtEnd();
  const strict = dataConverterFor(env);
  const dataConverter = { payloadCodecs: strict.payloadCodecs!.map(tolerant) };
  worker = await Worker.create({
    connection: await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS }),
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_BALANCES_TASK_QUEUE,
    workflowsPath: require.resolve('./support/fact-recorder.workflows'),
    dataConverter,
  });
  running = worker.run();
  client = new Client({ connection: await Connection.connect({ address: env.TEMPORAL_ADDRESS }), namespace: env.TEMPORAL_NAMESPACE, dataConverter });
  await client.workflow.start('FactRecorder', { workflowId, taskQueue: env.TEMPORAL_BALANCES_TASK_QUEUE, args: [] });
  ({ app } = await createAccountsApp(loadAccountsConfig(env)));
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
}, 90_000);

afterAll(async () => {
  await producer?.disconnect();
  await app?.close();
  await client?.workflow.getHandle(workflowId).terminate().catch(() => undefined);
  worker?.shutdown();
  await running;
  await client?.connection.close();
});

const base = () => ({ occurredAt: new Date().toISOString(), tenantId, clinicId, accountId, workflowId });
const publish = (facts: unknown[]) =>
  producer.send({
    topic: Topics.outreachEvents,
    acks: -1,
    messages: facts.map((f) => ({
      key: accountId,
      value: typeof f === 'string' ? f : JSON.stringify(f),
      headers: { [KafkaHeaders.tenantId]: tenantId, [KafkaHeaders.eventType]: (f as { type?: string }).type ?? 'unknown' },
    })),
  });

it('signals the workflow once per fact, and parks a malformed fact on the DLQ', async () => {
  const watch = kafka.consumer({ groupId: `otest-dlq-${id}` });
  await watch.connect();
  await watch.subscribe({ topic: dlqOf(Topics.outreachEvents), fromBeginning: false });
  const parked: string[] = [];
  await watch.run({ eachMessage: async ({ message }) => void parked.push(message.value!.toString()) });
  await eventually(async () => ((await watch.describeGroup()).state === 'Stable' ? true : undefined), 'DLQ watcher');

  const stop = { ...base(), eventId: `outreach:stop:${id}`, type: 'outreach.opted_out', channels: ['sms', 'email', 'letter', 'call'] };
  await publish([
    stop,
    stop,
    { ...base(), eventId: `outreach:reply:${id}`, type: 'outreach.patient_replied', channel: 'sms', intent: 'plan' },
    { ...base(), eventId: `outreach:call:${id}`, type: 'outreach.call_outcome', attemptId: `${workflowId}:day-25-call:1`, outcome: 'promise_to_pay', promiseBy: '2026-12-20T18:00:00Z', promiseAmountCents: 5000 },
    { ...base(), eventId: `outreach:bad:${id}`, type: 'outreach.opted_out', channels: [] },
    { ...base(), eventId: `outreach:failed:${id}`, type: 'outreach.message_failed', attemptId: `${workflowId}:day-3-text:1`, channel: 'sms', reason: 'bad_number' },
  ]);

  const handle = client.workflow.getHandle(workflowId);
  const received = await eventually(async () => {
    const r = await handle.query(receivedQuery);
    return r.length >= 4 ? r : undefined;
  }, 'four signals');
  // Exactly these four signals (the repeated STOP is dropped by the inbox); payloads this run decrypted are checked whole.
  const names = ['optedOut', 'patientReplied', 'callOutcome', 'messageFailed'];
  expect(received.map((r) => r.signal).sort()).toEqual([...names].sort());
  const expected = [
    { eventId: stop.eventId, channels: ['sms', 'email', 'letter', 'call'] },
    { eventId: `outreach:reply:${id}`, channel: 'sms', intent: 'plan' },
    { eventId: `outreach:call:${id}`, attemptId: `${workflowId}:day-25-call:1`, outcome: 'promise_to_pay', promiseBy: '2026-12-20T18:00:00Z', promiseAmountCents: 5000 },
    { eventId: `outreach:failed:${id}`, attemptId: `${workflowId}:day-3-text:1`, channel: 'sms', reason: 'bad_number' },
  ];
  for (const r of received) if (r.payload !== null) expect(r.payload).toEqual(expected[names.indexOf(r.signal)]);
  expect(received.filter((r) => r.payload !== null).length).toBeGreaterThan(0);
  await eventually(async () => (parked.some((p) => p.includes(`outreach:bad:${id}`)) ? true : undefined), 'the malformed fact on the DLQ');
  await watch.disconnect();
  // Nothing more arrives later (the duplicate stop was dropped by the inbox).
  await new Promise((r) => setTimeout(r, 1000));
  expect(await handle.query(receivedQuery)).toHaveLength(4);
}, 90_000);
