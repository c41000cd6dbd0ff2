import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openCallingZones } from './open-zones';

export interface ScopedPage {
  clinics: string;
  offset: number;
  limit: number;
}

const clinicFilter = (clinics: string, params: unknown[]) => (clinics === '*' ? '' : `and clinic_id = any($${params.push(clinics.split(','))})`);

/** Outreach's side of the staff queues: calls that may be made now, promises due soon, who was contacted. */
@Injectable()
export class StaffQueuesService {
  constructor(private readonly db: DataSource) {}

  /**
   * Open call tasks that are due and whose patient's calling window is open now, most urgent first (priority
   * folds in segment, purpose and balance). A task claimed by someone else shows as claimed until the claim lapses.
   */
  async callsDue(tenantId: string, q: ScopedPage, now = new Date()) {
    // The distinct zones of the open, due tasks are few (US zones, a handful abroad): decide each once here.
    const zoneParams: unknown[] = [tenantId, now];
    const zoneRows: { zone: string | null }[] = await this.db.query(
      `select distinct coalesce(patient_time_zone, clinic_time_zone) as zone from call_tasks
        where tenant_id = $1 ${clinicFilter(q.clinics, zoneParams)} and status <> 'done' and due_at <= $2`,
      zoneParams,
    );
    const { open, fallbackOpen } = openCallingZones(zoneRows.map((r) => r.zone), now.getTime());
    const params: unknown[] = [tenantId, now, open, fallbackOpen];
    const rows = await this.db.query(
      `select id, clinic_id, account_id, workflow_id, purpose, segment, priority, due_at, language, script_key, status, claimed_by, claimed_at,
              coalesce(patient_time_zone, clinic_time_zone) as time_zone
         from call_tasks
        where tenant_id = $1 ${clinicFilter(q.clinics, params)} and status <> 'done' and due_at <= $2
          and (coalesce(patient_time_zone, clinic_time_zone) = any($3) or (coalesce(patient_time_zone, clinic_time_zone) is null and $4))
        order by priority desc, due_at, id limit ${q.limit + 1} offset ${q.offset}`,
      params,
    );
    const items = rows.slice(0, q.limit).map((r: Record<string, unknown>) => ({
      taskId: String(r.id),
      clinicId: r.clinic_id,
      accountId: r.account_id,
      workflowId: r.workflow_id,
      purpose: r.purpose,
      segment: r.segment,
      priority: r.priority,
      dueAt: new Date(r.due_at as string).toISOString(),
      language: r.language,
      scriptKey: r.script_key,
      status: r.status,
      claimedBy: r.claimed_by,
      timeZone: r.time_zone ?? null,
    }));
    return { items, hasMore: rows.length > q.limit };
  }

  /** Promises to pay taken on calls, falling due from yesterday to a week ahead (a day late is still worth a look). */
  async promisesDue(tenantId: string, q: ScopedPage, now = new Date()) {
    const params: unknown[] = [tenantId, now];
    const rows = await this.db.query(
      `select id, clinic_id, account_id, workflow_id, promise_by, promise_amount_cents, claimed_by, outcome_at
         from call_tasks
        where tenant_id = $1 and outcome = 'promise_to_pay' ${clinicFilter(q.clinics, params)}
          and promise_by >= $2::timestamptz - interval '1 day' and promise_by < $2::timestamptz + interval '7 days'
        order by promise_by, id limit ${q.limit + 1} offset ${q.offset}`,
      params,
    );
    const items = rows.slice(0, q.limit).map((r: Record<string, unknown>) => ({
      kind: 'promise' as const,
      taskId: String(r.id),
      clinicId: r.clinic_id,
      accountId: r.account_id,
      workflowId: r.workflow_id,
      dueAt: new Date(r.promise_by as string).toISOString(),
      amountCents: Number(r.promise_amount_cents ?? 0),
      takenBy: r.claimed_by,
    }));
    return { items, hasMore: rows.length > q.limit };
  }

  /**
   * Which of these accounts have been reached by us at all: a message handed to a provider, or a call that got
   * through to someone (a voicemail counts: the patient was told). Indexed by account.
   */
  async contacted(tenantId: string, accountIds: string[]): Promise<string[]> {
    if (accountIds.length === 0) return [];
    const rows: { account_id: string }[] = await this.db.query(
      `select distinct account_id from contact_attempts
        where tenant_id = $1 and account_id = any($2) and channel <> 'call' and status = 'sent'
       union
       select distinct account_id from call_tasks
        where tenant_id = $1 and account_id = any($2) and status = 'done' and outcome not in ('no_answer', 'wrong_number')`,
      [tenantId, accountIds],
    );
    return rows.map((r) => r.account_id);
  }
}
