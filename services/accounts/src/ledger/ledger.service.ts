import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { KafkaHeaders, Topics, validateStoredEvent, type EhrEvent } from '@courtesy/contracts';
import { PoisonMessageError, claimInbox, enqueueOutbox, type ConsumedMessage, type PoisonedMessage } from '@courtesy/kafka';
import { ledgerChangedSignal, type BalanceStart, type LedgerChanged } from '@courtesy/workflows';
import { createLogger } from '@courtesy/logging';
import { Clinic } from '../clinics/clinic.entity';
import type { AccountsConfig } from '../config';
import { CONFIG } from '../tokens';
import { BalanceSignaller } from '../workflow/balance-signaller';
import { workflowFactsFor } from '../workflow/ehr-facts';
import { enqueueSignals } from '../workflow/signal-outbox';
import { WorkflowSignalRelay } from '../workflow/signal-relay';
import { ClinicPolicy } from '../policies/clinic-policy.entity';
import type { Account } from './account.entity';
import { appendLedgerLines, lockAccount, openAccount, saveAccountState, type AccountKey, type LedgerLine } from './account-rows';
import { Guarantor } from './guarantor.entity';

const log = createLogger('accounts.ledger');

interface IngestedEnvelope {
  schemaVersion: number;
  tenantId: string;
  receivedAt: string;
  event: unknown;
}


/** Events that may open an account; anything else about an unknown account is a mistake upstream. */
const OPENS_ACCOUNT = new Set(['guarantor.upserted', 'visit.charged']);

/** What `write` returns for an event whose inbox row already exists. */
const DUPLICATE = Symbol('duplicate');

/** The account an event is about, locked (or absent, for an event that opens it), and its clinic. */
interface Target {
  key: AccountKey;
  clinic: Clinic;
  account: Account | undefined;
}

/**
 * Clinic rows and current policies read once per transaction: a run of a hundred events for one clinic would
 * otherwise read the same two rows a hundred times.
 */
class LedgerRun {
  private readonly clinics = new Map<string, Promise<Clinic | null>>();
  private readonly policies = new Map<string, Promise<ClinicPolicy | null>>();

  clinic(em: EntityManager, tenantId: string, clinicId: string): Promise<Clinic | null> {
    return this.memo(this.clinics, tenantId, clinicId, () => em.findOneBy(Clinic, { tenantId, clinicId }));
  }

  policy(em: EntityManager, tenantId: string, clinicId: string): Promise<ClinicPolicy | null> {
    return this.memo(this.policies, tenantId, clinicId, () =>
      em.getRepository(ClinicPolicy).findOne({ where: { tenantId, clinicId }, order: { version: 'DESC' } }),
    );
  }

  private memo<T>(cache: Map<string, Promise<T>>, tenantId: string, clinicId: string, load: () => Promise<T>): Promise<T> {
    const key = `${tenantId}\u0000${clinicId}`;
    let hit = cache.get(key);
    if (!hit) cache.set(key, (hit = load()));
    return hit;
  }
}

