import { z } from 'zod';
import { adjustmentPosted } from './adjustment-posted';
import { complaintLogged } from './complaint-logged';
import { contactUpdated } from './contact-updated';
import { disputeOpened } from './dispute-opened';
import { disputeResolved } from './dispute-resolved';
import { guarantorUpserted } from './guarantor-upserted';
import { insuranceRebilled } from './insurance-rebilled';
import { mailReturned } from './mail-returned';
import { paymentPosted } from './payment-posted';
import { remittancePosted } from './remittance-posted';
import { visitCharged } from './visit-charged';

export * from './adjustment-posted';
export * from './complaint-logged';
export * from './contact-updated';
export * from './dispute-opened';
export * from './dispute-resolved';
export * from './guarantor-upserted';
export * from './insurance-rebilled';
export * from './mail-returned';
export * from './payment-posted';
export * from './remittance-posted';
export * from './visit-charged';
export { DATA_SCHEMA_VERSION, type TimeCheck } from './define';

/** Every event type Courtesy accepts, in the order the docs list them. */
export const EVENT_DEFINITIONS = [
  guarantorUpserted,
  visitCharged,
  remittancePosted,
  paymentPosted,
  adjustmentPosted,
  contactUpdated,
  mailReturned,
  insuranceRebilled,
  disputeOpened,
  disputeResolved,
  complaintLogged,
] as const;

export type EventDefinition = (typeof EVENT_DEFINITIONS)[number];
export type EventType = EventDefinition['type'];
export const EVENT_TYPES = EVENT_DEFINITIONS.map((d) => d.type) as readonly EventType[];

/** Map, not an object literal: a type of "constructor" or "__proto__" must not find anything. */
export const EVENT_DEFINITION_BY_TYPE: ReadonlyMap<string, EventDefinition> = new Map(
  EVENT_DEFINITIONS.map((d) => [d.type, d]),
);

/** Any EHR event, discriminated on `type`. */
export const ehrEventSchema = z
  .discriminatedUnion('type', [
    guarantorUpserted.schema,
    visitCharged.schema,
    remittancePosted.schema,
    paymentPosted.schema,
    adjustmentPosted.schema,
    contactUpdated.schema,
    mailReturned.schema,
    insuranceRebilled.schema,
    disputeOpened.schema,
    disputeResolved.schema,
    complaintLogged.schema,
  ])
  .meta({
    id: 'EhrEvent',
    description: 'One event from an EHR or practice-management system, discriminated on type.',
  });

export type EhrEvent = z.infer<typeof ehrEventSchema>;
export type EventOf<T extends EventType> = Extract<EhrEvent, { type: T }>;
