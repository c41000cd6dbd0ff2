import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The staff console's "plans due this week": active plans of a clinic, then their unpaid installments by due date. */
export class PlansDue1733300000000 implements MigrationInterface {
  name = 'PlansDue1733300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create index plans_active_by_clinic on plans (tenant_id, clinic_id) where status = 'active'`);
    await q.query('create index installments_unpaid_due on installments (due_at, plan_id) where paid_cents < amount_cents');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop index installments_unpaid_due');
    await q.query('drop index plans_active_by_clinic');
  }
}
