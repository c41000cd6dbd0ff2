import { z } from 'zod';
import { MAX_BATCH_EVENTS } from './ehr-events';
import { ehrEventSchema } from './events';

/*
 * Response bodies of the integrator API. They describe what the gateway sends, so they are plain (non-strict)
 * objects; they live here so the gateway's types and the published docs come from one place.
 */

export const fieldErrorSchema = z
  .object({
    path: z.string().meta({
      description:
        'Where the problem is, e.g. events[3].data.lines[0].chargeCents; "body" for the whole request.',
    }),
    message: z.string().meta({ description: 'What is wrong, in plain words.' }),
  })
  .meta({ id: 'FieldError' });

export const errorResponseSchema = z
  .object({
    statusCode: z.number().int().optional(),
    errors: z
      .array(fieldErrorSchema)
      .min(1)
      .meta({ description: 'Every problem found, not just the first.' }),
  })
  .meta({ id: 'ErrorResponse', description: 'Every 4xx answer has this shape.' });

export const eventStatusSchema = z
  .object({
    id: z.string(),
    status: z
      .enum(['accepted', 'duplicate'])
      .meta({ description: 'duplicate: this id was accepted before; nothing new was published.' }),
    acceptedAt: z.iso.datetime({ offset: true }).meta({ description: 'When the event was first accepted.' }),
  })
  .meta({ id: 'EventStatus' });

export const eventsAcceptedSchema = z
  .object({
    accepted: z.number().int().min(0),
    duplicates: z.number().int().min(0),
    events: z
      .array(eventStatusSchema)
      .meta({ description: 'One status per posted event, in request order.' }),
  })
  .meta({
    id: 'EventsAccepted',
    description: 'The whole batch is durable (acknowledged by Kafka) when this is returned.',
  });

export const eventBatchSchema = z
  .strictObject({ events: z.array(ehrEventSchema).min(1).max(MAX_BATCH_EVENTS) })
  .meta({
    id: 'EventBatch',
    description: `1 to ${MAX_BATCH_EVENTS} events, accepted whole or rejected whole.`,
  });

const signedLedgerCents = z.number().int();

export const LEDGER_KINDS = [
  'charge',
  'insurance_paid',
  'contractual_adjustment',
  'patient_payment',
  'adjustment',
] as const;

export const ledgerLineSchema = z
  .object({
    eventId: z.string().meta({ description: 'The event that produced the line.' }),
    at: z.iso.datetime({ offset: true }),
    kind: z.enum(LEDGER_KINDS),
    amountCents: signedLedgerCents.meta({
      description: 'Effect on the patient balance: positive raises it, negative lowers it.',
    }),
    visitRef: z.string().nullable(),
    description: z.string(),
  })
  .meta({ id: 'LedgerLine' });

export const contactEntrySchema = z
  .object({
    at: z.iso.datetime({ offset: true }),
    channel: z.enum(['sms', 'email', 'mail', 'call']),
    direction: z.enum(['outbound', 'inbound']),
    outcome: z.string().meta({ description: 'e.g. delivered, opened, no_answer, returned, replied.' }),
  })
  .meta({
    id: 'ContactEntry',
    description: 'One contact attempt or reply; message content is not included.',
  });

export const accountViewSchema = z
  .object({
    accountRef: z.string(),
    clinicId: z.string(),
    balanceCents: signedLedgerCents.meta({
      description: 'Patient responsibility now; negative is a credit owed to the patient.',
    }),
    stage: z.string().meta({
      description:
        'Where the balance is in the cadence, e.g. soft_outreach, payment_plan, dispute_hold, placed.',
    }),
    segment: z
      .string()
      .nullable()
      .meta({ description: 'Segment that decides tone and first move, e.g. fresh, early_stall.' }),
    nextStep: z
      .object({ action: z.string(), at: z.iso.datetime({ offset: true }) })
      .nullable()
      .meta({ description: 'What the workflow will do next and when; null when nothing is scheduled.' }),
    ledger: z.array(ledgerLineSchema),
    contactTimeline: z.array(contactEntrySchema),
  })
  .meta({ id: 'AccountView', description: 'An account as Courtesy sees it.' });

export type ErrorResponse = z.infer<typeof errorResponseSchema>;
export type EventStatus = z.infer<typeof eventStatusSchema>;
export type EventsAccepted = z.infer<typeof eventsAcceptedSchema>;
export type EventBatch = z.infer<typeof eventBatchSchema>;
export type LedgerLine = z.infer<typeof ledgerLineSchema>;
export type ContactEntry = z.infer<typeof contactEntrySchema>;
export type AccountView = z.infer<typeof accountViewSchema>;
