import { z } from 'zod';
import { envParts, loadConfig } from '@courtesy/config';

export const placementConfigSchema = z.object({
  ...envParts.http,
  PORT: envParts.http.PORT.default(3004),
  ...envParts.database,
  DATABASE_SCHEMA: envParts.database.DATABASE_SCHEMA.default('placement'),
  ...envParts.kafka,
  ...envParts.temporal,
});

export type PlacementConfig = z.infer<typeof placementConfigSchema>;

export const loadPlacementConfig = (env: Record<string, string | undefined> = process.env): PlacementConfig =>
  loadConfig('placement', placementConfigSchema, env);
