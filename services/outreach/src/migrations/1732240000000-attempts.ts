import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OUTBOX_DDL } from '@courtesy/kafka';

export class Attempts1732240000000 implements MigrationInterface {
  name = 'Attempts1732240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(OUTBOX_DDL);
    await q.query(`
      create table contact_attempts (
        id bigserial primary key,
        attempt_key text not null unique,
        tenant_id text not null,
        clinic_id text not null,
        account_id text not null,
        channel text not null,
        template_key text not null,
        template_version int,
        status text not null,
        decision jsonb not null default '{}',
        provider_message_id text,
        cost_cents int,
        created_at timestamptz not null default now(),
        sent_at timestamptz
      )`);
    await q.query('create index contact_attempts_account on contact_attempts (tenant_id, account_id, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table contact_attempts');
    await q.query('drop table outbox');
  }
}
