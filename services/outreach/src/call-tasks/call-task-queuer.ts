import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CreateCallTaskRequest, OutreachRequestBase } from '@courtesy/workflows';
import type { OutreachConfig } from '../config';
import { CONFIG } from '../tokens';
import type { ChannelSender, Prepared, SendResult } from '../attempts/attempt-runner';
import type { Decision } from '../compliance';
import { render, type Language } from '../templates';
import { selectTemplate } from '../templates/select';
import { clinicBranding, fallbackFirstName } from '../clinic-branding';
import { PayLinkClient } from '../pay-links/pay-link-client';
import { toE164 } from '../sms/sms-transport';
import { callPriority } from './call-priority';

interface PreparedCall extends Prepared {
  script: string;
}

const PURPOSES = new Set(['cadence', 'missed_installment', 'hard_decline', 'address_check', 'plan_requested']);

/**
 * A call is a task for staff, queued with the approved script for the segment and due when the patient's
 * calling window opens. The guard's frequency rules apply again when staff claim it.
 */
@Injectable()
export class CallTaskQueuer implements ChannelSender<PreparedCall> {
  readonly channel = 'call' as const;
  readonly queuesAhead = true;

  constructor(
    private readonly db: DataSource,
    @Inject(CONFIG) private readonly config: OutreachConfig,
    private readonly payLinks: PayLinkClient,
  ) {}

  destinationOf(req: OutreachRequestBase): string | undefined {
    return toE164(req.contact.phone);
  }

  purposeOf(req: OutreachRequestBase) {
    return this.pick(req).purpose;
  }

  private pick(req: OutreachRequestBase) {
    return selectTemplate({ channel: 'call', templateKey: req.templateKey, stepKey: req.stepKey, tone: req.tone, language: req.language as Language });
  }

  async prepare(req: OutreachRequestBase): Promise<PreparedCall> {
    const { template } = this.pick(req);
    // The script's link is the one staff can read out or text: a real one from payments, as in every message.
    const link = await this.payLinks.linkFor(req);
    const script = render(template, {
      clinic: clinicBranding(req, this.config),
      firstName: req.contact.firstName ?? fallbackFirstName(req.language),
      amountDueCents: req.balanceCents,
      payLink: link.url,
    });
    if (script.channel !== 'call_script') throw new Error(`template ${template.key} is not a call script`);
    return { templateKey: template.key, templateVersion: template.version, script: script.text };
  }

  async send(req: OutreachRequestBase, prepared: PreparedCall, _row: unknown, _to: string, decision: Decision): Promise<SendResult> {
    const purpose = (req as CreateCallTaskRequest).purpose;
    const due = decision.outcome === 'defer' ? decision.until : new Date().toISOString();
    // The unique attempt key makes the insert itself idempotent: a retry finds the task already queued.
    await this.db.query(
      `insert into call_tasks (attempt_key, tenant_id, clinic_id, account_id, workflow_id, purpose, segment, priority, due_at,
         patient_time_zone, clinic_time_zone, language, script_key, script_version, script_text)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) on conflict (attempt_key) do nothing`,
      [
        req.attemptKey,
        req.tenantId,
        req.clinicId,
        req.accountId,
        req.workflowId,
        PURPOSES.has(purpose) ? purpose : 'cadence',
        req.segment,
        callPriority(req.segment, PURPOSES.has(purpose) ? purpose : 'cadence', req.balanceCents),
        due,
        req.contact.timeZone ?? null,
        typeof req.figures?.clinicTimeZone === 'string' ? req.figures.clinicTimeZone : null,
        req.language,
        prepared.templateKey,
        prepared.templateVersion,
        prepared.script,
      ],
    );
    const [task] = await this.db.query('select id from call_tasks where attempt_key = $1', [req.attemptKey]);
    return { providerMessageId: `call-task:${task.id}` };
  }

  async reconcile(req: OutreachRequestBase): Promise<SendResult | undefined> {
    const [task] = await this.db.query('select id from call_tasks where attempt_key = $1', [req.attemptKey]);
    return task ? { providerMessageId: `call-task:${task.id}` } : undefined;
  }
}