@Injectable()
export class LedgerService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly signaller: BalanceSignaller,
    private readonly relay: WorkflowSignalRelay,
    @Inject(CONFIG) private readonly config: AccountsConfig,
  ) {}

  /**
   * Applies one `ehr.events.v1` message in one transaction together with its inbox row and the workflow signals
   * it causes (`workflow_signals`); the relay sends those after commit, so the ledger never waits on Temporal.
   * `awaitSignals` is for callers that go on to ask the workflow something that depends on this change: it
   * resolves only once this workflow's signals are sent (and throws, for the caller's retry, if they cannot be).
   */
  async handle(message: ConsumedMessage, options: { awaitSignals?: boolean } = {}): Promise<void> {
    const envelope = this.parse(message);
    const signalled = await this.db.transaction(async (em) => {
      const run = new LedgerRun();
      const target = await this.prepare(em, run, envelope);
      const workflowId = await this.write(em, run, envelope, target, message.topic);
      // Applied before: a caller that waits for the signals (its earlier try failed after commit) still must.
      return workflowId === DUPLICATE ? (options.awaitSignals ? target.account?.workflowId ?? undefined : undefined) : workflowId;
    });
    if (!signalled) return;
    if (options.awaitSignals) await this.relay.flush(signalled);
    else this.relay.kick();
  }

  /**
   * Applies a run of messages from one partition in ONE transaction: one commit (one disk flush) for the run
   * instead of one per event. Every reason to refuse an event is found before it writes anything (`prepare`), so
   * a poison message is simply skipped and returned for the dead-letter queue, with no savepoint round trips. Any
   * other failure aborts the run, which is then redelivered; the inbox makes that safe.
   */
  async handleBatch(messages: ConsumedMessage[]): Promise<PoisonedMessage[]> {
    const poisoned: PoisonedMessage[] = [];
    let signalled = false;
    await this.db.transaction(async (em) => {
      const run = new LedgerRun();
      for (const message of messages) {
        let envelope: IngestedEnvelope;
        let target: Target;
        try {
          envelope = this.parse(message);
          target = await this.prepare(em, run, envelope);
        } catch (err) {
          if (!(err instanceof PoisonMessageError)) throw err;
          poisoned.push({ message, error: err });
          continue;
        }
        const workflowId = await this.write(em, run, envelope, target, message.topic);
        if (workflowId && workflowId !== DUPLICATE) signalled = true;
      }
    });
    if (signalled) this.relay.kick();
    return poisoned;
  }

  /** Reads and locks what the event touches and refuses it (PoisonMessageError) if it cannot apply; writes nothing. */
  private async prepare(em: EntityManager, run: LedgerRun, envelope: IngestedEnvelope): Promise<Target> {
    const event = envelope.event as EhrEvent;
    const key = { tenantId: envelope.tenantId, clinicId: event.clinicId, accountRef: (event.data as { accountRef: string }).accountRef };
    const clinic = await run.clinic(em, key.tenantId, key.clinicId);
    if (!clinic) throw new PoisonMessageError(`unknown clinic ${key.tenantId}/${key.clinicId}`);
    const account = await lockAccount(em, key);
    if (!account && !OPENS_ACCOUNT.has(event.type)) {
      throw new PoisonMessageError(`unknown account ${key.clinicId}/${key.accountRef} for ${event.type}`);
    }
    return { key, clinic, account };
  }

  /**
   * The event's whole effect inside the caller's transaction, starting with its inbox row. Returns the workflow to
   * signal, if any, or DUPLICATE when the event was applied before.
   */
  private async write(
    em: EntityManager,
    run: LedgerRun,
    envelope: IngestedEnvelope,
    target: Target,
    topic: string,
  ): Promise<string | typeof DUPLICATE | undefined> {
    const event = envelope.event as EhrEvent;
    if (!(await claimInbox(em, `${envelope.tenantId}:${event.id}`, topic))) return DUPLICATE;
    const opened = !target.account;
    const account = target.account ?? (await openAccount(em, target.key));
    const before = account.balanceCents;
    await this.applyFacts(em, account, event);
    const lines = this.ledgerLines(event);
    if (lines.length) account.balanceCents = await appendLedgerLines(em, account.id, event.id, new Date(event.occurredAt), lines);
    if (account.balanceCents > 0 && !account.firstPositiveAt) account.firstPositiveAt = new Date(event.occurredAt);
    await em.query('insert into audit_log (tenant_id, actor, action, subject, details) values ($1, $2, $3, $4, $5::jsonb)', [
      envelope.tenantId,
      'integration',
      event.type,
      `account:${account.id}`,
      JSON.stringify({ eventId: event.id, balanceBefore: before, balanceAfter: account.balanceCents }),
    ]);
    if (account.balanceCents !== before) {
      await enqueueOutbox(em, [
        {
          topic: Topics.collectionsEvents,
          key: `${envelope.tenantId}/${account.clinicId}/${account.accountRef}`,
          headers: { [KafkaHeaders.tenantId]: envelope.tenantId, [KafkaHeaders.eventType]: 'account.balance_changed' },
          payload: {
            type: 'account.balance_changed',
            tenantId: envelope.tenantId,
            clinicId: account.clinicId,
            accountRef: account.accountRef,
            balanceCents: account.balanceCents,
            causeEventId: event.id,
          },
        },
      ]);
    }
    // A balance that has never been positive needs no workflow; once one runs it hears every change. The
    // signals are stored with the change and sent after commit (WorkflowSignalRelay), in this order.
    let signalled: string | undefined;
    if (account.balanceCents > 0 || account.workflowId) {
      // An account opened by this very event has no guarantor unless the event is the guarantor record.
      const guarantor = opened && event.type !== 'guarantor.upserted' ? null : await em.findOneBy(Guarantor, { accountId: account.id });
      const policy = await run.policy(em, account.tenantId, account.clinicId);
      const start = this.balanceStart(target.clinic, account, guarantor, policy);
      account.workflowId = this.signaller.workflowIdFor(account.tenantId, account.clinicId, account.id);
      const change: LedgerChanged = { eventId: event.id, balanceCents: account.balanceCents, reason: event.type };
      // Facts beyond the money (disputes, rebills, returned mail, contact changes) pause or re-plan outreach.
      await enqueueSignals(em, [
        { workflowId: account.workflowId, signal: ledgerChangedSignal, payload: change, start },
        ...workflowFactsFor(event).map((f) => ({ workflowId: account.workflowId!, signal: f.signal, payload: f.payload })),
      ]);
      signalled = account.workflowId;
    }
    await saveAccountState(em, account);
    log.info({ eventId: event.id, type: event.type, accountId: account.id, balanceCents: account.balanceCents }, 'event applied');
    return signalled;
  }

  private parse(message: ConsumedMessage): IngestedEnvelope {
    let envelope: IngestedEnvelope;
    try {
      envelope = JSON.parse(message.value.toString('utf8'));
    } catch {
      throw new PoisonMessageError('message is not JSON');
    }
    if (!envelope || typeof envelope.tenantId !== 'string') throw new PoisonMessageError('message has no tenantId');
    const check = validateStoredEvent(envelope.event);
    if (!check.ok) {
      throw new PoisonMessageError(`schema mismatch: ${check.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    }
    return { ...envelope, event: check.event };
  }

  /** Non-money facts: who to contact and how, and what holds outreach (disputes, rebills, returned mail). */
  private async applyFacts(em: EntityManager, account: Account, event: EhrEvent): Promise<void> {
    switch (event.type) {
      case 'guarantor.upserted': {
        const d = event.data;
        // The integrator sends the whole record each time; absent optional fields are cleared.
        await em.save(
          em.create(Guarantor, {
            accountId: account.id,
            firstName: d.name.first,
            lastName: d.name.last,
            email: d.email ?? null,
            phone: d.phone ?? null,
            timeZone: d.timeZone,
            language: d.language,
            dateOfBirth: d.dateOfBirth,
            postalAddress: { ...d.address },
            smsConsent: d.consent.sms,
            emailConsent: d.consent.email,
          }),
        );
        return;
      }
      case 'contact.updated': {
        const d = event.data as Record<string, any>;
        const g = (await em.findOneBy(Guarantor, { accountId: account.id })) ?? em.create(Guarantor, { accountId: account.id });
        if (d.phone !== undefined) g.phone = d.phone;
        if (d.email !== undefined) g.email = d.email;
        if (d.address !== undefined) g.postalAddress = { ...d.address };
        if (d.timeZone !== undefined) g.timeZone = d.timeZone;
        if (d.language !== undefined) g.language = d.language;
        if (d.consent?.sms) g.smsConsent = d.consent.sms;
        if (d.consent?.email) g.emailConsent = d.consent.email;
        await em.save(g);
        account.holds = { ...account.holds, mailReturned: d.address !== undefined ? false : account.holds.mailReturned };
        return;
      }
      case 'mail.returned':
        account.holds = { ...account.holds, mailReturned: true };
        return;
      case 'insurance.rebilled':
        account.holds = { ...account.holds, insuranceHold: true };
        return;
      case 'dispute.opened':
        account.holds = { ...account.holds, openDisputes: [...new Set([...(account.holds.openDisputes ?? []), event.data.disputeRef])] };
        return;
      case 'dispute.resolved':
        account.holds = { ...account.holds, openDisputes: (account.holds.openDisputes ?? []).filter((r) => r !== event.data.disputeRef) };
        return;
      case 'remittance.posted':
        // A remittance answers a rebill: the balance is the patient's again.
        account.holds = { ...account.holds, insuranceHold: false };
        return;
      default:
        return;
    }
  }

  /** The ledger lines an event adds, signed so that their sum is what the patient owes. */
  private ledgerLines(event: EhrEvent): LedgerLine[] {
    switch (event.type) {
      case 'visit.charged':
        return event.data.lines.map((l) => ({ kind: 'charge' as const, amountCents: l.chargeCents, visitRef: event.data.visitRef }));
      case 'remittance.posted': {
        const visitRef = event.data.visitRef;
        return [
          { kind: 'insurance_paid' as const, amountCents: -event.data.insurancePaidCents, visitRef },
          { kind: 'contractual_adjustment' as const, amountCents: -event.data.contractualAdjustmentCents, visitRef },
        ].filter((l) => l.amountCents !== 0);
      }
      case 'payment.posted':
        return [{ kind: 'patient_payment', amountCents: -event.data.amountCents, visitRef: event.data.visitRef ?? null }];
      case 'adjustment.posted':
        // amountCents is how much the balance goes down; a negative correction raises it.
        return [{ kind: 'adjustment', amountCents: -event.data.amountCents, visitRef: event.data.visitRef ?? null }];
      default:
        return [];
    }
  }

  private balanceStart(clinic: Clinic, account: Account, g: Guarantor | null, policy: ClinicPolicy | null): BalanceStart {
    return {
      tenantId: account.tenantId,
      clinicId: account.clinicId,
      accountId: account.id,
      clinicName: clinic.name,
      balanceCents: account.balanceCents,
      startedAt: (account.firstPositiveAt ?? new Date()).toISOString(),
      dayLengthMs: clinic.dayLengthMs,
      // The clinic's current policy version is snapshotted at start; none stored means the default policy.
      ...(policy ? { policy: policy.policy } : {}),
      taskQueues: {
        outreach: this.config.TEMPORAL_OUTREACH_TASK_QUEUE,
        payments: this.config.TEMPORAL_PAYMENTS_TASK_QUEUE,
        placement: this.config.TEMPORAL_PLACEMENT_TASK_QUEUE,
      },
      contact: {
        firstName: g?.firstName ?? undefined,
        email: g?.email ?? undefined,
        phone: g?.phone ?? undefined,
        timeZone: g?.timeZone ?? clinic.timeZone,
        language: g?.language === 'es' ? 'es' : 'en',
        smsConsent: g?.smsConsent?.granted ?? false,
        emailConsent: g?.emailConsent?.granted ?? false,
      },
    };
  }
}
