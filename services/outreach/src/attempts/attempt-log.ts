import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AttemptOutcome, OutreachRequestBase } from '@courtesy/workflows';
import type { SqlRunner } from '@courtesy/kafka';
import type { Channel, ContactAttemptRecord, Decision } from '../compliance';
import type { AttemptStatus } from './contact-attempt.entity';
import { enqueueFact } from '../facts/outreach-facts';

export interface AttemptRow {
  id: string;
  attempt_key: string;
  tenant_id: string;
  clinic_id: string;
  account_id: string;
  workflow_id: string | null;
  channel: Channel;
  step_key: string | null;
  template_key: string;
  template_version: number | null;
  status: AttemptStatus;
  decision: Decision | Record<string, never>;
  rule: string | null;
  explanation: string | null;
  destination: string | null;
  provider_message_id: string | null;
  outcome: AttemptOutcome | null;
  unsubscribe_token: string | null;
  delivery_status: string | null;
  language: string | null;
  clinic: Record<string, string | number> | null;
  created_at: Date;
  sent_at: Date | null;
}

/** How long one activity execution owns an attempt; a crashed worker's claim lapses after this. */
const LEASE_SECONDS = 20;

/**
 * The contact-attempt log. Every attempt is written (under its unique key) before anything is sent, and its
 * final outcome is stored on it, so a retried activity returns the first outcome instead of sending again.
 */
@Injectable()
export class AttemptLog {
  constructor(private readonly db: DataSource) {}

  /** Writes the attempt if it is new and takes the lease; `claimed: false` means another execution holds it. */
  async begin(req: OutreachRequestBase, channel: Channel): Promise<{ row: AttemptRow; claimed: boolean }> {
    await this.db.query(
      `insert into contact_attempts
         (attempt_key, tenant_id, clinic_id, account_id, workflow_id, channel, step_key, template_key, language,
          policy_version, status, decision, unsubscribe_token, clinic)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', '{}', $11, $12)
       on conflict (attempt_key) do nothing`,
      [
        req.attemptKey,
        req.tenantId,
        req.clinicId,
        req.accountId,
        req.workflowId,
        channel,
        req.stepKey,
        req.templateKey,
        req.language,
        String(req.policyVersion),
        // Made once with the row, so a resent email carries the same unsubscribe link.
        randomBytes(18).toString('base64url'),
        // The clinic as the message showed it, so a HELP reply later names the same clinic and line.
        JSON.stringify(Object.fromEntries(Object.entries(req.figures ?? {}).filter(([k]) => k.startsWith('clinic')))),
      ],
    );
    const [claimed]: AttemptRow[][] = await this.db.query(
      `update contact_attempts set lease_until = now() + make_interval(secs => $2), updated_at = now()
        where attempt_key = $1 and outcome is null and (lease_until is null or lease_until < now())
        returning *`,
      [req.attemptKey, LEASE_SECONDS],
    );
    if (claimed?.length) return { row: claimed[0], claimed: true };
    return { row: await this.get(req.attemptKey), claimed: false };
  }

  async get(attemptKey: string): Promise<AttemptRow> {
    const [row] = await this.db.query('select * from contact_attempts where attempt_key = $1', [attemptKey]);
    return row;
  }

  /** Committed before the provider is called: from here on a crash leaves the attempt "in doubt". */
  async markSending(
    row: AttemptRow,
    fields: { decision: Decision; destination: string; templateKey: string; templateVersion: number; purpose: string },
    tx: SqlRunner = this.db,
  ): Promise<void> {
    await tx.query(
      `update contact_attempts set status = 'sending', decision = $2, rule = 'allowed', explanation = $3, destination = $4,
         template_key = $5, template_version = $6, purpose = $7, updated_at = now() where id = $1`,
      [row.id, JSON.stringify(fields.decision), fields.decision.explanation, fields.destination, fields.templateKey, fields.templateVersion, fields.purpose],
    );
  }

