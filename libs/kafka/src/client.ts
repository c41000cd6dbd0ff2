import { Kafka, logLevel, type LogEntry, type Producer } from 'kafkajs';
import { KeyPartitioner } from './key-partitioner';
import type { Logger } from '@courtesy/logging';

export interface KafkaSettings {
  KAFKA_BROKERS: string[];
  KAFKA_CLIENT_ID?: string;
}

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

export function createKafka(settings: KafkaSettings, clientId: string, log: Logger): Kafka {
  return new Kafka({
    clientId: settings.KAFKA_CLIENT_ID ?? clientId,
    brokers: settings.KAFKA_BROKERS,
    logLevel: logLevel.WARN,
    // kafkajs logs through pino so its lines are structured JSON like ours.
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        log[levels[level] ?? 'info']({ kafka: rest }, message);
      },
    retry: { initialRetryTime: 200, retries: 10 },
  });
}

/**
 * Idempotent producer with acks from all in-sync replicas: a send that resolves is durable, and a retried
 * send after a lost ack does not duplicate. One in-flight request keeps per-partition order under retries.
 */
export async function connectProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: KeyPartitioner,
  });
  await producer.connect();
  return producer;
}

/** Health probe: a metadata round trip to the brokers. */
export async function describeCluster(kafka: Kafka) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}
