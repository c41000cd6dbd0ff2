import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Credits moved between family accounts by the weekly sweep; refunds of the rest are in `refunds`. */
export class CreditTransfers1733170000000 implements MigrationInterface {
  name = 'CreditTransfers1733170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table credit_transfers (
        id uuid primary key default gen_random_uuid(),
        idempotency_key text not null unique,
        tenant_id text not null,
        clinic_id text not null,
        from_account_id uuid not null,
        to_account_id uuid not null,
        amount_cents bigint not null check (amount_cents > 0),
        detected_at timestamptz not null,
        created_at timestamptz not null default now()
      )`);
    await q.query('create index credit_transfers_from on credit_transfers (tenant_id, from_account_id, created_at)');
    await q.query('create index refunds_account on refunds (tenant_id, account_id, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop index if exists refunds_account');
    await q.query('drop table if exists credit_transfers');
  }
}
