import { z } from 'zod';

/**
 * Facts placement publishes on `placement.events.v1` (key = account ID, headers as every Courtesy message).
 * Accounts applies agency payments to the ledger (it owns the ledger); integrators and the read model see the
 * rest. Only opaque IDs, amounts, gate names and dates: nothing names or reaches the patient.
 */
export const PLACEMENT_FACT_SCHEMA_VERSION = 1 as const;

const base = {
  /** Unique per fact; consumers' inboxes dedupe on it. */
  eventId: z.string().min(1).max(120),
  schemaVersion: z.literal(PLACEMENT_FACT_SCHEMA_VERSION),
  occurredAt: z.iso.datetime({ offset: true }),
  tenantId: z.string().min(1),
  clinicId: z.string().min(1),
  /** Accounts' account ID (the one in the balance workflow ID). */
  accountId: z.string().min(1),
  agencyId: z.string().min(1),
  placementId: z.string().min(1),
};
const cents = z.number().int().min(0).max(100_000_000);

export const placementFactSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('placement.accepted'), batchId: z.string(), balanceCents: cents, ageBucketMinDays: z.number().int() }),
  z.object({ ...base, type: z.literal('placement.recall_requested'), reason: z.string() }),
  z.object({ ...base, type: z.literal('placement.recall_noticed'), batchId: z.string() }),
  z.object({ ...base, type: z.literal('placement.recall_confirmed'), reference: z.string().optional() }),
  /** Money the agency collected from the patient: accounts posts it to the ledger as a payment. */
  z.object({
    ...base,
    type: z.literal('placement.agency_payment_collected'),
    updateRef: z.string().min(1),
    amountCents: cents.refine((n) => n > 0, 'must be at least 1 cent'),
    commissionCents: cents,
  }),
  z.object({
    ...base,
    type: z.literal('placement.agency_reported'),
    updateRef: z.string().min(1),
    kind: z.enum(['promise', 'dispute', 'returned', 'closed']),
    amountCents: cents.optional(),
    promisedFor: z.string().optional(),
  }),
]);

/** Batch-level facts (no account): keyed by the batch ID. */
export const placementBatchFactSchema = z.discriminatedUnion('type', [
  z.object({
    eventId: z.string(),
    schemaVersion: z.literal(PLACEMENT_FACT_SCHEMA_VERSION),
    occurredAt: z.iso.datetime({ offset: true }),
    tenantId: z.string(),
    agencyId: z.string(),
    batchId: z.string(),
    type: z.literal('placement.file_delivered'),
    fileName: z.string(),
    sha256: z.string(),
    placeRecords: z.number().int(),
    recallRecords: z.number().int(),
  }),
  z.object({
    eventId: z.string(),
    schemaVersion: z.literal(PLACEMENT_FACT_SCHEMA_VERSION),
    occurredAt: z.iso.datetime({ offset: true }),
    tenantId: z.string(),
    agencyId: z.string(),
    batchId: z.string(),
    type: z.enum(['placement.file_acknowledged', 'placement.file_unacknowledged']),
  }),
]);

export type PlacementFact = z.infer<typeof placementFactSchema>;
export type PlacementBatchFact = z.infer<typeof placementBatchFactSchema>;
export type PlacementFactType = PlacementFact['type'] | PlacementBatchFact['type'];
