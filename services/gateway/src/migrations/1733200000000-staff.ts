import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff console: users, sessions, login throttling and the append-only audit log. */
export class Staff1733200000000 implements MigrationInterface {
  name = 'Staff1733200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table staff_users (
        id uuid primary key default gen_random_uuid(),
        tenant_id text not null,
        email text not null check (email = lower(email)),
        display_name text not null,
        role text not null check (role in ('staff','manager','finance','ops','admin')),
        clinic_ids text[],
        provider text not null default 'password',
        password_hash text,
        disabled_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    await q.query(`create unique index staff_users_email on staff_users (email)`);
    await q.query(`create index staff_users_tenant on staff_users (tenant_id)`);
    await q.query(`
      create table staff_sessions (
        id text primary key,
        user_id uuid not null references staff_users (id),
        created_at timestamptz not null,
        last_seen_at timestamptz not null,
        expires_at timestamptz not null,
        ended_at timestamptz
      )`);
    await q.query(`create index staff_sessions_user on staff_sessions (user_id) where ended_at is null`);
    await q.query(`
      create table staff_login_throttle (
        email text not null,
        address text not null,
        failures int not null,
        window_started_at timestamptz not null,
        primary key (email, address)
      )`);
    // Who did what to which subject, never the patient's details themselves.
    await q.query(`
      create table staff_audit (
        id bigserial primary key,
        at timestamptz not null default now(),
        tenant_id text not null,
        user_id uuid,
        role text,
        action text not null,
        subject text not null,
        details jsonb not null default '{}'
      )`);
    await q.query(`create index staff_audit_tenant_at on staff_audit (tenant_id, at desc)`);
    await q.query(`create index staff_audit_subject on staff_audit (subject)`);
    // Append-only even for the owning role: updates and deletes are refused by the database itself.
    await q.query(`
      create function staff_audit_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'staff_audit is append-only';
      end $$`);
    await q.query(`
      create trigger staff_audit_no_change before update or delete or truncate on staff_audit
        for each statement execute function staff_audit_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table staff_audit');
    await q.query('drop function staff_audit_append_only');
    await q.query('drop table staff_login_throttle');
    await q.query('drop table staff_sessions');
    await q.query('drop table staff_users');
  }
}
