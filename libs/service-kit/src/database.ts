import type { DataSourceOptions } from 'typeorm';

export interface DatabaseSettings {
  DATABASE_URL: string;
  DATABASE_SCHEMA: string;
  DATABASE_POOL_SIZE: number;
}

/**
 * Each service owns one schema in the shared database and migrates it itself; `synchronize` stays off so
 * the schema only ever changes through reviewed migrations.
 */
export function databaseOptions(
  settings: DatabaseSettings,
  parts: { entities: NonNullable<DataSourceOptions['entities']>; migrations: NonNullable<DataSourceOptions['migrations']> },
): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.DATABASE_URL,
    schema: settings.DATABASE_SCHEMA,
    entities: parts.entities,
    migrations: parts.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'warn'],
    extra: {
      max: settings.DATABASE_POOL_SIZE,
      // Pin the search path so raw SQL in shared libs (outbox, inbox) lands in this service's schema.
      options: `-c search_path=${settings.DATABASE_SCHEMA}`,
    },
  };
}
