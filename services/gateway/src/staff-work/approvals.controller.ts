import { Body, Controller, ForbiddenException, Get, HttpCode, HttpException, Inject, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { StaffGuard, StaffRoles, type StaffRequest } from '../staff/staff.guard';
import { StaffAudit } from '../staff/staff-audit.service';
import { ACCOUNTS_API, InternalApi, PLACEMENT_API } from './internal-api';
import { AccountContext } from './account-context';
import { approverOf, assertClinic, clinicsParam, consoleRoleFor, pageParams, satisfies } from './scope';

const uuid = (what: string) => new ZodValidationPipe(z.uuid(`must be an ${what} ID`), `path.${what}Id`);
const planBody = z.strictObject({
  installments: z.number('must be a whole number').int('must be a whole number').min(2, 'must be at least 2').max(120, 'must be at most 120'),
  firstDueDate: z.iso.date('must be a date YYYY-MM-DD'),
});
const settlementBody = z.strictObject({
  discountPct: z.number('must be a whole percent').int('must be a whole percent').min(1, 'must be 1 to 100').max(100, 'must be 1 to 100'),
  validDays: z.number().int('must be whole days').min(1, 'must be 1 to 90').max(90, 'must be 1 to 90').optional(),
});
// No approver, role or user in the body: who decides is the signed-in session, nothing else.
const decisionBody = z.strictObject({
  decision: z.enum(['approve', 'reject'], { error: 'must be approve or reject' }),
  note: z.string().max(500, 'must be at most 500 characters').optional(),
});
const listQuery = z.object({
  status: z.enum(['pending', 'approved', 'rejected', 'all'], { error: 'must be pending, approved, rejected or all' }).default('pending'),
  accountId: z.uuid('must be an account ID').optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

interface Approval {
  id: string;
  clinicId: string;
  accountId: string;
  workflowId: string;
  kind: 'plan' | 'settlement';
  terms: { discountPct?: number; validDays?: number; installments?: number; firstDueDate?: string };
  requiredRole: 'manager' | 'finance_lead';
  status: string;
}

const NEEDS_APPROVAL = /needs? a (manager|finance_lead)'s approval/;

/**
 * Long plans and settlements above a threshold. Staff ask; the balance workflow decides whether the asker's
 * own role is enough (it is the judge of policy); if not, the request waits in the approvals queue until a
 * manager or finance lead decides. The approver always comes from the signed-in session.
 */
@Controller('staff/v1')
@UseGuards(StaffGuard)
export class ApprovalsController {
  constructor(
    @Inject(ACCOUNTS_API) private readonly accounts: InternalApi,
    @Inject(PLACEMENT_API) private readonly placement: InternalApi,
    private readonly context: AccountContext,
    private readonly audit: StaffAudit,
  ) {}

  @Post('accounts/:accountId/plan-requests')
  @StaffRoles('staff', 'manager', 'finance')
  @HttpCode(200)
  async requestPlan(@Req() req: StaffRequest, @Param('accountId', uuid('account')) accountId: string, @Body(new ZodValidationPipe(planBody)) body: z.infer<typeof planBody>) {
    const p = req.staff;
    await this.context.scoped(p, accountId);
    const answer = await this.accounts.post<{ status: 'started' | 'pending' }>(`/internal/staff-work/${enc(p.tenantId)}/plan-requests`, {
      accountId,
      ...body,
      requestedBy: approverOf(p),
    });
    await this.audit.record(p, answer.status === 'started' ? 'plan.started' : 'plan.approval_requested', `account:${accountId}`, { installments: body.installments, firstDueDate: body.firstDueDate });
    return answer;
  }

  @Post('accounts/:accountId/settlement-requests')
  @StaffRoles('staff', 'manager', 'finance')
  @HttpCode(200)
  async requestSettlement(@Req() req: StaffRequest, @Param('accountId', uuid('account')) accountId: string, @Body(new ZodValidationPipe(settlementBody)) body: z.infer<typeof settlementBody>) {
    const p = req.staff;
    const account = await this.context.scoped(p, accountId);
    const requestedBy = approverOf(p)!;
    try {
      const offer = await this.offer(p.tenantId, account.workflowId, `staff-settlement:${randomUUID()}`, body, requestedBy);
      await this.audit.record(p, 'settlement.offered', `account:${accountId}`, { ...body });
      return { status: 'offered', offer };
    } catch (err) {
      const refusal = approvalRefusal(err);
      if (!refusal) throw err;
      const approval = await this.accounts.post(`/internal/staff-work/${enc(p.tenantId)}/settlement-requests`, {
        accountId,
        ...body,
        requiredRole: refusal.requiredRole,
        reason: refusal.message,
        requestedBy,
      });
      await this.audit.record(p, 'settlement.approval_requested', `account:${accountId}`, { ...body, requiredRole: refusal.requiredRole });
      return { status: 'pending', approval };
    }
  }

  @Get('approvals')
  async list(@Req() req: StaffRequest, @Query(new ZodValidationPipe(listQuery, 'query')) q: z.infer<typeof listQuery>) {
    const p = req.staff;
    if (q.accountId) await this.context.scoped(p, q.accountId);
    const page = await this.accounts.get<{ items: unknown[]; hasMore: boolean }>(`/internal/staff-work/${enc(p.tenantId)}/approvals`, {
      clinics: clinicsParam(p),
      status: q.status,
      accountId: q.accountId,
      ...pageParams(q.page, q.pageSize),
    });
    return { ...page, page: q.page, pageSize: q.pageSize };
  }

  @Get('approvals/:approvalId')
  async get(@Req() req: StaffRequest, @Param('approvalId', uuid('approval')) id: string) {
    return this.scopedApproval(req, id);
  }

  @Post('approvals/:approvalId/decision')
  @StaffRoles('manager', 'finance')
  @HttpCode(200)
  async decide(@Req() req: StaffRequest, @Param('approvalId', uuid('approval')) id: string, @Body(new ZodValidationPipe(decisionBody)) body: z.infer<typeof decisionBody>) {
    const p = req.staff;
    const approval = await this.scopedApproval(req, id);
    const decidedBy = approverOf(p)!;
    if (!satisfies(decidedBy.role, approval.requiredRole)) {
      const needed = consoleRoleFor(approval.requiredRole);
      await this.audit.record(p, 'approval.refused_role', `approval:${id}`, { requiredRole: approval.requiredRole });
      throw new ForbiddenException({ statusCode: 403, errors: [{ path: 'role', message: `needs role ${needed} (this ${approval.kind} needs a ${words(approval.requiredRole)}'s approval; you are ${p.role})` }] });
    }
    let result: unknown;
    if (body.decision === 'approve' && approval.kind === 'settlement') {
      // Placement asks the workflow with this approver and keeps its own record of the offer.
      result = await this.offer(p.tenantId, approval.workflowId, `approval:${id}`, approval.terms as { discountPct: number; validDays?: number }, decidedBy);
    }
    const decided = await this.accounts.post(`/internal/staff-work/${enc(p.tenantId)}/approvals/${id}/decision`, {
      decision: body.decision,
      decidedBy,
      ...(body.note ? { note: body.note } : {}),
      ...(result !== undefined ? { result } : {}),
    });
    await this.audit.record(p, body.decision === 'approve' ? 'approval.approved' : 'approval.rejected', `approval:${id}`, { kind: approval.kind, accountId: approval.accountId, terms: approval.terms });
    return decided;
  }

  private async scopedApproval(req: StaffRequest, id: string): Promise<Approval> {
    const approval = await this.accounts.get<Approval>(`/internal/staff-work/${enc(req.staff.tenantId)}/approvals/${id}`);
    assertClinic(req.staff, approval.clinicId, 'approval');
    return approval;
  }

  private offer(tenantId: string, workflowId: string | null, requestId: string, terms: { discountPct: number; validDays?: number }, approver: { userId: string; role: string }) {
    if (!workflowId) throw new HttpException({ statusCode: 422, errors: [{ path: 'path.accountId', message: 'the balance has no workflow yet' }] }, 422);
    return this.placement.post(`/admin/tenants/${enc(tenantId)}/settlements/offers`, {
      balanceWorkflowId: workflowId,
      requestId,
      discountPct: terms.discountPct,
      ...(terms.validDays ? { validDays: terms.validDays } : {}),
      approver,
    });
  }
}

/** Placement's 422 that says only a missing approval stands in the way (and whose). */
function approvalRefusal(err: unknown): { requiredRole: 'manager' | 'finance_lead'; message: string } | undefined {
  if (!(err instanceof HttpException) || err.getStatus() !== 422) return undefined;
  const body = err.getResponse() as { errors?: { path: string; message: string }[] };
  const e = body.errors?.find((x) => x.path === 'body.approver' && NEEDS_APPROVAL.test(x.message));
  if (!e) return undefined;
  return { requiredRole: NEEDS_APPROVAL.exec(e.message)![1] as 'manager' | 'finance_lead', message: e.message };
}

const words = (role: string) => role.replace('_', ' ');
const enc = encodeURIComponent;
