import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Client } from '@temporalio/client';
import { acceptPlanUpdate, balanceWorkflowId, promiseToPayUpdate, type AcceptPlanResult, type PromiseToPayResult } from '@courtesy/workflows';
import { TEMPORAL_CLIENT } from '../tokens';
import { askWorkflow, WorkflowRefusal } from './workflow-requests';

export type ApproverRole = 'staff' | 'manager' | 'finance_lead';
export interface Actor {
  userId: string;
  role: ApproverRole;
}

export interface ApprovalRow {
  id: string;
  tenantId: string;
  clinicId: string;
  accountId: string;
  accountRef: string;
  balanceCents: number;
  workflowId: string;
  kind: 'plan' | 'settlement';
  terms: Record<string, unknown>;
  requiredRole: 'manager' | 'finance_lead';
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  requestedBy: string;
  requestedRole: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedRole: string | null;
  decidedAt: string | null;
  note: string | null;
  result: unknown;
}

interface AccountRef {
  id: string;
  tenant_id: string;
  clinic_id: string;
  workflow_id: string | null;
}

const SELECT = `select r.*, a.account_ref, a.balance_cents from approval_requests r join accounts a on a.id = r.account_id`;

/**
 * Requests that need a senior role before the balance workflow accepts them. The workflow is the judge: a
 * request goes to it first with the requester as approver; only a refusal that names a missing approval is
 * parked here for a manager or finance lead, whose decision is recorded with their identity and time and
 * (for plans) sent to the workflow as the `acceptPlan` Update's approver.
 */
