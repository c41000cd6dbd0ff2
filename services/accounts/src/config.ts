import { z } from 'zod';
import { envParts, loadConfig } from '@courtesy/config';

export const accountsConfigSchema = z.object({
  ...envParts.http,
  PORT: envParts.http.PORT.default(3001),
  ...envParts.database,
  // The consumer and the signal relay each hold a connection per unit of concurrency.
  DATABASE_POOL_SIZE: envParts.database.DATABASE_POOL_SIZE.default(32),
  DATABASE_SCHEMA: envParts.database.DATABASE_SCHEMA.default('accounts'),
  ...envParts.kafka,
  ...envParts.temporal,
  /** Consumer group; every accounts replica joins the same one so partitions spread across them. */
  ACCOUNTS_CONSUMER_GROUP: z.string().min(1).default('accounts'),
  /**
   * Partitions of ehr.events.v1 applied at once by one replica. Order only matters within an account, and an
   * account's events share a partition, so this can go up to the partition count (12); each needs a database
   * connection of its own, so keep DATABASE_POOL_SIZE above it.
   */
  ACCOUNTS_CONSUMER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /**
   * Balance workflows the signal relay feeds at once (each holds a database connection while its signals go out).
   * Signals of one workflow always go out in order; this bounds how many workflows are fed in parallel.
   */
  ACCOUNTS_SIGNAL_CONCURRENCY: z.coerce.number().int().min(1).max(128).default(16),
  /** How often the relay looks for signals it was not told about (another replica's, or ones backing off). */
  ACCOUNTS_SIGNAL_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  TEMPORAL_BALANCES_TASK_QUEUE: z.string().min(1).default('balances'),
  TEMPORAL_OUTREACH_TASK_QUEUE: z.string().min(1).default('outreach'),
  TEMPORAL_PAYMENTS_TASK_QUEUE: z.string().min(1).default('payments'),
  TEMPORAL_PLACEMENT_TASK_QUEUE: z.string().min(1).default('placement'),
});

export type AccountsConfig = z.infer<typeof accountsConfigSchema>;

export const loadAccountsConfig = (env: Record<string, string | undefined> = process.env): AccountsConfig =>
  loadConfig('accounts', accountsConfigSchema, env);
