import type { MigrationInterface, QueryRunner } from 'typeorm';
import { INBOX_DDL, OUTBOX_DDL } from '@courtesy/kafka';

/**
 * Payments' own records: pay links, cards on file (processor tokens with the patient's consent), payments and
 * declines, plans with their installments, refunds, page requests (disputes, hardship, scheduled payments),
 * processor webhook events seen. Money is integer cents (bigint); every instant is timestamptz (UTC).
 */
export class Payments1733150000000 implements MigrationInterface {
  name = 'Payments1733150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(INBOX_DDL);
    await q.query(OUTBOX_DDL);
    await q.query(`
      create table pay_links (
        id uuid primary key default gen_random_uuid(),
        -- Only the SHA-256 of the code is kept, so a copy of this table does not hand out working links.
        code_hash text not null unique,
        tenant_id text not null,
        clinic_id text not null,
        account_id uuid not null,
        expires_at timestamptz not null,
        revoked_at timestamptz,
        failed_checks int not null default 0,
        locked_until timestamptz,
        created_at timestamptz not null default now()
      )`);
    await q.query('create index pay_links_account on pay_links (tenant_id, account_id)');
    await q.query(`
      create table cards_on_file (
        id uuid primary key default gen_random_uuid(),
        tenant_id text not null,
        clinic_id text not null,
        account_id uuid not null,
        processor text not null,
        processor_token text not null,
        brand text,
        last4 text,
        consent jsonb not null,
        charge_cap_cents bigint,
        created_at timestamptz not null default now(),
        revoked_at timestamptz
      )`);
    await q.query(`
      create table payments (
        id uuid primary key default gen_random_uuid(),
        idempotency_key text not null unique,
        tenant_id text not null,
        clinic_id text not null,
        account_id uuid not null,
        amount_cents bigint not null check (amount_cents > 0),
        status text not null check (status in ('succeeded', 'soft_declined', 'hard_declined', 'pending')),
        decline_code text,
        processor text not null,
        processor_payment_id text,
        source text not null,
        plan_id text,
        installment_seq int,
        attempt int,
        card_on_file_id uuid references cards_on_file (id),
        refunded_cents bigint not null default 0,
        created_at timestamptz not null default now()
      )`);
    await q.query('create index payments_account on payments (tenant_id, account_id)');
    await q.query('create unique index payments_processor_id on payments (processor, processor_payment_id)');
    await q.query(`
      create table plans (
        plan_id text primary key,
        workflow_id text not null,
        tenant_id text not null,
        clinic_id text not null,
        account_id uuid not null,
        autopay boolean not null,
        card_on_file_id uuid references cards_on_file (id),
        charge_cap_cents bigint,
        status text not null default 'active' check (status in ('active', 'cancelled', 'completed')),
        cancel_reason text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    await q.query(`
      create table installments (
        plan_id text not null references plans (plan_id),
        seq int not null,
        due_date date not null,
        due_at timestamptz not null,
        amount_cents bigint not null,
        paid_cents bigint not null default 0,
        primary key (plan_id, seq)
      )`);
    await q.query(`
      create table refunds (
        id uuid primary key default gen_random_uuid(),
        idempotency_key text not null unique,
        tenant_id text not null,
        clinic_id text not null,
        account_id uuid not null,
        payment_id uuid references payments (id),
        amount_cents bigint not null check (amount_cents > 0),
        processor_refund_id text,
        status text not null,
        reason text not null,
        detected_at timestamptz not null,
        issued_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    await q.query(`
      create table page_requests (
        id uuid primary key default gen_random_uuid(),
        pay_link_id uuid not null references pay_links (id),
        tenant_id text not null,
        clinic_id text not null,
        account_id uuid not null,
        kind text not null check (kind in ('plan', 'scheduled_payment', 'dispute', 'hardship')),
        details jsonb not null,
        created_at timestamptz not null default now()
      )`);
    await q.query(`
      create table processor_events (
        event_id text primary key,
        processor text not null,
        type text not null,
        received_at timestamptz not null default now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['processor_events', 'page_requests', 'refunds', 'installments', 'plans', 'payments', 'cards_on_file', 'pay_links', 'outbox', 'inbox']) {
      await q.query(`drop table if exists ${t} cascade`);
    }
  }
}
