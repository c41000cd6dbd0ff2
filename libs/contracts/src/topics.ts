/** Kafka topics, `<domain>.events.v1`; each has a `.dlq` twin for messages that cannot be processed. */
export const Topics = {
  ehrEvents: 'ehr.events.v1',
  paymentsEvents: 'payments.events.v1',
  outreachEvents: 'outreach.events.v1',
  placementEvents: 'placement.events.v1',
  collectionsEvents: 'collections.events.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const dlqOf = (topic: string): string => `${topic}.dlq`;

/** Kafka headers every Courtesy message carries; the key is always the account. */
export const KafkaHeaders = {
  tenantId: 'courtesy-tenant-id',
  eventType: 'courtesy-event-type',
  schemaVersion: 'courtesy-schema-version',
  eventId: 'courtesy-event-id',
  dlqReason: 'courtesy-dlq-reason',
  dlqSourceTopic: 'courtesy-dlq-source-topic',
} as const;
