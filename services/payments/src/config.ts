import { z } from 'zod';
import { envParts, loadConfig } from '@courtesy/config';

export const paymentsConfigSchema = z.object({
  ...envParts.http,
  PORT: envParts.http.PORT.default(3003),
  ...envParts.database,
  DATABASE_SCHEMA: envParts.database.DATABASE_SCHEMA.default('payments'),
  ...envParts.kafka,
  ...envParts.temporal,
});

export type PaymentsConfig = z.infer<typeof paymentsConfigSchema>;

export const loadPaymentsConfig = (env: Record<string, string | undefined> = process.env): PaymentsConfig =>
  loadConfig('payments', paymentsConfigSchema, env);
