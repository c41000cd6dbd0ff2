import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SettlementApprovals1733170000000 implements MigrationInterface {
  name = 'SettlementApprovals1733170000000';

  async up(q: QueryRunner): Promise<void> {
    // Every settlement offer asked for through placement, with who approved it and what the workflow answered.
    await q.query(`
      create table settlement_offers (
        request_id text primary key,
        tenant_id text not null,
        balance_workflow_id text not null,
        discount_pct int not null,
        approver_user_id text,
        approver_role text,
        outcome text not null check (outcome in ('offered', 'refused')),
        reason text,
        result jsonb,
        created_at timestamptz not null default now()
      )`);
    await q.query('create index settlement_offers_workflow on settlement_offers (balance_workflow_id, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table settlement_offers');
  }
}
