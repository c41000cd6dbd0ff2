import { BadRequestException, ConflictException, HttpException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LEGAL_CALLING_WINDOW, nextCallingInstant, resolveCallingZones, type CallOutcome } from '../compliance';
import { enqueueFact } from '../facts/outreach-facts';
import { ContactPointsService } from '../contact-points/contact-points.service';

export interface CallTaskRow {
  id: string;
  tenant_id: string;
  clinic_id: string;
  account_id: string;
  workflow_id: string;
  attempt_key: string;
  purpose: string;
  segment: string;
  priority: number;
  due_at: Date;
  patient_time_zone: string | null;
  clinic_time_zone: string | null;
  language: string;
  script_key: string;
  script_version: number;
  script_text: string;
  status: 'open' | 'claimed' | 'done';
  claimed_by: string | null;
}

const CLAIM_MINUTES = 30;

/** Staff's call queue: claim the most urgent task whose patient may be called now, then record what happened. */
@Injectable()
export class CallTasksService {
  constructor(
    private readonly db: DataSource,
    private readonly points: ContactPointsService,
  ) {}

  async open(tenantId: string): Promise<CallTaskRow[]> {
    return this.db.query(
      `select id, account_id, clinic_id, purpose, segment, priority, due_at, language, script_key, script_version, status, claimed_by
         from call_tasks where tenant_id = $1 and status <> 'done' order by priority desc, due_at limit 500`,
      [tenantId],
    );
  }

  /**
   * Hands one task to `agentId`: due, unclaimed (or its claim lapsed), and inside the patient's calling window
   * right now. Returns undefined when nothing can be called now.
   */
  async claim(tenantId: string, agentId: string, now = new Date()): Promise<(CallTaskRow & { phone: string | null }) | undefined> {
    return this.db.transaction(async (tx) => {
      const candidates: CallTaskRow[] = await tx.query(
        `select * from call_tasks
          where tenant_id = $1 and due_at <= $2
            and (status = 'open' or (status = 'claimed' and claimed_at < $2::timestamptz - make_interval(mins => $3)))
          order by priority desc, due_at limit 50 for update skip locked`,
        [tenantId, now, CLAIM_MINUTES],
      );
      const callable = candidates.find((t) => {
        const zones = resolveCallingZones(t.patient_time_zone, t.clinic_time_zone);
        return nextCallingInstant(now.getTime(), zones, LEGAL_CALLING_WINDOW, new Set()) === now.getTime();
      });
      if (!callable) return undefined;
      await tx.query(`update call_tasks set status = 'claimed', claimed_by = $2, claimed_at = $3 where id = $1`, [callable.id, agentId, now]);
      const [point] = await tx.query(`select address from contact_points where tenant_id = $1 and account_id = $2 and channel = 'call'`, [
        callable.tenant_id,
        callable.account_id,
      ]);
      return { ...callable, status: 'claimed' as const, claimed_by: agentId, phone: point?.address ?? null };
    });
  }

  async get(tenantId: string, id: string): Promise<CallTaskRow> {
    const [task]: CallTaskRow[] = await this.db.query(
      `select id, tenant_id, clinic_id, account_id, workflow_id, purpose, segment, priority, due_at, language, script_key, script_version, status, claimed_by, outcome
         from call_tasks where id = $1 and tenant_id = $2`,
      [id, tenantId],
    );
    if (!task) throw new NotFoundException({ statusCode: 404, errors: [{ path: 'path.id', message: 'no such call task' }] });
    return task;
  }

