import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Kafka, Producer } from 'kafkajs';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { Topics, placementFactSchema, type PlacementFact } from '@courtesy/contracts';
import { ConsumerHost, PoisonMessageError, claimInbox, type ConsumedMessage, type ConsumerOptions } from '@courtesy/kafka';
import { createLogger } from '@courtesy/logging';
import { disputeOpenedSignal, paymentReceivedSignal } from '@courtesy/workflows';
import type { AccountsConfig } from '../config';
import { CONFIG, KAFKA, KAFKA_PRODUCER, TEMPORAL_CLIENT } from '../tokens';
import { Account } from '../ledger/account.entity';
import { LedgerService } from '../ledger/ledger.service';

const log = createLogger('accounts.placement-facts');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Applies `placement.events.v1` facts. Money an agency collected goes through the ledger's own path for
 * `ehr.events.v1` (LedgerService.handle: inbox row, ledger line, balance, outbox and the ledgerChanged signal
 * in one transaction) as the payment.posted it amounts to; the workflow then hears `paymentReceived` with
 * source `agency`, so it knows not to recall the account for it. Other placement facts are recorded once
 * (inbox) and otherwise left to their readers, except a dispute the patient raised with the agency, which is
 * applied as the dispute.opened it amounts to.
 */
@Injectable()
export class PlacementFactsConsumer extends ConsumerHost {

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(CONFIG) private readonly config: AccountsConfig,
    private readonly ledger: LedgerService,
  ) {
    super();
  }

  protected consumerKafka(): Kafka {
    return this.kafka;
  }

  protected consumerOptions(): ConsumerOptions {
    return {
      groupId: `${this.config.ACCOUNTS_CONSUMER_GROUP}-placement`,
      topic: Topics.placementEvents,
      handle: (m) => this.handle(m),
      dlqProducer: this.producer,
      log,
    };
  }

  async handle(message: ConsumedMessage): Promise<void> {
    const raw = this.json(message);
    // Batch-level facts (file delivered / acknowledged) carry no account: nothing for the ledger.
    if (typeof raw === 'object' && raw !== null && !('accountId' in raw)) return;
    const fact = this.parse(raw);
    if (fact.type === 'placement.agency_reported' && fact.kind === 'dispute') {
      await this.applyAgencyDispute(message, fact);
      return;
    }
    if (fact.type !== 'placement.agency_payment_collected') {
      await this.db.transaction(async (tx) => {
        await claimInbox(tx, `${fact.tenantId}:placement:${fact.eventId}`, message.topic);
      });
      return;
    }
    const account = await this.accountOf(fact);
    await this.ledger.handle(
      this.ehrMessage(message, fact, account, {
        id: `placement-${fact.eventId}`,
        type: 'payment.posted',
        data: {
          amountCents: fact.amountCents,
          method: 'other',
          receivedVia: 'other',
          reference: `agency-${fact.agencyId}-${fact.updateRef}`.slice(0, 64),
        },
      }),
      { awaitSignals: true },
    );
    const after = await this.db.getRepository(Account).findOneByOrFail({ id: account.id });
    if (after.workflowId) {
      await this.signalOpen(fact.eventId, this.temporal.workflow.getHandle(after.workflowId).signal(paymentReceivedSignal, {
        eventId: fact.eventId,
        paymentId: `agency-${fact.agencyId}-${fact.updateRef}`,
        amountCents: fact.amountCents,
        balanceCents: after.balanceCents,
        source: 'agency',
      }));
    }
    log.info({ eventId: fact.eventId, type: fact.type, accountId: account.id }, 'agency payment applied');
  }

  /**
   * The patient disputed with the agency: recorded on the account like any dispute (ledger path, holds) and
   * told to the workflow, which pauses and recalls the account from the agency.
   */
  private async applyAgencyDispute(message: ConsumedMessage, fact: Extract<PlacementFact, { type: 'placement.agency_reported' }>) {
    const account = await this.accountOf(fact);
    const disputeRef = `agency-${fact.agencyId}-${fact.updateRef}`.slice(0, 64);
    await this.ledger.handle(
      this.ehrMessage(message, fact, account, {
        id: `placement-${fact.eventId}`,
        type: 'dispute.opened',
        data: { disputeRef, reason: 'other', channel: 'phone', description: `Reported by collection agency ${fact.agencyId}.` },
      }),
      { awaitSignals: true },
    );
    const after = await this.db.getRepository(Account).findOneByOrFail({ id: account.id });
    if (after.workflowId) {
      await this.signalOpen(
        fact.eventId,
        this.temporal.workflow.getHandle(after.workflowId).signal(disputeOpenedSignal, { eventId: fact.eventId, disputeRef, category: 'other' }),
      );
    }
    log.info({ eventId: fact.eventId, type: fact.type, accountId: account.id }, 'agency-reported dispute applied');
  }

  /**
   * The ledger already holds the fact; a balance workflow that has finished needs no signal, and retrying one
   * forever would block this partition for every later fact.
   */
  private async signalOpen(eventId: string, signal: Promise<void>): Promise<void> {
    try {
      await signal;
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      log.warn({ eventId }, 'balance workflow already closed; fact kept in the ledger, signal skipped');
    }
  }

  private async accountOf(fact: PlacementFact): Promise<Account> {
    // Accounts' IDs are UUIDs; anything else can never match (and would make Postgres throw, retrying forever).
    const account = UUID.test(fact.accountId)
      ? await this.db.getRepository(Account).findOneBy({ id: fact.accountId, tenantId: fact.tenantId })
      : null;
    if (!account || account.clinicId !== fact.clinicId) {
      throw new PoisonMessageError(`unknown account ${fact.accountId} at clinic ${fact.clinicId} for ${fact.type}`);
    }
    return account;
  }

  private json(message: ConsumedMessage): unknown {
    try {
      return JSON.parse(message.value.toString('utf8'));
    } catch {
      throw new PoisonMessageError('message is not JSON');
    }
  }

  private parse(raw: unknown): PlacementFact {
    const r = placementFactSchema.safeParse(raw);
    if (!r.success) throw new PoisonMessageError(`schema mismatch: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return r.data;
  }

  /** The EHR-shaped envelope LedgerService.handle reads, for a fact that amounts to an EHR ledger event. */
  private ehrMessage(message: ConsumedMessage, fact: PlacementFact, account: Account, event: Record<string, unknown>): ConsumedMessage {
    const envelope = {
      schemaVersion: 1,
      tenantId: fact.tenantId,
      receivedAt: fact.occurredAt,
      event: { ...event, occurredAt: fact.occurredAt, clinicId: account.clinicId, data: { schemaVersion: 1, accountRef: account.accountRef, ...(event.data as object) } },
    };
    return { ...message, value: Buffer.from(JSON.stringify(envelope)) };
  }
}
