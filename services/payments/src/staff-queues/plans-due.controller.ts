import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { PaymentsAdminGuard } from '../pay-links/pay-links.controller';

const page = z.object({
  clinics: z.string().regex(/^(\*|[A-Za-z0-9][A-Za-z0-9._-]{0,63}(,[A-Za-z0-9][A-Za-z0-9._-]{0,63})*)$/, 'must be * or a comma-separated list of clinic IDs'),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(25),
});
const tenant = new ZodValidationPipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a tenant ID'), 'path.tenantId');

/** Plan installments not yet paid that fall due from yesterday to a week ahead, for the staff console's queue. */
@Controller('internal/staff-queues/:tenantId')
@UseGuards(PaymentsAdminGuard)
export class PlansDueController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get('plans-due')
  async plansDue(@Param('tenantId', tenant) tenantId: string, @Query(new ZodValidationPipe(page, 'query')) q: z.infer<typeof page>) {
    const params: unknown[] = [tenantId];
    const clinics = q.clinics === '*' ? '' : `and p.clinic_id = any($${params.push(q.clinics.split(','))})`;
    const rows: Record<string, unknown>[] = await this.db.query(
      `select p.plan_id, p.workflow_id, p.clinic_id, p.account_id, p.autopay, i.seq, i.due_at, i.amount_cents, i.paid_cents,
              (select count(*) from installments n where n.plan_id = p.plan_id) as installments
         from plans p join installments i on i.plan_id = p.plan_id
        where p.tenant_id = $1 and p.status = 'active' ${clinics}
          and i.paid_cents < i.amount_cents and i.due_at >= now() - interval '1 day' and i.due_at < now() + interval '7 days'
        order by i.due_at, p.plan_id, i.seq limit ${q.limit + 1} offset ${q.offset}`,
      params,
    );
    const items = rows.slice(0, q.limit).map((r) => ({
      kind: 'installment' as const,
      planWorkflowId: r.workflow_id,
      clinicId: r.clinic_id,
      accountId: r.account_id,
      autopay: r.autopay,
      seq: r.seq,
      installments: Number(r.installments),
      dueAt: new Date(r.due_at as string).toISOString(),
      amountCents: Number(r.amount_cents) - Number(r.paid_cents),
    }));
    return { items, hasMore: rows.length > q.limit };
  }
}
