import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The clinic as an attempt showed it (so a HELP reply names the same clinic and line), and the time zones a
 * call task is claimed against (the calling window is re-checked when staff pick it up).
 */
export class AttemptClinicAndCallZones1733170000000 implements MigrationInterface {
  name = 'AttemptClinicAndCallZones1733170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('alter table contact_attempts add column if not exists clinic jsonb');
    await q.query('alter table call_tasks add column if not exists patient_time_zone text, add column if not exists clinic_time_zone text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('alter table call_tasks drop column clinic_time_zone, drop column patient_time_zone');
    await q.query('alter table contact_attempts drop column clinic');
  }
}
