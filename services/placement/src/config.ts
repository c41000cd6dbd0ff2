import { z } from 'zod';
import { envParts, loadConfig } from '@courtesy/config';

export const placementConfigSchema = z.object({
  ...envParts.http,
  PORT: envParts.http.PORT.default(3004),
  ...envParts.database,
  DATABASE_SCHEMA: envParts.database.DATABASE_SCHEMA.default('placement'),
  ...envParts.kafka,
  ...envParts.temporal,
  TEMPORAL_PLACEMENT_TASK_QUEUE: z.string().min(1).default('placement'),
  /** Root of the file drop; each agency's files go to its own folder below it. */
  PLACEMENT_DROP_DIR: z.string().min(1).default('.data/placement-drop'),
  /** How long a delivered file waits for the agency's acknowledgement before it is flagged unacknowledged. */
  PLACEMENT_ACK_WAIT_MS: z.coerce.number().int().min(1000).default(2 * 86_400_000),
});

export type PlacementConfig = z.infer<typeof placementConfigSchema>;

export const loadPlacementConfig = (env: Record<string, string | undefined> = process.env): PlacementConfig =>
  loadConfig('placement', placementConfigSchema, env);
