import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OUTBOX_DDL } from '@courtesy/kafka';

export class Placement1733160000000 implements MigrationInterface {
  name = 'Placement1733160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(OUTBOX_DDL);
    await q.query(`
      create table agencies (
        tenant_id text not null,
        agency_id text not null,
        name text not null,
        clinic_ids text[] not null,
        commission jsonb not null,
        file_format text not null check (file_format in ('csv', 'fixed_width')),
        drop_folder text not null,
        cutoff_local_time text not null,
        time_zone text not null,
        active boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, agency_id)
      )`);
    await q.query(`
      create table placement_batches (
        batch_id text primary key,
        tenant_id text not null,
        agency_id text not null,
        batch_day date not null,
        cutoff_at timestamptz not null,
        status text not null default 'open' check (status in ('open', 'delivered', 'acknowledged')),
        file_name text,
        manifest_name text,
        sha256 text,
        record_count int,
        recall_count int,
        delivered_at timestamptz,
        acknowledged_at timestamptz,
        ack_reference text,
        foreign key (tenant_id, agency_id) references agencies (tenant_id, agency_id)
      )`);
    await q.query(`
      create table placements (
        placement_id uuid primary key default gen_random_uuid(),
        tenant_id text not null,
        agency_id text not null,
        batch_id text not null references placement_batches (batch_id),
        clinic_id text not null,
        account_id text not null,
        balance_workflow_id text not null,
        balance_cents bigint not null,
        first_statement_at timestamptz not null,
        final_notice_at timestamptz,
        age_days int not null,
        age_bucket_min_days int not null,
        commission_pct int not null,
        policy_id text not null,
        policy_version int not null,
        status text not null default 'placed' check (status in ('placed', 'recalled', 'returned', 'closed')),
        collected_cents bigint not null default 0,
        commission_cents bigint not null default 0,
        credit_reporting jsonb not null,
        accepted_at timestamptz not null
      )`);
    // An account is with at most one agency at a time; a retried or duplicated request finds the live one.
    await q.query(`create unique index placements_one_live on placements (balance_workflow_id) where status = 'placed'`);
    await q.query('create index placements_batch on placements (batch_id)');
    await q.query(`
      create table placement_rejections (
        id bigserial primary key,
        tenant_id text not null,
        batch_id text not null,
        balance_workflow_id text not null,
        failed_gates text[] not null,
        reason text not null,
        evaluation jsonb,
        created_at timestamptz not null default now()
      )`);
    await q.query(`
      create table recalls (
        recall_id uuid primary key default gen_random_uuid(),
        placement_id uuid not null unique references placements (placement_id),
        tenant_id text not null,
        agency_id text not null,
        reason text not null,
        requested_at timestamptz not null,
        notice_batch_id text references placement_batches (batch_id),
        confirmed_at timestamptz,
        confirmation_ref text
      )`);
    await q.query('create index recalls_pending_notice on recalls (tenant_id, agency_id) where notice_batch_id is null');
    await q.query(`
      create table agency_updates (
        id bigserial primary key,
        tenant_id text not null,
        agency_id text not null,
        update_ref text not null,
        placement_id uuid not null references placements (placement_id),
        kind text not null,
        amount_cents bigint,
        commission_cents bigint,
        promised_for date,
        occurred_at timestamptz not null,
        received_at timestamptz not null default now(),
        unique (tenant_id, agency_id, update_ref)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['agency_updates', 'recalls', 'placement_rejections', 'placements', 'placement_batches', 'agencies', 'outbox'])
      await q.query(`drop table ${t}`);
  }
}
