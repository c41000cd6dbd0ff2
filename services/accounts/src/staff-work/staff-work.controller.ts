import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { AccountsAdminGuard } from '../admin/admin.guard';
import { ApprovalsService } from './approvals.service';
import { queueQuerySchema, queueSql, toQueueRow, type QueueName } from './queue-queries';

const uuid = z.uuid('must be an account ID');
const actor = z.strictObject({
  userId: z.string().min(1).max(100),
  role: z.enum(['staff', 'manager', 'finance_lead'], { error: 'must be staff, manager or finance_lead' }),
});
const tenantParam = new ZodValidationPipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a tenant ID'), 'path.tenantId');

const planRequest = z.strictObject({
  accountId: uuid,
  installments: z.number('must be a whole number').int('must be a whole number').min(2, 'must be at least 2').max(120, 'must be at most 120'),
  firstDueDate: z.iso.date('must be a date YYYY-MM-DD'),
  requestedBy: actor,
});
const settlementRequest = z.strictObject({
  accountId: uuid,
  discountPct: z.number().int().min(1).max(100),
  validDays: z.number().int().min(1).max(90).optional(),
  requiredRole: z.enum(['manager', 'finance_lead']),
  reason: z.string().min(1).max(500),
  requestedBy: actor,
});
const decision = z.strictObject({
  decision: z.enum(['approve', 'reject'], { error: 'must be approve or reject' }),
  decidedBy: actor,
  note: z.string().max(500).optional(),
  result: z.unknown().optional(),
});
const promise = z.strictObject({
  accountId: uuid,
  requestId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/),
  by: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 instant' }),
  amountCents: z.number('must be whole cents').int('must be whole cents').positive('must be more than 0'),
  recordedBy: actor,
});
const approvalsQuery = queueQuerySchema.pick({ clinics: true, offset: true, limit: true }).extend({
  status: z.enum(['pending', 'approved', 'rejected', 'all']).default('pending'),
  accountId: uuid.optional(),
});
const idsQuery = z.object({ ids: z.string().regex(/^[0-9a-f-]{36}(,[0-9a-f-]{36}){0,199}$/, 'must be up to 200 comma-separated account IDs') });

/**
 * Staff work queues and approvals, service to service (the gateway checks the staff member's session, role
 * and clinics, then calls these with the operator token and the clinics they may see).
 */
@Controller('internal/staff-work/:tenantId')
@UseGuards(AccountsAdminGuard)
export class StaffWorkController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly approvals: ApprovalsService,
  ) {}

  @Get('queues/:queue')
  async queue(@Param('tenantId', tenantParam) tenantId: string, @Param('queue', new ZodValidationPipe(z.enum(['new-balances', 'disputes', 'contact-problems']), 'path.queue')) queue: QueueName, @Query(new ZodValidationPipe(queueQuerySchema, 'query')) q: z.infer<typeof queueQuerySchema>) {
    const { sql, params } = queueSql(queue, q, tenantId);
    const rows = (await this.db.query(sql, params)).map(toQueueRow);
    return { items: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
  }

  /** Balance context for other services' queue rows (call tasks, promises, plans): up to 200 accounts at once. */
  @Get('accounts')
  async accounts(@Param('tenantId', tenantParam) tenantId: string, @Query(new ZodValidationPipe(idsQuery, 'query')) q: z.infer<typeof idsQuery>) {
    const rows = await this.db.query(
      `select id, account_ref, clinic_id, balance_cents, first_positive_at, null::timestamptz as since, workflow_id, holds from accounts where tenant_id = $1 and id = any($2::uuid[])`,
      [tenantId, q.ids.split(',')],
    );
    return { accounts: rows.map(toQueueRow) };
  }

  @Get('approvals')
  async listApprovals(@Param('tenantId', tenantParam) tenantId: string, @Query(new ZodValidationPipe(approvalsQuery, 'query')) q: z.infer<typeof approvalsQuery>) {
    const rows = await this.approvals.list(tenantId, q);
    return { items: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
  }

  @Get('approvals/:id')
  getApproval(@Param('tenantId', tenantParam) tenantId: string, @Param('id', new ZodValidationPipe(z.uuid('must be an approval ID'), 'path.id')) id: string) {
    return this.approvals.get(tenantId, id);
  }

  @Post('plan-requests')
  @HttpCode(200)
  requestPlan(@Param('tenantId', tenantParam) tenantId: string, @Body(new ZodValidationPipe(planRequest)) body: z.infer<typeof planRequest>) {
    return this.approvals.requestPlan(tenantId, body);
  }

  @Post('settlement-requests')
  requestSettlement(@Param('tenantId', tenantParam) tenantId: string, @Body(new ZodValidationPipe(settlementRequest)) body: z.infer<typeof settlementRequest>) {
    return this.approvals.requestSettlement(tenantId, body);
  }

  @Post('approvals/:id/decision')
  @HttpCode(200)
  decide(
    @Param('tenantId', tenantParam) tenantId: string,
    @Param('id', new ZodValidationPipe(z.uuid('must be an approval ID'), 'path.id')) id: string,
    @Body(new ZodValidationPipe(decision)) body: z.infer<typeof decision>,
  ) {
    return this.approvals.decide(tenantId, id, body);
  }

  @Post('promises')
  @HttpCode(200)
  promise(@Param('tenantId', tenantParam) tenantId: string, @Body(new ZodValidationPipe(promise)) body: z.infer<typeof promise>) {
    return this.approvals.promiseToPay(tenantId, body);
  }
}
