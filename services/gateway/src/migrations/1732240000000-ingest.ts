import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Ingest1732240000000 implements MigrationInterface {
  name = 'Ingest1732240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table integrator_keys (
        key_id text primary key,
        tenant_id text not null,
        clinic_ids text[] not null,
        label text not null,
        secret_hash text not null,
        signing_secret text,
        revoked_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index integrator_keys_tenant on integrator_keys (tenant_id)`);
    await q.query(`
      create table accepted_events (
        tenant_id text not null,
        event_id text not null,
        body_hash text not null,
        type text not null,
        key_id text not null,
        accepted_at timestamptz not null,
        primary key (tenant_id, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table accepted_events');
    await q.query('drop table integrator_keys');
  }
}
