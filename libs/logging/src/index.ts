import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * Fields that may carry a patient's identity. pino removes them wherever they appear in a log record,
 * so a careless `log.info({ guarantor })` cannot leak a name, phone, email or address.
 */
export const PHI_FIELDS = [
  'name',
  'firstName',
  'lastName',
  'fullName',
  'dateOfBirth',
  'dob',
  'phone',
  'phoneNumber',
  'email',
  'emailAddress',
  'address',
  'postalAddress',
  'line1',
  'line2',
  'to',
  'from',
  'body',
  'text',
  'html',
  'cardNumber',
  'cvc',
  'authorization',
  'password',
];

const redactPaths = PHI_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `*.*.*.${f}`]);

export function createLogger(service: string, options: LoggerOptions = {}): Logger {
  return pino({
    name: service,
    level: process.env.LOG_LEVEL ?? 'info',
    redact: { paths: redactPaths, remove: true },
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    ...options,
  });
}
