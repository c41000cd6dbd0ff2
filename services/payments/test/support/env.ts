import { randomBytes } from 'node:crypto';

/** Settings for an in-process payments app on the test database and namespace (see e2e/support/env.ts). */
export function paymentsTestEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: 'postgres://payments:payments@127.0.0.1:5432/courtesy_test',
    DATABASE_SCHEMA: 'payments',
    DATABASE_POOL_SIZE: '5',
    KAFKA_BROKERS: '127.0.0.1:9092',
    TEMPORAL_ADDRESS: '127.0.0.1:7233',
    TEMPORAL_NAMESPACE: 'courtesy-test',
    PAYLOAD_CODEC_KEYS: `test:${randomBytes(32).toString('base64')}`,
    TEMPORAL_PAYMENTS_TASK_QUEUE: `payments-${randomBytes(4).toString('hex')}`,
    ADMIN_TOKEN: `test-admin-${randomBytes(18).toString('hex')}`,
    CREDIT_SWEEP_SCHEDULE: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...extra,
  };
}
