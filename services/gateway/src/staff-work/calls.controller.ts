import { Body, ConflictException, Controller, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { StaffGuard, StaffRoles, type StaffRequest } from '../staff/staff.guard';
import { StaffAudit } from '../staff/staff-audit.service';
import { ACCOUNTS_API, InternalApi, OUTREACH_API } from './internal-api';
import { AccountContext } from './account-context';
import { approverOf, assertClinic } from './scope';

const taskId = new ZodValidationPipe(z.string().regex(/^\d{1,18}$/, 'must be a call task number'), 'path.id');

/** The one-click outcomes staff record after a call (outreach's vocabulary). */
export const CALL_OUTCOMES = ['reached', 'voicemail', 'no_answer', 'wrong_number', 'promise_to_pay', 'plan_requested', 'dispute'] as const;

const outcomeBody = z
  .strictObject({
    outcome: z.enum(CALL_OUTCOMES, { error: `must be one of ${CALL_OUTCOMES.join(', ')}` }),
    promiseBy: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 instant' }).optional(),
    promiseAmountCents: z.number('must be whole cents').int('must be whole cents').positive('must be more than 0').optional(),
  })
  .superRefine((b, ctx) => {
    if (b.outcome !== 'promise_to_pay') return;
    if (!b.promiseBy) ctx.addIssue({ code: 'custom', path: ['promiseBy'], message: 'is required for a promise to pay' });
    if (!b.promiseAmountCents) ctx.addIssue({ code: 'custom', path: ['promiseAmountCents'], message: 'is required for a promise to pay' });
  });

interface CallTask {
  id: string;
  tenant_id: string;
  clinic_id: string;
  account_id: string;
  workflow_id: string;
  purpose: string;
  segment: string;
  status: string;
  claimed_by: string | null;
  script_text?: string;
  script_key: string;
  language: string;
  phone?: string | null;
  patient_time_zone?: string | null;
  clinic_time_zone?: string | null;
}

/**
 * Working a call: claim the task (outreach re-checks the calling window and frequency rules and hands over the
 * number and the segment's approved script), then record what happened in one click. A promise to pay is
 * first put to the balance workflow (accounts sends the `promiseToPay` Update, which validates the date and
 * amount and pauses outreach), then recorded on the task; the same request ID makes a retry harmless.
 */
@Controller('staff/v1/call-tasks')
@UseGuards(StaffGuard)
@StaffRoles('staff', 'manager', 'finance')
export class CallsController {
  constructor(
    @Inject(ACCOUNTS_API) private readonly accounts: InternalApi,
    @Inject(OUTREACH_API) private readonly outreach: InternalApi,
    private readonly context: AccountContext,
    private readonly audit: StaffAudit,
  ) {}

  @Post(':id/claim')
  @HttpCode(200)
  async claim(@Req() req: StaffRequest, @Param('id', taskId) id: string) {
    const p = req.staff;
    const { task } = await this.outreach.post<{ task: CallTask }>(`/internal/call-tasks/${encodeURIComponent(p.tenantId)}/task/${id}/claim`, {
      agentId: p.userId,
      clinics: p.clinicIds === 'all' ? '*' : p.clinicIds,
    });
    const account = await this.context.scoped(p, task.account_id);
    // The number and the script are patient details: the read is on the record.
    await this.audit.record(p, 'call_task.claimed', `account:${task.account_id}`, { taskId: id });
    return {
      task: {
        taskId: String(task.id),
        clinicId: task.clinic_id,
        accountId: task.account_id,
        workflowId: task.workflow_id,
        purpose: task.purpose,
        segment: task.segment,
        language: task.language,
        scriptKey: task.script_key,
        script: task.script_text ?? '',
        phone: task.phone ?? null,
        timeZone: task.patient_time_zone ?? task.clinic_time_zone ?? null,
      },
      account: { accountRef: account.accountRef, balanceCents: account.balanceCents, firstPositiveAt: account.firstPositiveAt, openDisputes: account.openDisputes },
      outcomes: CALL_OUTCOMES,
    };
  }

  @Post(':id/outcome')
  @HttpCode(200)
  async outcome(@Req() req: StaffRequest, @Param('id', taskId) id: string, @Body(new ZodValidationPipe(outcomeBody)) body: z.infer<typeof outcomeBody>) {
    const p = req.staff;
    const { task } = await this.outreach.get<{ task: CallTask }>(`/internal/call-tasks/${encodeURIComponent(p.tenantId)}/task/${id}`);
    assertClinic(p, task.clinic_id, 'task');
    if (task.status !== 'done' && task.claimed_by !== p.userId) {
      throw new ConflictException({ statusCode: 409, errors: [{ path: 'path.id', message: 'claim the call first (it is not yours)' }] });
    }
    let promise: unknown = null;
    if (body.outcome === 'promise_to_pay' && task.status !== 'done') {
      promise = await this.accounts.post(`/internal/staff-work/${encodeURIComponent(p.tenantId)}/promises`, {
        accountId: task.account_id,
        requestId: `call-task:${id}`,
        by: new Date(body.promiseBy!).toISOString(),
        amountCents: body.promiseAmountCents,
        recordedBy: approverOf(p),
      });
    }
    const recorded = await this.outreach.post<{ id: string; outcome: string; applied: boolean }>(`/internal/call-tasks/task/${id}/outcome`, {
      agentId: p.userId,
      outcome: body.outcome,
      ...(body.promiseBy ? { promiseBy: new Date(body.promiseBy).toISOString() } : {}),
      ...(body.promiseAmountCents ? { promiseAmountCents: body.promiseAmountCents } : {}),
    });
    await this.audit.record(p, 'call_task.outcome', `account:${task.account_id}`, { taskId: id, outcome: body.outcome, applied: recorded.applied });
    return { ...recorded, promise };
  }
}
