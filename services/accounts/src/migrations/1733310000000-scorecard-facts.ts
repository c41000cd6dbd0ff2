import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scorecard's projection of facts other services publish (see scorecard/scorecard-projector.ts). One row
 * per (event, kind): a call outcome that is a promise to pay is both a contact and a promise. The unique key
 * is the projector's dedupe, so redelivered events change nothing.
 */
export class ScorecardFacts1733310000000 implements MigrationInterface {
  name = 'ScorecardFacts1733310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table scorecard_facts (
        id bigserial primary key,
        event_id text not null,
        kind text not null check (kind in ('contact', 'engaged', 'complaint', 'dispute_opened', 'dispute_resolved',
                                           'promise', 'placed', 'agency_commission')),
        tenant_id text not null,
        clinic_id text not null,
        account_id uuid,
        account_ref text,
        ref text,
        occurred_at timestamptz not null,
        amount_cents bigint,
        data jsonb not null default '{}',
        check (account_id is not null or account_ref is not null),
        unique (event_id, kind)
      )`);
    await q.query('create index scorecard_facts_scope on scorecard_facts (tenant_id, kind, occurred_at)');
    await q.query('create index scorecard_facts_account on scorecard_facts (account_id, kind)');
    await q.query('create index ledger_entries_account_time on ledger_entries (account_id, occurred_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop index ledger_entries_account_time');
    await q.query('drop table scorecard_facts');
  }
}
