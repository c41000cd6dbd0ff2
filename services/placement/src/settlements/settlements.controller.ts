import { Body, Controller, HttpException, Inject, NotFoundException, Param, Post, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { offerSettlementUpdate, type OfferSettlementResult } from '@courtesy/workflows';
import { PlacementAdminGuard } from '../agencies/admin.guard';
import { idSchema } from '../agencies/agency';
import { TEMPORAL_CLIENT } from '../tokens';

const offerBody = z.strictObject({
  balanceWorkflowId: z.string().regex(/^balance:[^:]+:[^:]+:[^:]+$/, 'must be a balance workflow ID balance:<tenant>:<clinic>:<account>'),
  /** Idempotency key: the same requestId answers with the first result. */
  requestId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'must be 1-100 letters, digits, ".", "_", ":" or "-"'),
  discountPct: z.number('must be a whole percent').int('must be a whole percent').min(1, 'must be 1 to 100').max(100, 'must be 1 to 100'),
  validDays: z.number().int('must be whole days').min(1).max(90).optional(),
  approver: z
    .strictObject({
      userId: z.string().min(1, 'must not be empty').max(100),
      role: z.enum(['staff', 'manager', 'finance_lead'], { error: 'must be staff, manager or finance_lead' }),
    })
    .optional(),
});
type OfferBody = z.infer<typeof offerBody>;

/**
 * Settlement offers with their approvals. The decision is the balance workflow's: its `offerSettlement`
 * Update validates the discount against the policy snapshot and the approver's role (manager above one
 * threshold, finance lead above another) before anything is written to history. This endpoint asks it and
 * keeps a record of every request, approver and answer.
 */
@Controller('admin/tenants/:tenantId/settlements')
@UseGuards(PlacementAdminGuard)
export class SettlementsController {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Post('offers')
  async offer(
    @Param('tenantId', new ZodValidationPipe(idSchema, 'tenantId')) tenantId: string,
    @Body(new ZodValidationPipe(offerBody)) body: OfferBody,
  ): Promise<OfferSettlementResult> {
    if (body.balanceWorkflowId.split(':')[1] !== tenantId) {
      throw new NotFoundException({ statusCode: 404, errors: [{ path: 'body.balanceWorkflowId', message: `is not a balance of tenant ${tenantId}` }] });
    }
    const { balanceWorkflowId, ...request } = body;
    try {
      const result = await this.temporal.workflow
        .getHandle(balanceWorkflowId)
        .executeUpdate(offerSettlementUpdate, { args: [request], updateId: body.requestId });
      await this.record(tenantId, body, 'offered', null, result);
      return result;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) {
        throw new NotFoundException({ statusCode: 404, errors: [{ path: 'body.balanceWorkflowId', message: 'no running balance workflow with this ID' }] });
      }
      if (err instanceof WorkflowUpdateFailedError) {
        // The validator names the field first ("approver: 15% needs a manager's approval").
        const message = err.cause?.message ?? err.message;
        const m = /^([A-Za-z]+): ([\s\S]*)$/.exec(message);
        await this.record(tenantId, body, 'refused', message, null);
        throw new HttpException(
          { statusCode: 422, errors: [{ path: m ? `body.${m[1]}` : 'body', message: m ? m[2] : message }] },
          422,
        );
      }
      throw err;
    }
  }

  private async record(tenantId: string, body: OfferBody, outcome: 'offered' | 'refused', reason: string | null, result: unknown) {
    // An offer once made keeps its record (the workflow answers a known requestId with its first result); a
    // refused request may be sent again with an approver and then records the offer.
    await this.db.query(
      `insert into settlement_offers (request_id, tenant_id, balance_workflow_id, discount_pct, approver_user_id, approver_role, outcome, reason, result)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       on conflict (balance_workflow_id, request_id) do update set discount_pct = excluded.discount_pct, approver_user_id = excluded.approver_user_id,
         approver_role = excluded.approver_role, outcome = excluded.outcome, reason = excluded.reason, result = excluded.result,
         created_at = now()
       where settlement_offers.outcome = 'refused'`,
      [
        body.requestId,
        tenantId,
        body.balanceWorkflowId,
        body.discountPct,
        body.approver?.userId ?? null,
        body.approver?.role ?? null,
        outcome,
        reason,
        result === null ? null : JSON.stringify(result),
      ],
    );
  }
}
