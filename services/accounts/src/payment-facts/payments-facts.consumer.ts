import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Kafka, Producer } from 'kafkajs';
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { KafkaHeaders, Topics, paymentsFactSchema, type PaymentsFact } from '@courtesy/contracts';
import { ConsumerHost, PoisonMessageError, claimInbox, enqueueOutbox, type ConsumedMessage, type ConsumerOptions } from '@courtesy/kafka';
import { createLogger } from '@courtesy/logging';
import {
  acceptPlanUpdate,
  balanceWorkflowId,
  disputeOpenedSignal,
  hardshipRequestedSignal,
  paymentReceivedSignal,
  promiseToPayUpdate,
  type DisputeOpened,
} from '@courtesy/workflows';
import type { AccountsConfig } from '../config';
import { CONFIG, KAFKA, KAFKA_PRODUCER, TEMPORAL_CLIENT } from '../tokens';
import { Account } from '../ledger/account.entity';
import { LedgerService } from '../ledger/ledger.service';

const log = createLogger('accounts.payment-facts');

const DISPUTE_CATEGORY: Record<string, DisputeOpened['category']> = {
  billing_error: 'amount',
  amount_incorrect: 'amount',
  insurance_not_billed: 'insurance',
  service_not_received: 'not_mine',
  not_my_account: 'not_mine',
  other: 'other',
};

/**
 * Applies `payments.events.v1` facts. Money facts go through the ledger's own path for `ehr.events.v1` (the
 * same LedgerService.handle: inbox row, ledger lines, balance, outbox to collections.events.v1 and the
 * ledgerChanged signal in one transaction), as the EHR event they amount to (payment.posted, adjustment.posted,
 * dispute.opened). The workflow then hears the richer fact too (paymentReceived, disputeOpened) or is asked by
 * Update (accept a plan, promise to pay); those are keyed by the fact's eventId, so a replay changes nothing.
 */
