/**
 * Shape checks for what BalanceWorkflow sends. A malformed request is a bug upstream, not a placement
 * decision, so it fails the activity (non-retryable, naming the field) instead of becoming a rejection.
 */
import { z } from 'zod';
import { ApplicationFailure } from '@temporalio/common';
import type { PlacementRequest, RecallRequest } from '@courtesy/workflows';

export const BAD_INPUT = 'BadPlacementInput';

const id = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const instant = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 instant with Z or an offset' });
const count = z.number().int('must be a whole number').min(0, 'must be 0 or more');
const flag = z.boolean('must be true or false');

const factsSchema = z.object({
  startAt: instant,
  balanceCents: count,
  attemptsByChannel: z.object({ sms: count.optional(), email: count.optional(), letter: count.optional(), call: count.optional() }),
  finalNoticeSentAt: instant.nullable().optional(),
  planOfferedAt: instant.nullable().optional(),
  openDispute: flag,
  activePlan: flag,
  hardshipReview: flag,
  insuranceHold: flag,
  deceased: flag,
  bankruptcy: flag,
});

const requestSchema = z.object({
  balanceWorkflowId: id,
  tenantId: id,
  clinicId: id,
  accountId: id,
  balanceCents: count,
  policyVersion: z.number().int('must be a whole number').min(1, 'must be 1 or more'),
  facts: factsSchema,
  requestedAt: instant,
  // The policy itself is checked by the domain's validatePolicy where it is used.
  policy: z.unknown().optional(),
  originalBalanceCents: count.optional(),
  patientState: z.string().regex(/^[A-Za-z]{2}$/, 'must be a two-letter US state').optional(),
});

const recallSchema = z.object({
  balanceWorkflowId: id,
  tenantId: id,
  clinicId: id,
  accountId: id,
  placementId: z.uuid('must be a placement ID (UUID)'),
  reason: z.enum(['payment', 'dispute', 'insurance_rebill', 'hardship', 'clinic_decision', 'resolved'], {
    error: 'must be one of payment, dispute, insurance_rebill, hardship, clinic_decision, resolved',
  }),
  requestedAt: instant,
});

function check<T>(schema: z.ZodType, what: string, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return input as T;
  const problems = parsed.error.issues.map((i) => `${[what, ...i.path].join('.')}: ${i.message}`);
  throw ApplicationFailure.nonRetryable(`invalid ${what}: ${problems.join('; ')}`, BAD_INPUT, problems);
}

export const checkPlacementRequest = (input: unknown) => check<PlacementRequest>(requestSchema, 'request', input);
export const checkRecallRequest = (input: unknown) => check<RecallRequest>(recallSchema, 'recall', input);