  /** The sent fact (for accounts' scorecard) is written in the same transaction, once: a repeat changes nothing. */
  async markSent(row: AttemptRow, providerMessageId: string, costCents: number | null, outcome: AttemptOutcome): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [updated]: [Array<{ sent_at: Date; first: boolean }>] = await tx.query(
        `update contact_attempts set status = 'sent', provider_message_id = $2, cost_cents = $3, outcome = $4, sent_at = coalesce(sent_at, now()),
           lease_until = null, updated_at = now() where id = $1
         returning sent_at, (select c.status <> 'sent' from contact_attempts c where c.id = $1) as first`,
        [row.id, providerMessageId, costCents, JSON.stringify(outcome)],
      );
      const sent = updated[0];
      if (!sent?.first) return;
      await enqueueFact(tx, {
        eventId: `outreach:sent:${row.attempt_key}`,
        type: 'outreach.attempt_sent',
        tenantId: row.tenant_id,
        clinicId: row.clinic_id,
        accountId: row.account_id,
        ...(row.workflow_id ? { workflowId: row.workflow_id } : {}),
        attemptId: row.attempt_key,
        channel: row.channel,
        sentAt: new Date(sent.sent_at).toISOString(),
      });
    });
  }

  /** Deferred stays open (the workflow asks again later under the same key); blocked and failed are final. */
  async markDecided(
    row: AttemptRow,
    status: 'deferred' | 'blocked' | 'failed',
    fields: { decision: Decision | Record<string, unknown>; rule: string; explanation: string; outcome: AttemptOutcome; destination?: string | null; purpose?: string },
    tx: SqlRunner = this.db,
  ): Promise<void> {
    await tx.query(
      `update contact_attempts set status = $2, decision = $3, rule = $4, explanation = $5, outcome = $6,
         destination = coalesce($7, destination), purpose = coalesce($8, purpose), lease_until = null, updated_at = now() where id = $1`,
      [row.id, status, JSON.stringify(fields.decision), fields.rule, fields.explanation, status === 'deferred' ? null : JSON.stringify(fields.outcome), fields.destination ?? null, fields.purpose ?? null],
    );
  }

  /** Gives the attempt back without an outcome (a transient failure the next retry repeats). */
  async release(row: AttemptRow, status: 'pending' | 'sending'): Promise<void> {
    await this.db.query(`update contact_attempts set status = $2, lease_until = null, updated_at = now() where id = $1`, [row.id, status]);
  }

  /**
   * What the guard needs to count: sends in the last 8 days (7 plus a margin for clock skew), including other
   * attempts being handed over right now (counted from when they started, erring on the patient's side), and
   * calls actually made (a queued call task is not an attempt until staff dial).
   */
  async recentForGuard(tenantId: string, accountId: string, exceptAttemptKey: string, tx: SqlRunner = this.db): Promise<ContactAttemptRecord[]> {
    const rows: Array<{ channel: Channel; at: Date; call_outcome: string | null }> = await tx.query(
      `select channel, coalesce(sent_at, updated_at) as at, null as call_outcome from contact_attempts
        where tenant_id = $1 and account_id = $2 and status in ('sent', 'sending') and channel <> 'call'
          and coalesce(sent_at, updated_at) > now() - interval '8 days' and attempt_key <> $3
       union all
       select 'call', outcome_at, outcome from call_tasks
        where tenant_id = $1 and account_id = $2 and outcome is not null and outcome_at > now() - interval '8 days'`,
      [tenantId, accountId, exceptAttemptKey],
    );
    return rows.map((r) => ({
      channel: r.channel,
      at: new Date(r.at).toISOString(),
      direction: 'outbound',
      ...(r.call_outcome ? { callOutcome: r.call_outcome as ContactAttemptRecord['callOutcome'] } : {}),
    }));
  }

  /** The account's log for staff, newest first; destinations are left out (staff see them in the contact record). */
  async forAccount(tenantId: string, accountId: string, limit = 200): Promise<Record<string, unknown>[]> {
    return this.db.query(
      `select attempt_key as "attemptKey", workflow_id as "workflowId", step_key as "stepKey", channel, purpose,
              template_key as "templateKey", template_version as "templateVersion", language, policy_version as "policyVersion",
              status, rule, explanation, decision, provider_message_id as "providerMessageId", delivery_status as "deliveryStatus",
              delivery_error as "deliveryError", cost_cents as "costCents", created_at as "createdAt", sent_at as "sentAt"
         from contact_attempts where tenant_id = $1 and account_id = $2 order by created_at desc, id desc limit $3`,
      [tenantId, accountId, limit],
    );
  }
}
