import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClinicPolicies1733160000000 implements MigrationInterface {
  name = 'ClinicPolicies1733160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table clinic_policies (
        tenant_id text not null,
        clinic_id text not null,
        version integer not null check (version > 0),
        policy jsonb not null,
        created_by text not null,
        created_at timestamptz not null default now(),
        primary key (tenant_id, clinic_id, version),
        foreign key (tenant_id, clinic_id) references clinics (tenant_id, clinic_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table clinic_policies');
  }
}
