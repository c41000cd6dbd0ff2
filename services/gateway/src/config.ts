import { z } from 'zod';
import { csvSchema, envParts, loadConfig } from '@courtesy/config';

export const gatewayConfigSchema = z.object({
  ...envParts.http,
  PORT: envParts.http.PORT.default(3000),
  ...envParts.database,
  DATABASE_SCHEMA: envParts.database.DATABASE_SCHEMA.default('gateway'),
  ...envParts.kafka,
  PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:3000'),
  /** Accounts' read API, which the account view is served from. */
  ACCOUNTS_URL: z.url().default('http://127.0.0.1:3001'),
  /** Outreach's internal API: Twilio webhooks, unsubscribe links, attempt log and call queue are forwarded there. */
  OUTREACH_URL: z.url().default('http://127.0.0.1:3002'),
  /** Payments' and placement's internal APIs, read for the staff console's account story and agency list. */
  PAYMENTS_URL: z.url().default('http://127.0.0.1:3003'),
  PLACEMENT_URL: z.url().default('http://127.0.0.1:3004'),
  /** Staff console sessions: signed out after this long without a request, and after this long whatever happens. */
  STAFF_SESSION_IDLE_MINUTES: z.coerce.number().min(1).default(30),
  STAFF_SESSION_MAX_HOURS: z.coerce.number().min(0.01).default(12),
  /** Failed sign-ins per email and address within the window before sign-in is refused (429) until it ends. */
  STAFF_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  STAFF_LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Where the console's "open in Temporal UI" links point, and the namespace the balance workflows run in. */
  TEMPORAL_UI_URL: z.url().default('http://127.0.0.1:8233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('courtesy'),
  /** The built console (vite build output); defaults to services/gateway/console/dist. */
  CONSOLE_DIST_DIR: z.string().optional(),
  /** Twilio auth token: X-Twilio-Signature on webhooks is checked with it; unset, Twilio webhooks are refused (503). */
  TWILIO_AUTH_TOKEN: z.string().min(16, 'must be the account auth token').optional(),
  INGEST_RATE_PER_SECOND: z.coerce.number().int().min(1).default(5000),
  INGEST_BURST: z.coerce.number().int().min(1).default(20000),
  /** Largest request body accepted from an integrator; above it the gateway answers 413. */
  INGEST_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024),
  /** Temporal codec endpoint (/codec): the workers' keys, and the ops token that may decode (ADMIN_TOKEN if unset). */
  PAYLOAD_CODEC_KEYS: envParts.temporal.PAYLOAD_CODEC_KEYS.optional(),
  CODEC_AUTH_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /** Browser origins of Temporal UI allowed to call /codec (CORS). */
  CODEC_CORS_ORIGINS: csvSchema.default(['http://127.0.0.1:8233']),
  /** Namespaces /codec serves (the X-Namespace header). */
  CODEC_NAMESPACES: csvSchema.default(['courtesy', 'courtesy-test']),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

export const loadGatewayConfig = (env: Record<string, string | undefined> = process.env): GatewayConfig =>
  loadConfig('gateway', gatewayConfigSchema, env);
