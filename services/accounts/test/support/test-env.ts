import { randomBytes } from 'node:crypto';

/**
 * The accounts service's settings against the loopback servers and the test database. Each suite names its own
 * consumer group and balances task queue, so suites running side by side never take each other's messages.
 */
export function accountsTestEnv<Own extends { ACCOUNTS_CONSUMER_GROUP: string; TEMPORAL_BALANCES_TASK_QUEUE: string }>(own: Own) {
  return {
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: 'postgres://accounts:accounts@127.0.0.1:5432/courtesy_test',
    DATABASE_SCHEMA: 'accounts',
    DATABASE_POOL_SIZE: '4',
    KAFKA_BROKERS: '127.0.0.1:9092',
    TEMPORAL_ADDRESS: '127.0.0.1:7233',
    TEMPORAL_NAMESPACE: 'courtesy-test',
    PAYLOAD_CODEC_KEYS: `test:${randomBytes(32).toString('base64')}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...own,
  };
}