@Injectable()
export class PaymentsFactsConsumer extends ConsumerHost {

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
      groupId: `${this.config.ACCOUNTS_CONSUMER_GROUP}-payments`,
      topic: Topics.paymentsEvents,
      handle: (m) => this.handle(m),
      dlqProducer: this.producer,
      log,
    };
  }

  async handle(message: ConsumedMessage): Promise<void> {
    const fact = this.parse(message);
    const account = await this.db.getRepository(Account).findOneBy({ id: fact.accountId, tenantId: fact.tenantId });
    if (!account) throw new PoisonMessageError(`unknown account ${fact.accountId} for ${fact.type}`);
    const asEhr = (event: Record<string, unknown>) => this.ledger.handle(this.ehrMessage(message, fact, account, event), { awaitSignals: true });
    switch (fact.type) {
      case 'payment.succeeded': {
        await asEhr({
          id: `payments-${fact.paymentId}`,
          type: 'payment.posted',
          data: { amountCents: fact.amountCents, method: 'card', receivedVia: 'portal', reference: `courtesy-${fact.paymentId}` },
        });
        // Integrators post the payment in the EHR ledger from this (key and reference as theirs, never a card detail).
        await this.once(message, fact, (tx) =>
          enqueueOutbox(tx, [
            {
              topic: Topics.collectionsEvents,
              key: `${account.tenantId}/${account.clinicId}/${account.accountRef}`,
              headers: { [KafkaHeaders.tenantId]: account.tenantId, [KafkaHeaders.eventType]: 'payment.taken', [KafkaHeaders.eventId]: fact.eventId },
              payload: {
                type: 'payment.taken',
                eventId: fact.eventId,
                tenantId: account.tenantId,
                clinicId: account.clinicId,
                accountRef: account.accountRef,
                amountCents: fact.amountCents,
                method: 'card',
                reference: `courtesy-${fact.paymentId}`,
                source: fact.source,
                occurredAt: fact.occurredAt,
              },
            },
          ]),
        );
        const after = await this.db.getRepository(Account).findOneByOrFail({ id: account.id });
        if (after.workflowId) {
          await this.tolerateClosed(fact, this.temporal.workflow.getHandle(after.workflowId).signal(paymentReceivedSignal, {
            eventId: fact.eventId,
            paymentId: fact.paymentId,
            amountCents: fact.amountCents,
            balanceCents: after.balanceCents,
            source: fact.source === 'plan_installment' ? 'plan_installment' : 'pay_link',
            planId: fact.planId,
            installmentSeq: fact.installmentSeq,
          }));
        }
        break;
      }
      case 'payment.refunded':
        await asEhr({
          id: `payments-refund-${fact.refundId}`,
          type: 'adjustment.posted',
          data: { kind: 'correction', amountCents: -fact.amountCents, reason: 'Credit balance refunded to the patient by Courtesy payments.' },
        });
        break;
      case 'credit.transferred':
        await asEhr(
          fact.direction === 'out'
            ? { id: `payments-credit-out-${fact.transferId}`, type: 'adjustment.posted', data: { kind: 'correction', amountCents: -fact.amountCents, reason: 'Credit balance moved to a family account.' } }
            : { id: `payments-credit-in-${fact.transferId}`, type: 'payment.posted', data: { amountCents: fact.amountCents, method: 'other', receivedVia: 'other', reference: `credit-${fact.transferId}` } },
        );
        break;
      case 'dispute.requested': {
        const disputeRef = `pp-${fact.requestId}`;
        await asEhr({
          id: `payments-dispute-${fact.requestId}`,
          type: 'dispute.opened',
          data: { disputeRef, reason: fact.reason, channel: 'portal', description: fact.description },
        });
        await this.signalIfRunning(account.id, (h) => h.signal(disputeOpenedSignal, { eventId: fact.eventId, disputeRef, category: DISPUTE_CATEGORY[fact.reason] ?? 'other' }));
        break;
      }
      case 'plan.chosen':
        await this.once(message, fact, () =>
          this.update(account, fact, (h) =>
            h.executeUpdate(acceptPlanUpdate, {
              args: [{ requestId: fact.requestId, installments: fact.installments, firstDueDate: fact.firstDueDate, autopay: fact.autopay, cardOnFileId: fact.cardOnFileId, chargeCapCents: fact.chargeCapCents }],
              updateId: fact.requestId,
            }),
          ),
        );
        break;
      case 'payment.scheduled':
        await this.once(message, fact, () =>
          this.update(account, fact, (h) =>
            h.executeUpdate(promiseToPayUpdate, {
              args: [{ requestId: fact.requestId, by: `${fact.payOn}T23:59:59.000Z`, amountCents: fact.amountCents }],
              updateId: fact.requestId,
            }),
          ),
        );
        break;
      case 'hardship.requested':
        // Staff verify hardship (applyHardship Update with the verifier); the request itself is recorded for them.
        await this.once(message, fact, async (tx) => {
          await tx.query(`insert into audit_log (tenant_id, actor, action, subject, details) values ($1, 'patient', 'hardship.requested', $2, $3)`, [
            fact.tenantId,
            `account:${account.id}`,
            JSON.stringify({ eventId: fact.eventId, requestId: fact.requestId, householdSize: fact.householdSize }),
          ]);
        });
        // Outreach pauses while staff verify it (keyed by eventId: a redelivery after the audit row changes nothing).
        await this.signalIfRunning(account.id, (h) => h.signal(hardshipRequestedSignal, { eventId: fact.eventId, requestId: fact.requestId, source: 'pay_page' }));
        break;
      case 'payment.declined':
        // The plan workflow learns of a decline from its own activity result; nothing to apply here.
        await this.once(message, fact, async () => undefined);
        break;
    }
    log.info({ eventId: fact.eventId, type: fact.type, accountId: account.id }, 'payments fact applied');
  }

  private parse(message: ConsumedMessage): PaymentsFact {
    let raw: unknown;
    try {
      raw = JSON.parse(message.value.toString('utf8'));
    } catch {
      throw new PoisonMessageError('message is not JSON');
    }
    const r = paymentsFactSchema.safeParse(raw);
    if (!r.success) throw new PoisonMessageError(`schema mismatch: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return r.data;
  }

  /** The EHR-shaped envelope LedgerService.handle reads, for a fact that amounts to an EHR ledger event. */
  private ehrMessage(message: ConsumedMessage, fact: PaymentsFact, account: Account, event: Record<string, unknown>): ConsumedMessage {
    const envelope = {
      schemaVersion: 1,
      tenantId: fact.tenantId,
      receivedAt: fact.occurredAt,
      event: { ...event, occurredAt: fact.occurredAt, clinicId: account.clinicId, data: { schemaVersion: 1, accountRef: account.accountRef, ...(event.data as object) } },
    };
    return { ...message, value: Buffer.from(JSON.stringify(envelope)) };
  }

  /** Inbox row and effect in one transaction, for facts that are not ledger events. */
  private async once(message: ConsumedMessage, fact: PaymentsFact, effect: (tx: { query: DataSource['query'] }) => Promise<unknown>) {
    await this.db.transaction(async (tx) => {
      if (!(await claimInbox(tx, `${fact.tenantId}:payments:${fact.eventId}`, message.topic))) return;
      await effect(tx);
    });
  }

  private async signalIfRunning(accountId: string, send: (h: ReturnType<Client['workflow']['getHandle']>) => Promise<void>) {
    const account = await this.db.getRepository(Account).findOneByOrFail({ id: accountId });
    if (account.workflowId) await this.tolerateClosed({ eventId: accountId, type: 'signal' }, send(this.temporal.workflow.getHandle(account.workflowId)));
  }

  /**
   * A balance workflow that already finished (paid in full a moment ago) needs no more facts: the ledger holds
   * them. Retrying would block the partition for every later fact, so the signal is dropped with a note.
   */
  private async tolerateClosed(fact: Pick<PaymentsFact, 'eventId' | 'type'> | { eventId: string; type: string }, call: Promise<unknown>) {
    try {
      await call;
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      log.info({ eventId: fact.eventId, type: fact.type }, 'balance workflow already closed; fact kept in the ledger only');
    }
  }

  /**
   * A refused Update (the workflow's validator said no: balance changed, plan terms no longer offered) is an
   * answer, not a failure: it is recorded and the consumer moves on. Anything else is retried.
   */
  private async update(account: Account, fact: PaymentsFact, call: (h: ReturnType<Client['workflow']['getHandle']>) => Promise<unknown>) {
    const workflowId = account.workflowId ?? balanceWorkflowId(account.tenantId, account.clinicId, account.id);
    try {
      await call(this.temporal.workflow.getHandle(workflowId));
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) {
        log.warn({ eventId: fact.eventId, type: fact.type, accountId: account.id }, 'no running balance workflow for the request; recorded only');
        return;
      }
      if (!(err instanceof WorkflowUpdateFailedError)) throw err;
      log.warn({ eventId: fact.eventId, type: fact.type, accountId: account.id, reason: err.cause?.message ?? err.message }, 'workflow refused the request');
    }
  }
}
