import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { KafkaHeaders, dlqOf } from '@courtesy/contracts';
import type { Logger } from '@courtesy/logging';

/** Thrown by a handler for a message that will never succeed (bad schema, unknown account): it goes to the DLQ. */
export class PoisonMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}

export interface ConsumedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  value: Buffer;
}

export interface ConsumerOptions {
  groupId: string;
  /** One topic, or several read by one group (a read-model projector); a poison message goes to its own topic's DLQ. */
  topic: string | string[];
  handle: (message: ConsumedMessage) => Promise<void>;
  log: Logger;
  /** Producer used for the dead-letter queue. */
  dlqProducer: Producer;
  partitionsConsumedConcurrently?: number;
  fromBeginning?: boolean;
}

function headersOf(message: KafkaMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(message.headers ?? {})) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.map(String).join(',') : v.toString();
  }
  return out;
}

/**
 * Runs a consumer whose handler applies each message in its own database transaction (with an inbox row).
 * kafkajs commits a message's offset only after the handler resolved, so a crash replays, never skips.
 * A poison message is parked on `<topic>.dlq` with the reason and the partition moves on; any other error
 * is retried by kafkajs (the consumer restarts from the last committed offset).
 */
const JOIN_WAIT_ON_SHUTDOWN_MS = 30_000;

export async function runConsumer(kafka: Kafka, opts: ConsumerOptions): Promise<Consumer> {
  const consumer = kafka.consumer({
    groupId: opts.groupId,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    retry: { retries: 8, initialRetryTime: 300 },
  });
  // kafkajs crashes a consumer that is disconnected while it is still joining its group, then schedules a
  // restart that outlives the disconnect (a process that never exits, a test run that hangs). Disconnect
  // therefore waits for the first join, bounded so a broker outage cannot block shutdown for long.
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  const disconnect = consumer.disconnect.bind(consumer);
  consumer.disconnect = async () => {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([joined, new Promise<void>((r) => (timer = setTimeout(r, JOIN_WAIT_ON_SHUTDOWN_MS)))]);
    clearTimeout(timer);
    await disconnect();
  };
  await consumer.connect();
  const fromBeginning = opts.fromBeginning ?? true;
  await consumer.subscribe(Array.isArray(opts.topic) ? { topics: opts.topic, fromBeginning } : { topic: opts.topic, fromBeginning });
  await consumer.run({
    partitionsConsumedConcurrently: opts.partitionsConsumedConcurrently ?? 3,
    eachMessage: async ({ topic, partition, message }) => {
      const consumed: ConsumedMessage = {
        topic,
        partition,
        offset: message.offset,
        key: message.key?.toString() ?? null,
        headers: headersOf(message),
        value: message.value ?? Buffer.alloc(0),
      };
      try {
        await opts.handle(consumed);
      } catch (err) {
        if (!(err instanceof PoisonMessageError)) {
          opts.log.error({ err, topic, partition, offset: message.offset }, 'message failed; will retry');
          throw err;
        }
        opts.log.warn({ topic, partition, offset: message.offset, reason: err.message }, 'message parked on DLQ');
        await opts.dlqProducer.send({
          topic: dlqOf(topic),
          acks: -1,
          messages: [
            {
              key: message.key,
              value: message.value,
              headers: {
                ...consumed.headers,
                [KafkaHeaders.dlqReason]: err.message,
                [KafkaHeaders.dlqSourceTopic]: `${topic}/${partition}/${message.offset}`,
              },
            },
          ],
        });
      }
    },
  });
  return consumer;
}
