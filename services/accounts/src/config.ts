import { z } from 'zod';
import { envParts, loadConfig } from '@courtesy/config';

export const accountsConfigSchema = z.object({
  ...envParts.http,
  PORT: envParts.http.PORT.default(3001),
  ...envParts.database,
  DATABASE_SCHEMA: envParts.database.DATABASE_SCHEMA.default('accounts'),
  ...envParts.kafka,
  ...envParts.temporal,
  /** Consumer group; every accounts replica joins the same one so partitions spread across them. */
  ACCOUNTS_CONSUMER_GROUP: z.string().min(1).default('accounts'),
  TEMPORAL_BALANCES_TASK_QUEUE: z.string().min(1).default('balances'),
  TEMPORAL_OUTREACH_TASK_QUEUE: z.string().min(1).default('outreach'),
  TEMPORAL_PAYMENTS_TASK_QUEUE: z.string().min(1).default('payments'),
  TEMPORAL_PLACEMENT_TASK_QUEUE: z.string().min(1).default('placement'),
});

export type AccountsConfig = z.infer<typeof accountsConfigSchema>;

export const loadAccountsConfig = (env: Record<string, string | undefined> = process.env): AccountsConfig =>
  loadConfig('accounts', accountsConfigSchema, env);
