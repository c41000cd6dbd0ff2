import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the staff console's queues read, kept cheap at ten million accounts per tenant:
 * - `disputed_since` and `contact_problem_since` are set by a trigger from `holds` (the ledger keeps writing
 *   holds as it always did), so "open disputes by age" and "returned mail" are partial-index range scans;
 * - approval requests (long plans, settlements above a threshold) with who asked, who decided and when.
 */
export class StaffWork1733300000000 implements MigrationInterface {
  name = 'StaffWork1733300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table accounts add column disputed_since timestamptz, add column contact_problem_since timestamptz`);
    await q.query(`create or replace function accounts_queue_marks() returns trigger language plpgsql as $$
      declare
        disputed boolean := jsonb_array_length(coalesce(new.holds->'openDisputes', '[]'::jsonb)) > 0;
        returned boolean := coalesce((new.holds->>'mailReturned')::boolean, false);
      begin
        if disputed and new.disputed_since is null then new.disputed_since := now();
        elsif not disputed then new.disputed_since := null; end if;
        if returned and new.contact_problem_since is null then new.contact_problem_since := now();
        elsif not returned then new.contact_problem_since := null; end if;
        return new;
      end $$`);
    await q.query(`create trigger accounts_queue_marks before insert or update of holds on accounts
      for each row execute function accounts_queue_marks()`);
    // Existing rows: mark them once (the trigger fires on the holds update).
    await q.query(`update accounts set holds = holds where holds <> '{}'::jsonb`);
    await q.query(`create index accounts_open_disputes on accounts (tenant_id, clinic_id, disputed_since) where disputed_since is not null`);
    await q.query(`create index accounts_contact_problems on accounts (tenant_id, clinic_id, contact_problem_since) where contact_problem_since is not null`);
    // New balances (under 30 days): newest-first or largest-first within a clinic.
    await q.query(`create index accounts_new_balances on accounts (tenant_id, clinic_id, first_positive_at) where balance_cents > 0`);

    await q.query(`
      create table approval_requests (
        id uuid primary key default gen_random_uuid(),
        tenant_id text not null,
        clinic_id text not null,
        account_id uuid not null references accounts (id),
        workflow_id text not null,
        kind text not null check (kind in ('plan', 'settlement')),
        terms jsonb not null,
        required_role text not null check (required_role in ('manager', 'finance_lead')),
        reason text not null,
        status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
        requested_by text not null,
        requested_role text not null,
        requested_at timestamptz not null default now(),
        decided_by text,
        decided_role text,
        decided_at timestamptz,
        note text,
        result jsonb
      )`);
    await q.query(`create index approval_requests_pending on approval_requests (tenant_id, clinic_id, requested_at) where status = 'pending'`);
    await q.query(`create index approval_requests_account on approval_requests (account_id, requested_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table approval_requests');
    await q.query('drop index accounts_new_balances');
    await q.query('drop index accounts_contact_problems');
    await q.query('drop index accounts_open_disputes');
    await q.query('drop trigger accounts_queue_marks on accounts');
    await q.query('drop function accounts_queue_marks');
    await q.query('alter table accounts drop column contact_problem_since, drop column disputed_since');
  }
}
