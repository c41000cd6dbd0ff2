import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createLogger } from '@courtesy/logging';
import type { OutreachConfig } from '../config';
import { CONFIG } from '../tokens';
import { ContactPointsService } from '../contact-points/contact-points.service';
import { enqueueFact } from '../facts/outreach-facts';
import { render, TEMPLATE_CATALOG, type Language, type SmsTemplate } from '../templates';
import { callPriority } from '../call-tasks/call-priority';
import { clinicBranding } from '../clinic-branding';
import { toE164 } from '../sms/sms-transport';
import type { OutreachRequestBase } from '@courtesy/workflows';
import { classifyInbound } from './keywords';

const log = createLogger('outreach.inbound');
const ALL_CHANNELS = ['sms', 'email', 'letter', 'call'] as const;

/** Twilio error codes on a status callback that mean the number cannot take texts. */
const BAD_NUMBER_ERRORS = new Set(['30003', '30005', '30006', '21211', '21614', '21612']);
const CARRIER_BLOCKED = new Set(['30007', '30034']);
const TERMINAL = new Set(['delivered', 'undelivered', 'failed']);

/** What staff do on an address-check call (a note for the caller, not a message to the patient). */
const ADDRESS_CHECK_NOTE: Record<Language, string> = {
  en: '1. Confirm you are speaking with the patient (full name and date of birth) before anything else.\n2. A letter we sent came back. Ask for their current mailing address and record it in the practice system.\n3. Offer to send the statement by email or text instead, if they prefer.',
  es: '1. Confirme que habla con el paciente (nombre completo y fecha de nacimiento) antes de todo.\n2. Una carta que enviamos fue devuelta. Pida su dirección postal actual y regístrela en el sistema de la clínica.\n3. Ofrezca enviar el estado de cuenta por correo electrónico o mensaje de texto, si lo prefiere.',
};

interface LastText {
  tenant_id: string;
  clinic_id: string;
  account_id: string;
  workflow_id: string;
  language: string | null;
  clinic: Record<string, string | number> | null;
}

/**
 * Inbound texts and delivery reports (forwarded by the gateway after it checked Twilio's signature) and
 * unsubscribe clicks. Each updates outreach's contact state and publishes the fact in one transaction.
 */
@Injectable()
export class InboundService {
  constructor(
    private readonly db: DataSource,
    private readonly points: ContactPointsService,
    @Inject(CONFIG) private readonly config: OutreachConfig,
  ) {}

  /** Returns the text to answer with, if any (the gateway turns it into TwiML). */
  async inboundText(input: { from: string; body: string; messageSid: string }): Promise<{ reply: string | null; intent: string }> {
    const phone = toE164(input.from) ?? input.from;
    const intent = classifyInbound(input.body);
    return this.db.transaction(async (tx) => {
      const last: LastText | undefined = (
        await tx.query(
          `select tenant_id, clinic_id, account_id, workflow_id, language, clinic from contact_attempts
            where channel = 'sms' and destination = $1 and status = 'sent' order by sent_at desc limit 1`,
          [phone],
        )
      )[0];
      switch (intent.kind) {
        case 'opt_out': {
          const accounts = await this.points.optOutPhone(phone, 'sms_keyword_stop', tx);
          for (const a of await this.withClinics(tx, accounts)) {
            await enqueueFact(tx, { eventId: `outreach:stop:${input.messageSid}:${a.account_id}`, type: 'outreach.opted_out', tenantId: a.tenant_id, clinicId: a.clinic_id, accountId: a.account_id, workflowId: a.workflow_id, channels: [...ALL_CHANNELS] });
          }
          log.info({ accounts: accounts.length, messageSid: input.messageSid }, 'opt-out by keyword');
          // Twilio's Advanced Opt-Out answers STOP itself; a second message would go to a number that just said stop.
          return { reply: null, intent: 'opt_out' };
        }
        case 'opt_in': {
          const accounts = await this.points.optInPhone(phone, 'sms_keyword_start', tx);
          log.info({ accounts: accounts.length, messageSid: input.messageSid }, 'opt-in by keyword');
          return { reply: null, intent: 'opt_in' };
        }
        case 'help':
          return { reply: this.helpText(last), intent: 'help' };
        case 'reply': {
          if (last) {
            await enqueueFact(tx, { eventId: `outreach:reply:${input.messageSid}`, type: 'outreach.patient_replied', tenantId: last.tenant_id, clinicId: last.clinic_id, accountId: last.account_id, workflowId: last.workflow_id, channel: 'sms', intent: intent.intent });
          }
          return { reply: null, intent: intent.intent };
        }
      }
    });
  }