@Injectable()
export class ApprovalsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  private async account(tenantId: string, accountId: string): Promise<AccountRef & { workflowId: string }> {
    const [a]: AccountRef[] = await this.db.query('select id, tenant_id, clinic_id, workflow_id from accounts where tenant_id = $1 and id = $2', [tenantId, accountId]);
    if (!a) throw new NotFoundException({ statusCode: 404, errors: [{ path: 'body.accountId', message: `no such account in tenant ${tenantId}` }] });
    return { ...a, workflowId: a.workflow_id ?? balanceWorkflowId(a.tenant_id, a.clinic_id, a.id) };
  }

  private audit(em: Pick<EntityManager, 'query'>, tenantId: string, actor: Actor, action: string, subject: string, details: object) {
    return em.query('insert into audit_log (tenant_id, actor, action, subject, details) values ($1, $2, $3, $4, $5)', [
      tenantId,
      `staff:${actor.userId}:${actor.role}`,
      action,
      subject,
      JSON.stringify(details),
    ]);
  }

  /** A plan asked for by staff: started at once when the requester may grant it, else parked for approval. */
  async requestPlan(
    tenantId: string,
    body: { accountId: string; installments: number; firstDueDate: string; requestedBy: Actor },
  ): Promise<{ status: 'started'; plan: AcceptPlanResult } | { status: 'pending'; approval: ApprovalRow }> {
    const a = await this.account(tenantId, body.accountId);
    const terms = { installments: body.installments, firstDueDate: body.firstDueDate, autopay: false };
    const requestId = `staff-plan:${randomUUID()}`;
    try {
      const plan = await askWorkflow(() =>
        this.temporal.workflow.getHandle(a.workflowId).executeUpdate(acceptPlanUpdate, {
          args: [{ requestId, ...terms, approver: body.requestedBy }],
          updateId: requestId,
        }),
      );
      await this.audit(this.db, tenantId, body.requestedBy, 'plan.started', `account:${a.id}`, { ...terms, planId: plan.planId });
      return { status: 'started', plan };
    } catch (err) {
      if (!(err instanceof WorkflowRefusal) || !err.requiredRole) throw err instanceof WorkflowRefusal ? err.toHttp() : err;
      const approval = await this.park(tenantId, a, 'plan', terms, err.requiredRole, err.reason, body.requestedBy);
      return { status: 'pending', approval };
    }
  }

  /** A settlement the workflow refused for want of approval (the gateway asked placement first). */
  async requestSettlement(
    tenantId: string,
    body: { accountId: string; discountPct: number; validDays?: number; requiredRole: 'manager' | 'finance_lead'; reason: string; requestedBy: Actor },
  ): Promise<ApprovalRow> {
    const a = await this.account(tenantId, body.accountId);
    const terms = { discountPct: body.discountPct, ...(body.validDays ? { validDays: body.validDays } : {}) };
    return this.park(tenantId, a, 'settlement', terms, body.requiredRole, body.reason, body.requestedBy);
  }

  private async park(tenantId: string, a: AccountRef & { workflowId: string }, kind: 'plan' | 'settlement', terms: object, requiredRole: string, reason: string, by: Actor) {
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx.query(
        `insert into approval_requests (tenant_id, clinic_id, account_id, workflow_id, kind, terms, required_role, reason, requested_by, requested_role)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
        [tenantId, a.clinic_id, a.id, a.workflowId, kind, JSON.stringify(terms), requiredRole, reason, by.userId, by.role],
      );
      await this.audit(tx, tenantId, by, `approval.requested`, `approval:${row.id}`, { kind, accountId: a.id, terms, requiredRole });
      return row.id as string;
    });
    return this.get(tenantId, id);
  }

  async get(tenantId: string, id: string): Promise<ApprovalRow> {
    const [row] = await this.db.query(`${SELECT} where r.tenant_id = $1 and r.id = $2`, [tenantId, id]);
    if (!row) throw new NotFoundException({ statusCode: 404, errors: [{ path: 'path.id', message: 'no such approval request' }] });
    return toApproval(row);
  }

  /** Pending first-in first-out, or every request of an account (account page). */
  async list(tenantId: string, q: { clinics: string; status: string; accountId?: string; offset: number; limit: number }): Promise<ApprovalRow[]> {
    const params: unknown[] = [tenantId];
    const where = ['r.tenant_id = $1'];
    if (q.clinics !== '*') where.push(`r.clinic_id = any($${params.push(q.clinics.split(','))})`);
    if (q.status !== 'all') where.push(`r.status = $${params.push(q.status)}`);
    if (q.accountId) where.push(`r.account_id = $${params.push(q.accountId)}`);
    const rows = await this.db.query(`${SELECT} where ${where.join(' and ')} order by r.requested_at asc, r.id limit ${q.limit + 1} offset ${q.offset}`, params);
    return rows.map(toApproval);
  }

  /**
   * Records a decision. A plan approval is sent to the workflow first with the decider as approver (the
   * gateway took the role from the signed-in session); the row changes only if the workflow accepted it. A
   * settlement approval carries placement's answer in `result`. Deciding twice is refused (409).
   */
  async decide(
    tenantId: string,
    id: string,
    body: { decision: 'approve' | 'reject'; decidedBy: Actor; note?: string; result?: unknown },
  ): Promise<ApprovalRow> {
    const r = await this.get(tenantId, id);
    if (r.status !== 'pending') {
      throw new ConflictException({ statusCode: 409, errors: [{ path: 'path.id', message: `already ${r.status} by ${r.decidedBy} at ${r.decidedAt}` }] });
    }
    let result: unknown = body.result ?? null;
    if (body.decision === 'approve' && r.kind === 'plan') {
      const requestId = `approval:${r.id}`;
      try {
        result = await askWorkflow(() =>
          this.temporal.workflow.getHandle(r.workflowId).executeUpdate(acceptPlanUpdate, {
            args: [{ requestId, ...(r.terms as { installments: number; firstDueDate: string; autopay: boolean }), approver: body.decidedBy }],
            updateId: requestId,
          }),
        );
      } catch (err) {
        throw err instanceof WorkflowRefusal ? err.toHttp() : err;
      }
    }
    const status = body.decision === 'approve' ? 'approved' : 'rejected';
    await this.db.transaction(async (tx) => {
      const [, changed] = await tx.query(
        `update approval_requests set status = $3, decided_by = $4, decided_role = $5, decided_at = now(), note = $6, result = $7
          where tenant_id = $1 and id = $2 and status = 'pending'`,
        [tenantId, id, status, body.decidedBy.userId, body.decidedBy.role, body.note ?? null, result === null ? null : JSON.stringify(result)],
      );
      if (changed === 0) throw new ConflictException({ statusCode: 409, errors: [{ path: 'path.id', message: 'decided meanwhile by someone else' }] });
      await this.audit(tx, tenantId, body.decidedBy, `approval.${status}`, `approval:${id}`, { kind: r.kind, accountId: r.accountId, terms: r.terms });
    });
    return this.get(tenantId, id);
  }

  /** A promise to pay taken on a call: the workflow validates it (amount, date) and pauses outreach until then. */
  async promiseToPay(
    tenantId: string,
    body: { accountId: string; requestId: string; by: string; amountCents: number; recordedBy: Actor },
  ): Promise<PromiseToPayResult> {
    const a = await this.account(tenantId, body.accountId);
    try {
      const result = await askWorkflow(() =>
        this.temporal.workflow.getHandle(a.workflowId).executeUpdate(promiseToPayUpdate, {
          args: [{ requestId: body.requestId, by: body.by, amountCents: body.amountCents }],
          updateId: body.requestId,
        }),
      );
      await this.audit(this.db, tenantId, body.recordedBy, 'promise_to_pay.recorded', `account:${a.id}`, { requestId: body.requestId, by: body.by, amountCents: body.amountCents });
      return result;
    } catch (err) {
      throw err instanceof WorkflowRefusal ? err.toHttp({ by: 'promiseBy', amountCents: 'promiseAmountCents' }) : err;
    }
  }
}

function toApproval(r: Record<string, unknown>): ApprovalRow {
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    clinicId: r.clinic_id as string,
    accountId: r.account_id as string,
    accountRef: r.account_ref as string,
    balanceCents: Number(r.balance_cents),
    workflowId: r.workflow_id as string,
    kind: r.kind as ApprovalRow['kind'],
    terms: r.terms as Record<string, unknown>,
    requiredRole: r.required_role as ApprovalRow['requiredRole'],
    reason: r.reason as string,
    status: r.status as ApprovalRow['status'],
    requestedBy: r.requested_by as string,
    requestedRole: r.requested_role as string,
    requestedAt: iso(r.requested_at)!,
    decidedBy: (r.decided_by as string | null) ?? null,
    decidedRole: (r.decided_role as string | null) ?? null,
    decidedAt: iso(r.decided_at),
    note: (r.note as string | null) ?? null,
    result: r.result ?? null,
  };
}
