import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Kafka, Producer } from 'kafkajs';
import { Topics, outreachFactSchema, paymentsFactSchema, placementFactSchema } from '@courtesy/contracts';
import { ConsumerHost, type ConsumedMessage, type ConsumerOptions } from '@courtesy/kafka';
import { createLogger } from '@courtesy/logging';
import type { AccountsConfig } from '../config';
import { CONFIG, KAFKA, KAFKA_PRODUCER } from '../tokens';

const log = createLogger('accounts.scorecard');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ScorecardFactKind =
  | 'contact'
  | 'engaged'
  | 'complaint'
  | 'dispute_opened'
  | 'dispute_resolved'
  | 'promise'
  | 'placed'
  | 'agency_commission';

/** One row of scorecard_facts. An account is named by accounts' ID, or (EHR facts) by the integrator's reference. */
export interface ScorecardFact {
  eventId: string;
  kind: ScorecardFactKind;
  tenantId: string;
  clinicId: string;
  accountId?: string;
  accountRef?: string;
  ref?: string;
  occurredAt: string;
  amountCents?: number;
  data?: Record<string, unknown>;
}

/**
 * The scorecard's read model: what it needs from the facts other services publish, kept in accounts' own
 * schema. It reads the four topics in its own consumer group, next to (not inside) the consumers that apply
 * those facts to the ledger and the workflows, so counting never slows or fails the ledger path. Anything it
 * does not count, or cannot read, is skipped: the applying consumer is the one that parks bad messages.
 */
@Injectable()
export class ScorecardProjector extends ConsumerHost {

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(CONFIG) private readonly config: AccountsConfig,
  ) {
    super();
  }

  protected consumerKafka(): Kafka {
    return this.kafka;
  }

  protected consumerOptions(): ConsumerOptions {
    return {
      groupId: `${this.config.ACCOUNTS_CONSUMER_GROUP}-scorecard`,
      topic: [Topics.ehrEvents, Topics.outreachEvents, Topics.paymentsEvents, Topics.placementEvents],
      handle: (m) => this.handle(m),
      dlqProducer: this.producer,
      log,
    };
  }

  async handle(message: ConsumedMessage): Promise<void> {
    let raw: unknown;
    try {
      raw = JSON.parse(message.value.toString('utf8'));
    } catch {
      return;
    }
    const facts = factsOf(message.topic, raw);
    if (facts.length > 0) await record(this.db, facts);
  }
}

/** Inserts facts once each: a redelivered event finds its rows and changes nothing. */
export async function record(db: { query: DataSource['query'] }, facts: ScorecardFact[]): Promise<void> {
  for (const f of facts) {
    await db.query(
      `insert into scorecard_facts (event_id, kind, tenant_id, clinic_id, account_id, account_ref, ref, occurred_at, amount_cents, data)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (event_id, kind) do nothing`,
      [
        f.eventId,
        f.kind,
        f.tenantId,
        f.clinicId,
        f.accountId ?? null,
        f.accountRef ?? null,
        f.ref ?? null,
        f.occurredAt,
        f.amountCents ?? null,
        JSON.stringify(f.data ?? {}),
      ],
    );
  }
}

/** The scorecard facts one message amounts to (none for most messages). */
export function factsOf(topic: string, raw: unknown): ScorecardFact[] {
  switch (topic) {
    case Topics.ehrEvents:
      return ehrFacts(raw);
    case Topics.outreachEvents:
      return outreachFacts(raw);
    case Topics.paymentsEvents:
      return paymentsFacts(raw);
    case Topics.placementEvents:
      return placementFacts(raw);
    default:
      return [];
  }
}

const EHR_KINDS: Record<string, ScorecardFactKind> = {
  'complaint.logged': 'complaint',
  'dispute.opened': 'dispute_opened',
  'dispute.resolved': 'dispute_resolved',
};

function ehrFacts(raw: unknown): ScorecardFact[] {
  // The ledger consumer validates EHR events in full (and parks bad ones); the scorecard reads the few fields it counts.
  const env = raw as {
    tenantId?: unknown;
    event?: {
      id?: unknown;
      type?: unknown;
      occurredAt?: unknown;
      clinicId?: unknown;
      data?: Record<string, unknown>;
    };
  };
  const e = env?.event;
  const kind = typeof e?.type === 'string' ? EHR_KINDS[e.type] : undefined;
  if (
    !kind ||
    typeof env.tenantId !== 'string' ||
    typeof e!.id !== 'string' ||
    typeof e!.clinicId !== 'string'
  )
    return [];
  const accountRef = e!.data?.accountRef;
  const at = typeof e!.occurredAt === 'string' ? e!.occurredAt : undefined;
  if (typeof accountRef !== 'string' || !at || Number.isNaN(Date.parse(at))) return [];
  const ref = kind === 'complaint' ? e!.data?.complaintRef : e!.data?.disputeRef;
  return [
    {
      eventId: `${env.tenantId}:ehr:${e!.id}`,
      kind,
      tenantId: env.tenantId,
      clinicId: e!.clinicId,
      accountRef,
      ref: typeof ref === 'string' ? ref : undefined,
      occurredAt: at,
      data: kind === 'complaint' ? { category: e!.data?.category, severity: e!.data?.severity } : {},
    },
  ];
}

