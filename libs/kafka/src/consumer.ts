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

export interface PoisonedMessage {
  message: ConsumedMessage;
  error: PoisonMessageError;
}

export interface ConsumerOptions {
  groupId: string;
  /** One topic, or several read by one group (a read-model projector); a poison message goes to its own topic's DLQ. */
  topic: string | string[];
  /** Applies one message (its own transaction). Give this or `handleBatch`. */
  handle?: (message: ConsumedMessage) => Promise<void>;
  /**
   * Applies a run of one partition's messages at once (one transaction for the run) and returns the poison ones,
   * which are parked on the DLQ before the run's offsets are committed. Throwing redelivers the whole run.
   */
  handleBatch?: (messages: ConsumedMessage[]) => Promise<PoisonedMessage[]>;
  /** Largest run handed to `handleBatch` (default 100). */
  maxBatchSize?: number;
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
  const toConsumed = (topic: string, partition: number, message: KafkaMessage): ConsumedMessage => ({
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    headers: headersOf(message),
    value: message.value ?? Buffer.alloc(0),
  });
  const park = async ({ message, error }: PoisonedMessage) => {
    opts.log.warn({ topic: message.topic, partition: message.partition, offset: message.offset, reason: error.message }, 'message parked on DLQ');
    await opts.dlqProducer.send({
      topic: dlqOf(message.topic),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            [KafkaHeaders.dlqReason]: error.message,
            [KafkaHeaders.dlqSourceTopic]: `${message.topic}/${message.partition}/${message.offset}`,
          },
        },
      ],
    });
  };
  const { handle, handleBatch } = opts;
  if (handleBatch) {
    const size = opts.maxBatchSize ?? 100;
    await consumer.run({
      partitionsConsumedConcurrently: opts.partitionsConsumedConcurrently ?? 3,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        for (let i = 0; i < batch.messages.length; i += size) {
          if (!isRunning() || isStale()) return;
          const run = batch.messages.slice(i, i + size).map((m) => toConsumed(batch.topic, batch.partition, m));
          let poisoned: PoisonedMessage[];
          try {
            poisoned = await handleBatch(run);
          } catch (err) {
            opts.log.error({ err, topic: batch.topic, partition: batch.partition, offset: run[0]!.offset }, 'run of messages failed; will retry');
            throw err;
          }
          for (const p of poisoned) await park(p);
          resolveOffset(run[run.length - 1]!.offset);
          await heartbeat();
        }
      },
    });
    return consumer;
  }
  if (!handle) throw new Error('runConsumer needs handle or handleBatch');
  await consumer.run({
    partitionsConsumedConcurrently: opts.partitionsConsumedConcurrently ?? 3,
    eachMessage: async ({ topic, partition, message }) => {
      const consumed = toConsumed(topic, partition, message);
      try {
        await handle(consumed);
      } catch (err) {
        if (!(err instanceof PoisonMessageError)) {
          opts.log.error({ err, topic, partition, offset: message.offset }, 'message failed; will retry');
          throw err;
        }
        await park({ message: consumed, error: err });
      }
    },
  });
  return consumer;
}
