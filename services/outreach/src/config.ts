import { z } from 'zod';
import { envParts, loadConfig } from '@courtesy/config';

export const outreachConfigSchema = z.object({
  ...envParts.http,
  PORT: envParts.http.PORT.default(3002),
  ...envParts.database,
  DATABASE_SCHEMA: envParts.database.DATABASE_SCHEMA.default('outreach'),
  ...envParts.kafka,
  ...envParts.temporal,
  ...envParts.smtp,
  TEMPORAL_OUTREACH_TASK_QUEUE: z.string().min(1).default('outreach'),
  /** The gateway's public address (unsubscribe links, Twilio callbacks); pay links come from payments. */
  PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:3000'),
  /** Payments' internal API, which issues each message's pay link (operator bearer ADMIN_TOKEN). */
  PAYMENTS_URL: z.url().default('http://127.0.0.1:3003'),
  /**
   * `payments` (default): every message's link is issued by payments. `local`: an opaque code derived from the
   * workflow ID, for running outreach on its own (its own tests); such links resolve to no page.
   */
  PAY_LINK_SOURCE: z.enum(['payments', 'local']).default('payments'),
  /** The relay's message API (the dev/test sink's), used to settle an email a crashed worker may have sent. */
  MAIL_RECEIPTS_URL: z.url().optional(),
  /** Twilio: all three set sends real texts through the Messaging Service; none set records them in the sandbox. */
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be AC followed by 32 hex digits').optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16, 'must be the account auth token').optional(),
  TWILIO_MESSAGING_SERVICE_SID: z.string().regex(/^MG[0-9a-fA-F]{32}$/, 'must be MG followed by 32 hex digits').optional(),
  /** Override of Twilio's API origin (a regional proxy; the local stand-in in tests). */
  TWILIO_API_BASE_URL: z.url().optional(),
  /** Clinic contact used in messages when the request carries none (the billing office's line and hours). */
  DEFAULT_CLINIC_PHONE: z.string().min(7).default('(555) 010-0100'),
  DEFAULT_CLINIC_HOURS_EN: z.string().min(3).default('Monday to Friday, 8 am to 6 pm'),
  DEFAULT_CLINIC_HOURS_ES: z.string().min(3).default('de lunes a viernes, de 8 a. m. a 6 p. m.'),
  /** Print-and-mail adapter: print-ready statement PDFs and a manifest per day are dropped here for the vendor. */
  STATEMENT_DROP_DIR: z.string().min(1).default('.data/print-drop'),
  /** Where the printed statement's mail-in stub sends cheques. */
  REMIT_ADDRESS: z.string().min(5).default('Courtesy Billing Office, PO Box 1000, Springfield, IL 62701'),
}).superRefine((env, ctx) => {
  if (env.PAY_LINK_SOURCE === 'payments' && !env.ADMIN_TOKEN) {
    ctx.addIssue({ code: 'custom', path: ['ADMIN_TOKEN'], message: 'is required to ask payments for pay links (or set PAY_LINK_SOURCE=local)' });
  }
  const twilio = [env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN, env.TWILIO_MESSAGING_SERVICE_SID];
  if (twilio.some(Boolean) && !twilio.every(Boolean)) {
    ctx.addIssue({
      code: 'custom',
      path: ['TWILIO_ACCOUNT_SID'],
      message: 'set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_MESSAGING_SERVICE_SID together (or none for the sandbox)',
    });
  }
});

export type OutreachConfig = z.infer<typeof outreachConfigSchema>;

export const loadOutreachConfig = (env: Record<string, string | undefined> = process.env): OutreachConfig =>
  loadConfig('outreach', outreachConfigSchema, env);
