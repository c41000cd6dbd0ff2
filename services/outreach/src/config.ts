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
  /** Where pay links point; the gateway serves /p/<code>. */
  PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:3000'),
});

export type OutreachConfig = z.infer<typeof outreachConfigSchema>;

export const loadOutreachConfig = (env: Record<string, string | undefined> = process.env): OutreachConfig =>
  loadConfig('outreach', outreachConfigSchema, env);
