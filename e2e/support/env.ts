import { randomBytes } from 'node:crypto';

/**
 * Test runs talk to the same real servers as `npm start`, kept apart by database (`courtesy_test`),
 * Temporal namespace (`courtesy-test`), consumer groups and task queues of their own.
 */
export const TEST_DATABASE = 'courtesy_test';
export const TEST_NAMESPACE = 'courtesy-test';
export const MAIL_API = 'http://127.0.0.1:1080';
export const SMTP_URL = 'smtp://127.0.0.1:1025';

/**
 * One codec key for every test process: test stacks share the test database and topics, so a stack may apply
 * (and signal) another run's event; with per-process keys the other run's worker could not decrypt it.
 * Test data only: it protects nothing real.
 */
export const CODEC_KEYS =
  process.env.TEST_PAYLOAD_CODEC_KEYS ?? `test:${Buffer.alloc(32, 7).toString('base64')}`;

/** Unique per run so rows and workflows from earlier runs never satisfy an assertion by accident. */
/** Operator token for the in-process services' admin and internal endpoints. */
export const ADMIN_TOKEN = `test-admin-${randomBytes(18).toString('hex')}`;

export const runId = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

export function serviceEnv(service: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: `postgres://${service}:${service}@127.0.0.1:5432/${TEST_DATABASE}`,
    DATABASE_SCHEMA: service,
    DATABASE_POOL_SIZE: '5',
    KAFKA_BROKERS: '127.0.0.1:9092',
    TEMPORAL_ADDRESS: '127.0.0.1:7233',
    TEMPORAL_NAMESPACE: TEST_NAMESPACE,
    PAYLOAD_CODEC_KEYS: CODEC_KEYS,
    SMTP_URL,
    ADMIN_TOKEN,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...extra,
  };
}

/**
 * A time zone where it is daytime (10:00–18:59) right now. Outreach only contacts patients 08:00–21:00 in their
 * own zone, so a test that expects a message to go out at once must not depend on when CI happens to run.
 */
export function daytimeZone(now = new Date()): string {
  const zones = [
    'America/Chicago',
    'America/New_York',
    'America/Los_Angeles',
    'Pacific/Honolulu',
    'Pacific/Auckland',
    'Australia/Sydney',
    'Asia/Tokyo',
    'Asia/Kolkata',
    'Asia/Dubai',
    'Europe/Berlin',
    'Europe/London',
    'America/Sao_Paulo',
  ];
  const hourIn = (timeZone: string) =>
    Number(new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now));
  const zone = zones.find((z) => hourIn(z) >= 10 && hourIn(z) <= 18);
  if (!zone) throw new Error('no daytime zone in the list (cannot happen: they span the day)');
  return zone;
}
