import { z } from 'zod';

/**
 * Facts payments publishes on `payments.events.v1` (key = account ID, headers as every Courtesy message).
 * Accounts consumes them: money facts go to the ledger (in the same transaction as its inbox row) and every fact
 * reaches the balance workflow. Only opaque IDs, figures and the patient's own words for a dispute or hardship
 * request (read by staff; never logged, never put in a Temporal ID, memo or search attribute).
 */
export const PAYMENTS_FACT_SCHEMA_VERSION = 1 as const;

const cents = z.number().int().positive();
const base = {
  /** Unique per fact; accounts' inbox and the workflow dedupe on it. */
  eventId: z.string().min(1).max(200),
  occurredAt: z.iso.datetime({ offset: true }),
  tenantId: z.string().min(1),
  clinicId: z.string().min(1),
  /** Accounts' account ID (uuid), not the integrator's account reference. */
  accountId: z.string().min(1),
};

export const paymentsFactSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('payment.succeeded'),
    paymentId: z.string().min(1),
    amountCents: cents,
    source: z.enum(['pay_page', 'plan_installment', 'scheduled_payment']),
    planId: z.string().optional(),
    installmentSeq: z.number().int().positive().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('payment.declined'),
    paymentId: z.string().min(1),
    amountCents: cents,
    code: z.string().min(1),
    hard: z.boolean(),
    planId: z.string().optional(),
    installmentSeq: z.number().int().positive().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('payment.refunded'),
    refundId: z.string().min(1),
    paymentId: z.string().min(1).optional(),
    amountCents: cents,
    reason: z.enum(['credit_balance', 'overcharge']),
  }),
  /** A credit moved from one account to another account of the same family (guarantor). */
  z.object({
    ...base,
    type: z.literal('credit.transferred'),
    transferId: z.string().min(1),
    direction: z.enum(['out', 'in']),
    counterpartAccountId: z.string().min(1),
    amountCents: cents,
  }),
  z.object({
    ...base,
    type: z.literal('plan.chosen'),
    requestId: z.string().min(1),
    installments: z.number().int().min(2),
    firstDueDate: z.iso.date(),
    /** Days between installments; absent means monthly. */
    intervalDays: z.number().int().positive().optional(),
    totalCents: cents,
    autopay: z.boolean(),
    cardOnFileId: z.string().optional(),
    chargeCapCents: cents.optional(),
  }),
  z.object({
    ...base,
    type: z.literal('payment.scheduled'),
    requestId: z.string().min(1),
    amountCents: cents,
    payOn: z.iso.date(),
    cardOnFileId: z.string().min(1),
  }),
  z.object({
    ...base,
    type: z.literal('dispute.requested'),
    requestId: z.string().min(1),
    reason: z.enum(['billing_error', 'insurance_not_billed', 'amount_incorrect', 'service_not_received', 'not_my_account', 'other']),
    description: z.string().min(1).max(2000),
  }),
  z.object({
    ...base,
    type: z.literal('hardship.requested'),
    requestId: z.string().min(1),
    householdSize: z.number().int().min(1).max(20),
    monthlyIncomeCents: z.number().int().min(0),
    affordableMonthlyCents: z.number().int().min(0).optional(),
    description: z.string().max(2000),
  }),
]);

export type PaymentsFact = z.infer<typeof paymentsFactSchema>;
export type PaymentsFactType = PaymentsFact['type'];
