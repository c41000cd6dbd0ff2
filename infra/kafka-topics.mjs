// Creates Courtesy's Kafka topics (and their dead-letter twins) if they are missing. Idempotent.
import { Kafka, logLevel } from 'kafkajs';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const kafka = new Kafka({ clientId: 'courtesy-infra', brokers, logLevel: logLevel.WARN });
const admin = kafka.admin();

// Partitions bound consumer parallelism per group; keys (account) keep one account's events in order.
const topics = [
  ['ehr.events.v1', 12],
  ['payments.events.v1', 6],
  ['outreach.events.v1', 6],
  ['placement.events.v1', 3],
  ['collections.events.v1', 6],
].flatMap(([name, partitions]) => [
  { topic: name, numPartitions: partitions },
  { topic: `${name}.dlq`, numPartitions: 1 },
]);

for (let attempt = 1; ; attempt++) {
  try {
    await admin.connect();
    break;
  } catch (err) {
    if (attempt >= 60) throw err;
    await new Promise((r) => setTimeout(r, 500));
  }
}
const existing = new Set(await admin.listTopics());
const missing = topics.filter((t) => !existing.has(t.topic));
if (missing.length) {
  await admin.createTopics({
    topics: missing.map((t) => ({ ...t, replicationFactor: 1 })),
    waitForLeaders: true,
  });
}
console.log(JSON.stringify({ created: missing.map((t) => t.topic), topics: topics.map((t) => t.topic) }));
await admin.disconnect();
