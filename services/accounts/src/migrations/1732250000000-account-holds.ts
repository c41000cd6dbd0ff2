import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountHolds1732250000000 implements MigrationInterface {
  name = 'AccountHolds1732250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table accounts add column holds jsonb not null default '{}'`);
    await q.query('create index accounts_by_clinic on accounts (tenant_id, clinic_id, balance_cents)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop index accounts_by_clinic');
    await q.query('alter table accounts drop column holds');
  }
}