  /**
   * Hands one chosen task to `agentId` (the staff console's "call this one"): it must be in the caller's clinics
   * (`clinics`: list or '*'), due, not held by someone else's live claim, and inside the patient's calling window
   * right now (422 with the next opening otherwise). Claiming again by the same agent returns the same claim.
   */
  async claimTask(
    tenantId: string,
    taskId: string,
    agentId: string,
    clinics: string[] | '*',
    now = new Date(),
  ): Promise<CallTaskRow & { phone: string | null }> {
    return this.db.transaction(async (tx) => {
      const [task]: CallTaskRow[] = await tx.query('select * from call_tasks where id = $1 and tenant_id = $2 for update', [taskId, tenantId]);
      if (!task || (clinics !== '*' && !clinics.includes(task.clinic_id))) {
        throw new NotFoundException({ statusCode: 404, errors: [{ path: 'path.id', message: 'no such call task in your clinics' }] });
      }
      if (task.status === 'done') throw new ConflictException({ statusCode: 409, errors: [{ path: 'path.id', message: 'the call is already recorded' }] });
      const claimedAt = (task as CallTaskRow & { claimed_at: Date | null }).claimed_at;
      const liveClaim = task.status === 'claimed' && claimedAt !== null && new Date(claimedAt).getTime() > now.getTime() - CLAIM_MINUTES * 60_000;
      if (liveClaim && task.claimed_by !== agentId) {
        throw new ConflictException({ statusCode: 409, errors: [{ path: 'path.id', message: 'another staff member is on this call' }] });
      }
      if (new Date(task.due_at).getTime() > now.getTime()) {
        throw new HttpException({ statusCode: 422, errors: [{ path: 'path.id', message: `not due until ${new Date(task.due_at).toISOString()}` }] }, 422);
      }
      const zones = resolveCallingZones(task.patient_time_zone, task.clinic_time_zone);
      const opens = nextCallingInstant(now.getTime(), zones, LEGAL_CALLING_WINDOW, new Set());
      if (opens !== now.getTime()) {
        throw new HttpException({ statusCode: 422, errors: [{ path: 'path.id', message: `outside the patient's calling window; it opens at ${new Date(opens).toISOString()}` }] }, 422);
      }
      if (!(liveClaim && task.claimed_by === agentId)) {
        await tx.query(`update call_tasks set status = 'claimed', claimed_by = $2, claimed_at = $3 where id = $1`, [task.id, agentId, now]);
      }
      const [point] = await tx.query(`select address from contact_points where tenant_id = $1 and account_id = $2 and channel = 'call'`, [task.tenant_id, task.account_id]);
      return { ...task, status: 'claimed' as const, claimed_by: agentId, phone: point?.address ?? null };
    });
  }

  /** Records the call; the outcome becomes a fact for the workflow in the same transaction. Repeats are no-ops. */
  async recordOutcome(
    id: string,
    input: { agentId: string; outcome: CallOutcome; promiseBy?: string; promiseAmountCents?: number },
  ): Promise<{ id: string; outcome: CallOutcome; applied: boolean }> {
    if (input.outcome === 'promise_to_pay' && !input.promiseBy) {
      throw new BadRequestException({ statusCode: 400, errors: [{ path: 'body.promiseBy', message: 'is required when the outcome is promise_to_pay' }] });
    }
    if (input.outcome === 'promise_to_pay' && !input.promiseAmountCents) {
      throw new BadRequestException({ statusCode: 400, errors: [{ path: 'body.promiseAmountCents', message: 'is required when the outcome is promise_to_pay' }] });
    }
    return this.db.transaction(async (tx) => {
      const [task]: CallTaskRow[] = await tx.query('select * from call_tasks where id = $1 for update', [id]);
      if (!task) throw new NotFoundException({ statusCode: 404, errors: [{ path: 'path.id', message: 'no such call task' }] });
      if (task.status === 'done') return { id, outcome: input.outcome, applied: false };
      if (task.status !== 'claimed' || task.claimed_by !== input.agentId) {
        throw new BadRequestException({ statusCode: 400, errors: [{ path: 'body.agentId', message: 'the task must be claimed by this agent first' }] });
      }
      await tx.query(
        `update call_tasks set status = 'done', outcome = $2, outcome_at = now(), promise_by = $3, promise_amount_cents = $4 where id = $1`,
        [id, input.outcome, input.promiseBy ?? null, input.promiseAmountCents ?? null],
      );
      await tx.query(`update contact_attempts set call_outcome = $2, delivery_status = 'called', updated_at = now() where attempt_key = $1`, [task.attempt_key, input.outcome]);
      if (input.outcome === 'wrong_number') {
        const [point] = await tx.query(`select address from contact_points where tenant_id = $1 and account_id = $2 and channel = 'call'`, [task.tenant_id, task.account_id]);
        if (point) {
          await this.points.markStatus(task.tenant_id, task.account_id, 'call', point.address, 'invalid_number', tx);
          await this.points.markStatus(task.tenant_id, task.account_id, 'sms', point.address, 'invalid_number', tx);
        }
      }
      await enqueueFact(tx, {
        eventId: `outreach:call:${id}`,
        type: 'outreach.call_outcome',
        tenantId: task.tenant_id,
        clinicId: task.clinic_id,
        accountId: task.account_id,
        workflowId: task.workflow_id,
        attemptId: task.attempt_key,
        outcome: input.outcome,
        ...(input.promiseBy ? { promiseBy: input.promiseBy } : {}),
        ...(input.promiseAmountCents ? { promiseAmountCents: input.promiseAmountCents } : {}),
      });
      return { id, outcome: input.outcome, applied: true };
    });
  }
}
