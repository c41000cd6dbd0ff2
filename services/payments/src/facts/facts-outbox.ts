import { randomUUID } from 'node:crypto';
import { KafkaHeaders, PAYMENTS_FACT_SCHEMA_VERSION, Topics, paymentsFactSchema, type PaymentsFact } from '@courtesy/contracts';
import { enqueueOutbox, type SqlRunner } from '@courtesy/kafka';

type FactInput = PaymentsFact extends infer F ? (F extends PaymentsFact ? Omit<F, 'eventId' | 'occurredAt'> & { eventId?: string } : never) : never;

/**
 * Writes a fact to the outbox in the caller's transaction, so it is published if and only if the row it describes
 * was committed. Validated against the contract first: a malformed fact fails here, not in accounts' DLQ.
 */
export async function publishFact(tx: SqlRunner, input: FactInput): Promise<PaymentsFact> {
  const fact = paymentsFactSchema.parse({ eventId: randomUUID(), occurredAt: new Date().toISOString(), ...input });
  await enqueueOutbox(tx, [
    {
      topic: Topics.paymentsEvents,
      key: fact.accountId,
      headers: {
        [KafkaHeaders.tenantId]: fact.tenantId,
        [KafkaHeaders.eventType]: fact.type,
        [KafkaHeaders.schemaVersion]: String(PAYMENTS_FACT_SCHEMA_VERSION),
        [KafkaHeaders.eventId]: fact.eventId,
      },
      payload: fact,
    },
  ]);
  return fact;
}
