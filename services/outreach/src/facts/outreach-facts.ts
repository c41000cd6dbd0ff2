import { randomUUID } from 'node:crypto';
import { KafkaHeaders, OUTREACH_FACT_SCHEMA_VERSION, Topics, type OutreachFact } from '@courtesy/contracts';
import { enqueueOutbox, type SqlRunner } from '@courtesy/kafka';
import { balanceWorkflowId } from '@courtesy/workflows';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewFact = DistributiveOmit<OutreachFact, 'eventId' | 'occurredAt' | 'workflowId'> & {
  eventId?: string;
  workflowId?: string;
};

/**
 * Writes a fact to the outbox in the caller's transaction, so it is published if and only if the state
 * change it reports was committed. Accounts turns it into a workflow signal.
 */
export async function enqueueFact(tx: SqlRunner, fact: NewFact): Promise<void> {
  const full = {
    ...fact,
    eventId: fact.eventId ?? `outreach:${randomUUID()}`,
    occurredAt: new Date().toISOString(),
    workflowId: fact.workflowId ?? balanceWorkflowId(fact.tenantId, fact.clinicId, fact.accountId),
  } as OutreachFact;
  await enqueueOutbox(tx, [
    {
      topic: Topics.outreachEvents,
      key: full.accountId,
      headers: {
        [KafkaHeaders.tenantId]: full.tenantId,
        [KafkaHeaders.eventType]: full.type,
        [KafkaHeaders.schemaVersion]: String(OUTREACH_FACT_SCHEMA_VERSION),
        [KafkaHeaders.eventId]: full.eventId,
      },
      payload: full,
    },
  ]);
}