function outreachFacts(raw: unknown): ScorecardFact[] {
  const r = outreachFactSchema.safeParse(raw);
  if (!r.success || !UUID.test(r.data.accountId)) return [];
  const f = r.data;
  const base = {
    eventId: `${f.tenantId}:outreach:${f.eventId}`,
    tenantId: f.tenantId,
    clinicId: f.clinicId,
    accountId: f.accountId,
  };
  switch (f.type) {
    case 'outreach.attempt_sent':
      // A queued call task is not a contact yet; the call's outcome is.
      return f.channel === 'call'
        ? []
        : [
            {
              ...base,
              kind: 'contact',
              ref: f.attemptId,
              occurredAt: f.sentAt,
              data: { channel: f.channel },
            },
          ];
    case 'outreach.call_outcome': {
      const contact: ScorecardFact = {
        ...base,
        kind: 'contact',
        ref: f.attemptId,
        occurredAt: f.occurredAt,
        data: { channel: 'call', outcome: f.outcome },
      };
      if (f.outcome !== 'promise_to_pay' || !f.promiseBy) return [contact];
      const promise: ScorecardFact = {
        ...base,
        kind: 'promise',
        ref: f.attemptId,
        occurredAt: f.occurredAt,
        amountCents: f.promiseAmountCents,
        data: { source: 'call', installments: 1, firstDueDate: f.promiseBy.slice(0, 10) },
      };
      return [contact, promise];
    }
    case 'outreach.patient_replied':
      return [
        {
          ...base,
          kind: 'engaged',
          occurredAt: f.occurredAt,
          data: { channel: f.channel, intent: f.intent },
        },
      ];
    default:
      return [];
  }
}

function paymentsFacts(raw: unknown): ScorecardFact[] {
  const r = paymentsFactSchema.safeParse(raw);
  if (!r.success || !UUID.test(r.data.accountId)) return [];
  const f = r.data;
  const base = {
    eventId: `${f.tenantId}:payments:${f.eventId}`,
    tenantId: f.tenantId,
    clinicId: f.clinicId,
    accountId: f.accountId,
    occurredAt: f.occurredAt,
  };
  switch (f.type) {
    case 'plan.chosen':
      return [
        {
          ...base,
          kind: 'promise',
          ref: f.requestId,
          amountCents: f.totalCents,
          data: {
            source: 'plan',
            installments: f.installments,
            firstDueDate: f.firstDueDate,
            intervalDays: f.intervalDays ?? null,
          },
        },
      ];
    case 'payment.scheduled':
      return [
        {
          ...base,
          kind: 'promise',
          ref: f.requestId,
          amountCents: f.amountCents,
          data: { source: 'scheduled', installments: 1, firstDueDate: f.payOn },
        },
      ];
    case 'dispute.requested':
      // Applied to the ledger as dispute.opened with this reference (payments-facts.consumer.ts).
      return [{ ...base, kind: 'dispute_opened', ref: `pp-${f.requestId}` }];
    default:
      return [];
  }
}

function placementFacts(raw: unknown): ScorecardFact[] {
  const r = placementFactSchema.safeParse(raw);
  if (!r.success || !UUID.test(r.data.accountId)) return [];
  const f = r.data;
  const base = {
    eventId: `${f.tenantId}:placement:${f.eventId}`,
    tenantId: f.tenantId,
    clinicId: f.clinicId,
    accountId: f.accountId,
    occurredAt: f.occurredAt,
  };
  switch (f.type) {
    case 'placement.accepted':
      return [
        {
          ...base,
          kind: 'placed',
          ref: f.placementId,
          amountCents: f.balanceCents,
          data: { agencyId: f.agencyId },
        },
      ];
    case 'placement.agency_payment_collected':
      return [
        {
          ...base,
          kind: 'agency_commission',
          ref: f.updateRef,
          amountCents: f.commissionCents,
          data: { agencyId: f.agencyId, collectedCents: f.amountCents },
        },
      ];
    case 'placement.agency_reported':
      // Applied to the ledger as dispute.opened with this reference (placement-facts.consumer.ts).
      return f.kind === 'dispute'
        ? [{ ...base, kind: 'dispute_opened', ref: `agency-${f.agencyId}-${f.updateRef}`.slice(0, 64) }]
        : [];
    default:
      return [];
  }
}
