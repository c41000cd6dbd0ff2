import { randomUUID } from 'node:crypto';
import {
  KafkaHeaders,
  PLACEMENT_FACT_SCHEMA_VERSION,
  Topics,
  type PlacementBatchFact,
  type PlacementFact,
} from '@courtesy/contracts';
import { enqueueOutbox, type SqlRunner } from '@courtesy/kafka';

type Distribute<T> = T extends unknown ? Omit<T, 'eventId' | 'schemaVersion' | 'occurredAt'> & { eventId?: string; occurredAt?: string } : never;
export type NewPlacementFact = Distribute<PlacementFact>;
export type NewBatchFact = Distribute<PlacementBatchFact>;

/** Queues a fact on placement.events.v1 in the caller's transaction (outbox), keyed by the account. */
export async function publishFact(tx: SqlRunner, fact: NewPlacementFact | NewBatchFact): Promise<string> {
  const eventId = fact.eventId ?? randomUUID();
  const payload = {
    ...fact,
    eventId,
    schemaVersion: PLACEMENT_FACT_SCHEMA_VERSION,
    occurredAt: fact.occurredAt ?? new Date().toISOString(),
  };
  const key = 'accountId' in fact ? `${fact.tenantId}/${fact.clinicId}/${fact.accountId}` : `${fact.tenantId}/${fact.batchId}`;
  await enqueueOutbox(tx, [
    {
      topic: Topics.placementEvents,
      key,
      headers: {
        [KafkaHeaders.tenantId]: fact.tenantId,
        [KafkaHeaders.eventType]: fact.type,
        [KafkaHeaders.schemaVersion]: String(PLACEMENT_FACT_SCHEMA_VERSION),
        [KafkaHeaders.eventId]: eventId,
      },
      payload,
    },
  ]);
  return eventId;
}