  private helpText(last: LastText | undefined): string {
    const language: Language = last?.language === 'es' ? 'es' : 'en';
    const template = TEMPLATE_CATALOG.filter((t): t is SmsTemplate => t.channel === 'sms' && t.purpose === 'help_reply' && t.language === language).sort((a, b) => b.version - a.version)[0];
    const clinic = clinicBranding({ figures: last?.clinic ?? {} } as unknown as OutreachRequestBase, this.config);
    const message = render(template, { clinic });
    return message.channel === 'sms' ? message.text : '';
  }

  private async withClinics(tx: { query: DataSource['query'] }, accounts: { tenant_id: string; account_id: string }[]) {
    const out: { tenant_id: string; account_id: string; clinic_id: string; workflow_id: string }[] = [];
    for (const a of accounts) {
      const [row] = await tx.query(
        `select clinic_id, workflow_id from contact_attempts where tenant_id = $1 and account_id = $2 and workflow_id is not null order by created_at desc limit 1`,
        [a.tenant_id, a.account_id],
      );
      if (row) out.push({ ...a, clinic_id: row.clinic_id, workflow_id: row.workflow_id });
    }
    return out;
  }

  /** A Twilio status callback. Repeats and out-of-order reports change nothing once a final status is stored. */
  async deliveryStatus(input: { messageSid: string; status: string; errorCode?: string }): Promise<{ applied: boolean }> {
    return this.db.transaction(async (tx) => {
      const [rows] = await tx.query(
        `update contact_attempts set delivery_status = $2, delivery_error = $3, updated_at = now()
          where provider_message_id = $1 and (delivery_status is null or delivery_status not in ('delivered', 'undelivered', 'failed'))
            and delivery_status is distinct from $2
          returning attempt_key, tenant_id, clinic_id, account_id, workflow_id, channel, destination`,
        [input.messageSid, input.status, input.errorCode ?? null],
      );
      const row = rows[0];
      if (!row || !TERMINAL.has(input.status)) return { applied: Boolean(row) };
      const base = { tenantId: row.tenant_id, clinicId: row.clinic_id, accountId: row.account_id, workflowId: row.workflow_id ?? undefined, attemptId: row.attempt_key, channel: row.channel };
      if (input.status === 'delivered') {
        await enqueueFact(tx, { ...base, eventId: `outreach:delivered:${input.messageSid}`, type: 'outreach.message_delivered' });
        return { applied: true };
      }
      const code = input.errorCode ?? '';
      const reason = BAD_NUMBER_ERRORS.has(code) ? 'bad_number' : CARRIER_BLOCKED.has(code) ? 'carrier_blocked' : 'temporary';
      if (reason === 'bad_number' && row.destination) {
        await this.points.markStatus(row.tenant_id, row.account_id, 'sms', row.destination, 'invalid_number', tx);
        await this.points.markStatus(row.tenant_id, row.account_id, 'call', row.destination, 'invalid_number', tx);
      }
      await enqueueFact(tx, { ...base, eventId: `outreach:failed:${input.messageSid}`, type: 'outreach.message_failed', reason });
      return { applied: true };
    });
  }

