import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Everything outreach keeps beyond the first attempt log: explainable attempt records, contact-point state
 * (opt-outs, bad numbers, bounces, returned mail, consent from keywords), the sandbox's recorded messages and
 * the call-task queue.
 */
export class OutreachState1733160000000 implements MigrationInterface {
  name = 'OutreachState1733160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table contact_attempts
        add column workflow_id text,
        add column step_key text,
        add column purpose text,
        add column language text,
        add column policy_version text,
        add column destination text,
        add column rule text,
        add column explanation text,
        add column outcome jsonb,
        add column lease_until timestamptz,
        add column delivery_status text,
        add column delivery_error text,
        add column unsubscribe_token text unique,
        add column call_outcome text,
        add column updated_at timestamptz not null default now()`);
    await q.query('create index contact_attempts_provider_id on contact_attempts (provider_message_id)');
    await q.query(`
      create table contact_points (
        tenant_id text not null,
        account_id text not null,
        channel text not null,
        address text not null,
        status text not null default 'deliverable',
        opted_out_at timestamptz,
        opt_out_source text,
        sms_consent_at timestamptz,
        sms_consent_source text,
        updated_at timestamptz not null default now(),
        primary key (tenant_id, account_id, channel)
      )`);
    await q.query('create index contact_points_address on contact_points (channel, address)');
    await q.query(`
      create table sandbox_messages (
        id bigserial primary key,
        channel text not null,
        to_address text not null,
        body text not null,
        provider_message_id text not null unique,
        created_at timestamptz not null default now()
      )`);
    await q.query(`
      create table call_tasks (
        id bigserial primary key,
        attempt_key text not null unique,
        tenant_id text not null,
        clinic_id text not null,
        account_id text not null,
        workflow_id text not null,
        purpose text not null,
        segment text not null,
        priority int not null,
        due_at timestamptz not null,
        language text not null,
        script_key text not null,
        script_version int not null,
        script_text text not null,
        status text not null default 'open',
        claimed_by text,
        claimed_at timestamptz,
        outcome text,
        outcome_at timestamptz,
        promise_by timestamptz,
        promise_amount_cents int,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index call_tasks_queue on call_tasks (tenant_id, status, priority desc, due_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table call_tasks');
    await q.query('drop table sandbox_messages');
    await q.query('drop table contact_points');
    await q.query(`
      alter table contact_attempts drop column workflow_id, drop column step_key, drop column purpose,
        drop column language, drop column policy_version, drop column destination, drop column rule,
        drop column explanation, drop column outcome, drop column lease_until, drop column delivery_status,
        drop column delivery_error, drop column unsubscribe_token, drop column call_outcome, drop column updated_at`);
  }
}
