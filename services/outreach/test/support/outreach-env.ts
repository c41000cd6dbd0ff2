import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutreachRequestBase } from '@courtesy/workflows';

/** Test runs use the `courtesy_test` database and `courtesy-test` namespace, like e2e/support/env.ts. */
export const ADMIN_TOKEN = `test-admin-${randomBytes(18).toString('hex')}`;
export const TWILIO = {
  TWILIO_ACCOUNT_SID: `AC${randomBytes(16).toString('hex')}`,
  TWILIO_AUTH_TOKEN: randomBytes(16).toString('hex'),
  TWILIO_MESSAGING_SERVICE_SID: `MG${randomBytes(16).toString('hex')}`,
};
export const runId = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

export function outreachEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: 'postgres://outreach:outreach@127.0.0.1:5432/courtesy_test',
    DATABASE_SCHEMA: 'outreach',
    DATABASE_POOL_SIZE: '10',
    KAFKA_BROKERS: '127.0.0.1:9092',
    TEMPORAL_ADDRESS: '127.0.0.1:7233',
    TEMPORAL_NAMESPACE: 'courtesy-test',
    TEMPORAL_OUTREACH_TASK_QUEUE: `outreach-test-${runId()}`,
    PAYLOAD_CODEC_KEYS: `test:${randomBytes(32).toString('base64')}`,
    SMTP_URL: 'smtp://127.0.0.1:1025',
    MAIL_RECEIPTS_URL: 'http://127.0.0.1:1080',
    ADMIN_TOKEN,
    PUBLIC_BASE_URL: 'https://pay.courtesy.test',
    // Outreach alone: links are the local opaque code (the e2e pay tests take them from real payments).
    PAY_LINK_SOURCE: 'local',
    STATEMENT_DROP_DIR: mkdtempSync(join(tmpdir(), 'print-drop-')),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...extra,
  };
}

// One zone per offset, so some zone is always mid-day and some always at night, whatever the hour the test runs.
const ZONES = [
  'Pacific/Honolulu', 'America/Anchorage', 'America/Los_Angeles', 'America/Denver', 'America/Chicago', 'America/New_York',
  'America/Halifax', 'America/Sao_Paulo', 'Atlantic/South_Georgia', 'Atlantic/Azores', 'Europe/London', 'Europe/Berlin',
  'Europe/Athens', 'Europe/Moscow', 'Asia/Dubai', 'Asia/Karachi', 'Asia/Dhaka', 'Asia/Bangkok', 'Asia/Shanghai', 'Asia/Tokyo',
  'Australia/Brisbane', 'Pacific/Noumea', 'Pacific/Auckland', 'Pacific/Kiritimati',
];
const localHour = (zone: string, at = new Date()) =>
  Number(new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' }).format(at));

/** A zone where it is now between 10:00 and 18:59 local, i.e. well inside the calling window. */
export const daytimeZone = () => ZONES.find((z) => localHour(z) >= 10 && localHour(z) <= 18)!;
/** A zone where it is now between 01:00 and 05:59 local. */
export const nightZone = () => ZONES.find((z) => localHour(z) >= 1 && localHour(z) <= 5)!;

let seq = 0;
export function request(overrides: Partial<OutreachRequestBase> & { contact?: OutreachRequestBase['contact'] } = {}): OutreachRequestBase {
  const run = runId();
  const accountId = overrides.accountId ?? `acct-${run}-${seq++}`;
  const workflowId = `balance:t-test:c-test:${accountId}`;
  return {
    attemptKey: `${workflowId}:day-3-text:1`,
    workflowId,
    tenantId: 't-test',
    clinicId: 'c-test',
    accountId,
    stepKey: 'day-3-text',
    templateKey: 'text_pay_link',
    tone: 'friendly',
    segment: 'fresh',
    language: 'en',
    balanceCents: 12_500,
    policyVersion: 3,
    weeklyMessageCap: 5,
    holds: { disputed: false, insuranceHold: false, stopped: false },
    figures: { clinicName: 'Maple Street Clinic', clinicPhone: '(555) 010-0142', clinicTimeZone: 'America/Chicago' },
    ...overrides,
    contact: {
      firstName: 'Robin',
      phone: `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
      email: `guarantor-${run}-${seq}@example.test`,
      timeZone: daytimeZone(),
      smsConsent: true,
      smsConsentAt: '2026-01-05T15:00:00Z',
      smsConsentSource: 'intake_form',
      ...overrides.contact,
    },
  };
}