  /** The unsubscribe link (or the mail client's one-click POST): an opt-out on every channel. */
  async unsubscribe(token: string): Promise<{ ok: boolean }> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query(
        `select tenant_id, clinic_id, account_id, workflow_id, destination from contact_attempts where unsubscribe_token = $1 and channel = 'email'`,
        [token],
      );
      if (!row) return { ok: false };
      await this.points.optOutAccount(row.tenant_id, row.account_id, 'email', row.destination ?? '', 'email_unsubscribe_link', tx);
      await enqueueFact(tx, { eventId: `outreach:unsubscribe:${token}`, type: 'outreach.opted_out', tenantId: row.tenant_id, clinicId: row.clinic_id, accountId: row.account_id, workflowId: row.workflow_id ?? undefined, channels: [...ALL_CHANNELS] });
      return { ok: true };
    });
  }

  /**
   * A mailed statement came back: the address is marked undeliverable (no more letters until a new one is
   * used) and staff get an address-check call task. Idempotent per returned piece.
   */
  async mailReturned(input: { tenantId: string; accountId: string; attemptKey?: string }): Promise<{ applied: boolean; callTaskId?: string }> {
    return this.db.transaction(async (tx) => {
      const [letter] = await tx.query(
        `select attempt_key, tenant_id, clinic_id, account_id, workflow_id, destination, language, clinic from contact_attempts
          where tenant_id = $1 and account_id = $2 and channel = 'letter' and status = 'sent' and ($3::text is null or attempt_key = $3)
          order by sent_at desc limit 1`,
        [input.tenantId, input.accountId, input.attemptKey ?? null],
      );
      if (!letter) return { applied: false };
      await this.points.markStatus(letter.tenant_id, letter.account_id, 'letter', letter.destination, 'undeliverable', tx);
      const language: Language = letter.language === 'es' ? 'es' : 'en';
      // Nothing about the balance is said on this call until identity and the address are confirmed.
      const script = ADDRESS_CHECK_NOTE[language];
      const [phone] = await tx.query(`select 1 from contact_points where tenant_id = $1 and account_id = $2 and channel = 'call'`, [letter.tenant_id, letter.account_id]);
      const [task] = await tx.query(
        `insert into call_tasks (attempt_key, tenant_id, clinic_id, account_id, workflow_id, purpose, segment, priority, due_at, language, script_key, script_version, script_text)
         values ($1, $2, $3, $4, $5, 'address_check', 'silent_aged', $6, now(), $7, $8, $9, $10)
         on conflict (attempt_key) do nothing returning id`,
        [`${letter.attempt_key}:address-check`, letter.tenant_id, letter.clinic_id, letter.account_id, letter.workflow_id, callPriority('silent_aged', 'address_check', 0), language, 'address_check.call_note', 1, script],
      );
      log.info({ accountId: letter.account_id, callable: Boolean(phone) }, 'returned mail: address marked undeliverable');
      return { applied: true, callTaskId: task?.id };
    });
  }

  /** A bounce report from the relay (by Message-ID): the address is bad and the workflow falls back. */
  async emailBounced(input: { messageId: string; permanent: boolean }): Promise<{ applied: boolean }> {
    return this.db.transaction(async (tx) => {
      const [rows] = await tx.query(
        `update contact_attempts set delivery_status = 'bounced', updated_at = now()
          where provider_message_id = $1 and channel = 'email' and delivery_status is distinct from 'bounced'
          returning attempt_key, tenant_id, clinic_id, account_id, workflow_id, destination`,
        [input.messageId],
      );
      const row = rows[0];
      if (!row) return { applied: false };
      if (input.permanent && row.destination) await this.points.markStatus(row.tenant_id, row.account_id, 'email', row.destination, 'bounced', tx);
      await enqueueFact(tx, {
        eventId: `outreach:bounce:${input.messageId}`,
        type: 'outreach.message_failed',
        tenantId: row.tenant_id,
        clinicId: row.clinic_id,
        accountId: row.account_id,
        workflowId: row.workflow_id ?? undefined,
        attemptId: row.attempt_key,
        channel: 'email',
        reason: input.permanent ? 'bad_email' : 'temporary',
      });
      return { applied: true };
    });
  }
}
