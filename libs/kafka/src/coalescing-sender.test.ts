import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { CoalescingSender } from './coalescing-sender';
import { connectProducer } from './client';

// Against the real broker: the point is what the broker receives, not what a mock records.
const kafka = new Kafka({
  clientId: 'coalescing-test',
  brokers: ['127.0.0.1:9092'],
  logLevel: logLevel.NOTHING,
});
const topic = `test.coalesce.${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
let producer: Producer;
let produceRequests = 0;

beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  await admin.disconnect();
  producer = await connectProducer(kafka);
  producer.on(producer.events.REQUEST, (e: { payload: { apiName: string } }) => {
    if (e.payload.apiName === 'Produce') produceRequests++;
  });
}, 60_000);

afterAll(async () => {
  await producer?.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

async function countMessages(): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  return offsets.reduce((n, p) => n + Number(p.high), 0);
}

describe('CoalescingSender', () => {
  it('delivers every caller’s messages and needs fewer produce requests than callers', async () => {
    const sender = new CoalescingSender(producer);
    const callers = 30;
    const per = 40;
    produceRequests = 0;
    await Promise.all(
      Array.from({ length: callers }, (_, c) =>
        sender.send(
          topic,
          Array.from({ length: per }, (_, i) => ({ key: `acct-${c}`, value: JSON.stringify({ c, i }) })),
        ),
      ),
    );
    expect(await countMessages()).toBe(callers * per);
    expect(produceRequests).toBeGreaterThan(0);
    expect(produceRequests).toBeLessThan(callers);
  });

  it('keeps one caller’s messages in order within their partition', async () => {
    const sender = new CoalescingSender(producer, 25);
    const key = `ordered-${randomBytes(2).toString('hex')}`;
    const before = await countMessages();
    await Promise.all(
      [0, 1, 2].map((c) =>
        sender.send(
          topic,
          Array.from({ length: 20 }, (_, i) => ({ key, value: `${c}:${i}` })),
        ),
      ),
    );
    expect((await countMessages()) - before).toBe(60);
    const consumer = kafka.consumer({ groupId: `coalesce-${randomBytes(4).toString('hex')}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen: string[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          if (message.key?.toString() !== key) return;
          seen.push(message.value!.toString());
          if (seen.length === 60) resolve();
        },
      });
    });
    await consumer.disconnect();
    // Callers are served in the order they called; within a caller, in the order given.
    expect(seen).toEqual([0, 1, 2].flatMap((c) => Array.from({ length: 20 }, (_, i) => `${c}:${i}`)));
  });

  it('rejects the callers whose request failed and still serves the next ones', async () => {
    const sender = new CoalescingSender(producer);
    const missing = `${topic}.missing`;
    const failed = sender.send(missing, [{ value: 'x' }]);
    await expect(failed).rejects.toThrow();
    await expect(sender.send(topic, [{ value: 'after-failure' }])).resolves.toBeUndefined();
  }, 60_000);
});
