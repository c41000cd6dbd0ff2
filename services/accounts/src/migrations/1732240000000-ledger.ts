import type { MigrationInterface, QueryRunner } from 'typeorm';
import { INBOX_DDL, OUTBOX_DDL } from '@courtesy/kafka';

export class Ledger1732240000000 implements MigrationInterface {
  name = 'Ledger1732240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(INBOX_DDL);
    await q.query(OUTBOX_DDL);
    await q.query(`
      create table clinics (
        tenant_id text not null,
        clinic_id text not null,
        name text not null,
        time_zone text not null,
        phone text,
        day_length_ms bigint not null default 86400000,
        created_at timestamptz not null default now(),
        primary key (tenant_id, clinic_id)
      )`);
    await q.query(`
      create table accounts (
        id uuid primary key default gen_random_uuid(),
        tenant_id text not null,
        clinic_id text not null,
        account_ref text not null,
        balance_cents bigint not null default 0,
        first_positive_at timestamptz,
        workflow_id text,
        updated_at timestamptz not null default now(),
        unique (tenant_id, clinic_id, account_ref),
        foreign key (tenant_id, clinic_id) references clinics (tenant_id, clinic_id)
      )`);
    await q.query(`
      create table guarantors (
        account_id uuid primary key references accounts (id),
        first_name text,
        last_name text,
        date_of_birth date,
        email text,
        phone text,
        time_zone text,
        language text,
        postal_address jsonb,
        sms_consent jsonb,
        email_consent jsonb,
        updated_at timestamptz not null default now()
      )`);
    await q.query(`
      create table ledger_entries (
        id bigserial primary key,
        account_id uuid not null references accounts (id),
        event_id text not null,
        kind text not null,
        amount_cents bigint not null,
        visit_ref text,
        occurred_at timestamptz not null,
        created_at timestamptz not null default now()
      )`);
    await q.query('create index ledger_entries_account on ledger_entries (account_id)');
    await q.query(`
      create table audit_log (
        id bigserial primary key,
        tenant_id text not null,
        actor text not null,
        action text not null,
        subject text not null,
        details jsonb not null default '{}',
        at timestamptz not null default now()
      )`);
    // Append-only: the application role may insert and read, never rewrite history.
    await q.query(`create or replace function audit_log_is_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`);
    await q.query(`create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_is_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['audit_log', 'ledger_entries', 'guarantors', 'accounts', 'clinics', 'outbox', 'inbox']) {
      await q.query(`drop table if exists ${t} cascade`);
    }
    await q.query('drop function if exists audit_log_is_append_only');
  }
}
