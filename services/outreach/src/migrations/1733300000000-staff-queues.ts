import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff console's call queue (open tasks of the staff member's clinics, most urgent first) and the
 * promises taken on calls that fall due this week, as partial-index range scans.
 */
export class StaffQueues1733300000000 implements MigrationInterface {
  name = 'StaffQueues1733300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create index call_tasks_open_by_clinic on call_tasks (tenant_id, clinic_id, priority desc, due_at) where status <> 'done'`);
    await q.query('create index call_tasks_account on call_tasks (tenant_id, account_id)');
    await q.query(`create index call_tasks_promises on call_tasks (tenant_id, promise_by) where outcome = 'promise_to_pay'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop index call_tasks_promises');
    await q.query('drop index call_tasks_account');
    await q.query('drop index call_tasks_open_by_clinic');
  }
}
