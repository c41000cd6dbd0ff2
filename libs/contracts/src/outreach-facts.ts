import { z } from 'zod';

/**
 * Facts outreach publishes on `outreach.events.v1` (key = account ID, headers as every Courtesy message).
 * Accounts consumes them and signals the balance workflow; nothing here names or reaches the patient
 * (no phone, email or message text), only opaque IDs and classifications.
 */
export const OUTREACH_FACT_SCHEMA_VERSION = 1 as const;

const channel = z.enum(['sms', 'email', 'letter', 'call']);
const base = {
  /** Unique per fact; the consumer's inbox and the workflow dedupe on it. */
  eventId: z.string().min(1).max(200),
  occurredAt: z.iso.datetime({ offset: true }),
  tenantId: z.string().min(1),
  clinicId: z.string().min(1),
  accountId: z.string().min(1),
  /** The balance workflow to signal. */
  workflowId: z.string().min(1),
};

export const outreachFactSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('outreach.opted_out'), channels: z.array(channel).min(1) }),
  z.object({
    ...base,
    type: z.literal('outreach.patient_replied'),
    channel,
    intent: z.enum(['pay', 'plan', 'dispute', 'question', 'other']),
  }),
  z.object({
    ...base,
    type: z.literal('outreach.message_delivered'),
    attemptId: z.string().min(1),
    channel,
  }),
  z.object({
    ...base,
    type: z.literal('outreach.message_failed'),
    attemptId: z.string().min(1),
    channel,
    reason: z.enum(['bad_number', 'bad_email', 'undeliverable', 'carrier_blocked', 'temporary']),
  }),
  z.object({
    ...base,
    type: z.literal('outreach.call_outcome'),
    attemptId: z.string().min(1).optional(),
    outcome: z.enum(['reached', 'voicemail', 'no_answer', 'wrong_number', 'promise_to_pay', 'plan_requested', 'dispute']),
    promiseBy: z.iso.datetime({ offset: true }).optional(),
    promiseAmountCents: z.number().int().positive().optional(),
  }),
  z.object({ ...base, type: z.literal('outreach.mail_returned'), attemptId: z.string().min(1).optional() }),
  /**
   * A message left outreach: an SMS or email handed to the provider, a statement dropped for print and mail, or
   * a call task queued for staff (the call itself is reported by outreach.call_outcome). Accounts' scorecard
   * counts contacts from it; the workflow already knows from its activity result, so it is not signalled.
   */
  z.object({ ...base, type: z.literal('outreach.attempt_sent'), attemptId: z.string().min(1), channel, sentAt: z.iso.datetime({ offset: true }) }),
]);

export type OutreachFact = z.infer<typeof outreachFactSchema>;
export type OutreachFactType = OutreachFact['type'];
