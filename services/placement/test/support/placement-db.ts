import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { databaseOptions } from '@courtesy/service-kit';
import { database } from '../../src';

export const TEST_DATABASE_URL = 'postgres://placement:placement@127.0.0.1:5432/courtesy_test';

/** The placement schema in the test database, migrated the way the service migrates it at boot. */
export async function placementDataSource(): Promise<DataSource> {
  const db = new DataSource(
    databaseOptions(
      { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: 'placement', DATABASE_POOL_SIZE: 4 },
      { entities: database.entities, migrations: database.migrations },
    ),
  );
  await db.initialize();
  return db;
}

/** Unique per run so rows from earlier runs never satisfy an assertion. */
export const runId = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
