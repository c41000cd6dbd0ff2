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
import { Account } from './account.entity';
import { Guarantor } from './guarantor.entity';
import { LedgerEntry, type LedgerKind } from './ledger-entry.entity';

const log = createLogger('accounts.ledger');

interface IngestedEnvelope {
  schemaVersion: number;
  tenantId: string;
  receivedAt: string;
  event: unknown;
}

/** Ledger lines an event adds; signed so that the sum is what the patient owes. */
type LedgerLine = { kind: LedgerKind; amountCents: number; visitRef: string | null };

/** Events that may open an account; anything else about an unknown account is a mistake upstream. */
const OPENS_ACCOUNT = new Set(['guarantor.upserted', 'visit.charged']);

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
    const signalled = await this.db.transaction((em) =>
      this.apply(em, envelope, message.topic, { lookUpWorkflowOfDuplicate: options.awaitSignals }),
    );
    if (!signalled) return;
    if (options.awaitSignals) await this.relay.flush(signalled);
    else this.relay.kick();
  }

  /**
   * Applies a run of messages from one partition in ONE transaction, each under its own savepoint: one commit (one
   * disk flush) for the run instead of one per event, while a poison message is rolled back alone and returned for
   * the dead-letter queue. Any other failure aborts the run, which is then redelivered; the inbox makes that safe.
   */
  async handleBatch(messages: ConsumedMessage[]): Promise<PoisonedMessage[]> {
    const poisoned: PoisonedMessage[] = [];
    const parsed: Array<{ message: ConsumedMessage; envelope: IngestedEnvelope }> = [];
    for (const message of messages) {
      try {
        parsed.push({ message, envelope: this.parse(message) });
      } catch (err) {
        if (!(err instanceof PoisonMessageError)) throw err;
        poisoned.push({ message, error: err });
      }
    }
    let signalled = false;
    await this.db.transaction(async (em) => {
      for (const { message, envelope } of parsed) {
        await em.query('savepoint ledger_event');
        try {
          if (await this.apply(em, envelope, message.topic)) signalled = true;
          await em.query('release savepoint ledger_event');
        } catch (err) {
          if (!(err instanceof PoisonMessageError)) throw err;
          await em.query('rollback to savepoint ledger_event');
          poisoned.push({ message, error: err });
        }
      }
    });
    if (signalled) this.relay.kick();
    return poisoned;
  }

  /** The event's whole effect inside the caller's transaction; returns the workflow to signal, if any. */
  private async apply(
    em: EntityManager,
    envelope: IngestedEnvelope,
    topic: string,
    options: { lookUpWorkflowOfDuplicate?: boolean } = {},
  ): Promise<string | undefined> {
    const event = envelope.event as EhrEvent;
    const accountRef = (event.data as { accountRef: string }).accountRef;
    const fresh = await claimInbox(em, `${envelope.tenantId}:${event.id}`, topic);
    if (!fresh) {
      // Applied before; a caller that waits for the signals (its earlier try failed after commit) still must.
      if (!options.lookUpWorkflowOfDuplicate) return undefined;
      const seen = await em.findOneBy(Account, { tenantId: envelope.tenantId, clinicId: event.clinicId, accountRef });
      return seen?.workflowId ?? undefined;
    }
    const clinic = await em.findOneBy(Clinic, { tenantId: envelope.tenantId, clinicId: event.clinicId });
    if (!clinic) throw new PoisonMessageError(`unknown clinic ${envelope.tenantId}/${event.clinicId}`);
    let account = await em.findOne(Account, {
      where: { tenantId: envelope.tenantId, clinicId: event.clinicId, accountRef },
      lock: { mode: 'pessimistic_write' },
    });
    if (!account) {
      if (!OPENS_ACCOUNT.has(event.type)) {
        throw new PoisonMessageError(`unknown account ${event.clinicId}/${accountRef} for ${event.type}`);
      }
      account = await em.save(
        em.create(Account, { tenantId: envelope.tenantId, clinicId: event.clinicId, accountRef, balanceCents: 0 }),
      );
    }
    const before = account.balanceCents;
    let signalled: string | undefined;
    await this.applyFacts(em, account, event);
    const lines = this.ledgerLines(event);
    for (const line of lines) {
      await em.insert(LedgerEntry, {
        accountId: account.id,
        eventId: event.id,
        kind: line.kind,
        amountCents: line.amountCents,
        visitRef: line.visitRef,
        occurredAt: new Date(event.occurredAt),
      });
    }
    const { sum } = await em
      .createQueryBuilder(LedgerEntry, 'l')
      .select('coalesce(sum(l.amount_cents), 0)', 'sum')
      .where('l.account_id = :id', { id: account.id })
      .getRawOne();
    account.balanceCents = Number(sum);
    if (account.balanceCents > 0 && !account.firstPositiveAt) account.firstPositiveAt = new Date(event.occurredAt);
    await em.insert('audit_log', {
      tenant_id: envelope.tenantId,
      actor: 'integration',
      action: event.type,
      subject: `account:${account.id}`,
      details: { eventId: event.id, balanceBefore: before, balanceAfter: account.balanceCents },
    });
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
    if (account.balanceCents > 0 || account.workflowId) {
      const start = await this.balanceStart(em, clinic, account);
      account.workflowId = this.signaller.workflowIdFor(account.tenantId, account.clinicId, account.id);
      const change: LedgerChanged = { eventId: event.id, balanceCents: account.balanceCents, reason: event.type };
      // Facts beyond the money (disputes, rebills, returned mail, contact changes) pause or re-plan outreach.
      await enqueueSignals(em, [
        { workflowId: account.workflowId, signal: ledgerChangedSignal, payload: change, start },
        ...workflowFactsFor(event).map((f) => ({ workflowId: account!.workflowId!, signal: f.signal, payload: f.payload })),
      ]);
      signalled = account.workflowId;
    }
    await em.save(account);
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

  private async balanceStart(em: EntityManager, clinic: Clinic, account: Account): Promise<BalanceStart> {
    const g = await em.findOneBy(Guarantor, { accountId: account.id });
    const policy = await em.getRepository(ClinicPolicy).findOne({
      where: { tenantId: account.tenantId, clinicId: account.clinicId },
      order: { version: 'DESC' },
    });
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
