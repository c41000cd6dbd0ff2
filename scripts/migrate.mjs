// Runs every service's TypeORM migrations, each as its own role in its own schema.
// Usage: node scripts/migrate.mjs [--database courtesy|courtesy_test]   (needs `npm run build` first)
// A service's DATABASE_URL_<SERVICE> overrides the local default, e.g. DATABASE_URL_ACCOUNTS.
import { createRequire } from 'node:module';
import 'reflect-metadata';

const require = createRequire(import.meta.url);
const { DataSource } = require('typeorm');
const { databaseOptions } = require('@courtesy/service-kit');

const args = process.argv.slice(2);
const dbName = args.includes('--database') ? args[args.indexOf('--database') + 1] : 'courtesy';
const services = ['gateway', 'accounts', 'outreach', 'payments', 'placement'];

for (const service of services) {
  const { database } = require(`@courtesy/${service}`);
  const url =
    process.env[`DATABASE_URL_${service.toUpperCase()}`] ?? `postgres://${service}:${service}@127.0.0.1:5432/${dbName}`;
  const ds = new DataSource({
    ...databaseOptions(
      { DATABASE_URL: url, DATABASE_SCHEMA: service, DATABASE_POOL_SIZE: 2 },
      { entities: database.entities, migrations: database.migrations },
    ),
    migrationsRun: false,
    logging: ['error'],
  });
  await ds.initialize();
  const ran = await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  console.log(JSON.stringify({ service, database: dbName, migrationsApplied: ran.map((m) => m.name) }));
}
