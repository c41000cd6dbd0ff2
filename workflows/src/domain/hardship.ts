/**
 * Hardship is a path, not an exception: a verified application changes the amount, the timeline or the
 * minimum payment for a term of months, and is re-verified when the term ends. This is the validator behind
 * the "apply hardship" Update; the verification itself happens with staff before it is called.
 */
import type { CollectionPolicy, HardshipOutcomeKind } from './policy';
import type { PlanLimits } from './plan-schedule';
import { DEFAULT_DUE_LOCAL_TIME } from './plan-schedule';
import { centsProblem, percentOfCents } from './money';
import {
  addMonthsClamped,
  isValidTimeZone,
  localDateOf,
  localDateTimeToMs,
  toIso,
  type Instant,
  type LocalDate,
} from './local-time';

export type HardshipOutcome =
  | { kind: 'temporary_reduction'; reductionPct: number }
  | { kind: 'longer_timeline' }
  | { kind: 'lower_minimum'; minInstallmentCents: number };

export interface HardshipRequest {
  outcome: HardshipOutcome;
  termMonths: number;
  verifiedAt: Instant;
  timeZone: string;
  balanceCents: number;
}

export type HardshipError =
  'outcome_not_allowed' | 'invalid_term' | 'invalid_reduction' | 'invalid_minimum' | 'invalid_request';

export type HardshipDecision =
  | {
      ok: true;
      kind: HardshipOutcomeKind;
      /** Re-verification: the patient-local date the term ends, and that date at the usual local hour. */
      reviewDate: LocalDate;
      reviewAt: string;
      /** Balance adjustment to post (temporary_reduction only; 0 otherwise). */
      reductionCents: number;
      /** What a plan for this patient may use during the term (pass to validatePlanRequest). */
      planLimits: PlanLimits;
    }
  | { ok: false; error: HardshipError; reason: string };

export function validateHardship(policy: CollectionPolicy, request: HardshipRequest): HardshipDecision {
  const h = policy.hardship;
  const plan = policy.plan;
  const fail = (error: HardshipError, reason: string): HardshipDecision => ({ ok: false, error, reason });

  const balanceProblem = centsProblem(request.balanceCents);
  if (balanceProblem !== undefined) return fail('invalid_request', `balanceCents: ${balanceProblem}`);
  if (!isValidTimeZone(request.timeZone)) return fail('invalid_request', `timeZone: not an IANA time zone`);
  const { outcome, termMonths } = request;
  if (!h.outcomes.includes(outcome.kind)) {
    return fail(
      'outcome_not_allowed',
      `this clinic's policy does not grant ${String(outcome.kind)} (allowed: ${h.outcomes.join(', ')})`,
    );
  }
  if (!Number.isInteger(termMonths) || termMonths < h.termMonthsMin || termMonths > h.termMonthsMax) {
    return fail(
      'invalid_term',
      `termMonths must be a whole number from ${h.termMonthsMin} to ${h.termMonthsMax} (got ${termMonths})`,
    );
  }

  let reductionCents = 0;
  let planLimits: PlanLimits = {
    maxInstallments: plan.maxTermWithoutApproval,
    minInstallmentCents: plan.minInstallmentCents,
  };
  switch (outcome.kind) {
    case 'temporary_reduction':
      if (
        !Number.isInteger(outcome.reductionPct) ||
        outcome.reductionPct < 1 ||
        outcome.reductionPct > h.maxReductionPct
      ) {
        return fail(
          'invalid_reduction',
          `reductionPct must be a whole percent from 1 to ${h.maxReductionPct} (got ${outcome.reductionPct})`,
        );
      }
      reductionCents = percentOfCents(request.balanceCents, outcome.reductionPct);
      break;
    case 'longer_timeline':
      planLimits = { ...planLimits, maxInstallments: h.maxInstallments };
      break;
    case 'lower_minimum': {
      const m = outcome.minInstallmentCents;
      if (centsProblem(m) !== undefined || m < h.minInstallmentFloorCents || m >= plan.minInstallmentCents) {
        return fail(
          'invalid_minimum',
          `minInstallmentCents must be whole cents from ${h.minInstallmentFloorCents} up to below the usual ${plan.minInstallmentCents} (got ${m})`,
        );
      }
      // A lower payment only helps if the plan may also run longer.
      planLimits = { maxInstallments: h.maxInstallments, minInstallmentCents: m };
      break;
    }
  }

  let startDate: LocalDate;
  try {
    startDate = localDateOf(request.verifiedAt, request.timeZone);
  } catch (err) {
    return fail('invalid_request', `verifiedAt: ${(err as Error).message}`);
  }
  const reviewDate = addMonthsClamped(startDate, termMonths);
  return {
    ok: true,
    kind: outcome.kind,
    reviewDate,
    reviewAt: toIso(localDateTimeToMs(reviewDate, DEFAULT_DUE_LOCAL_TIME, request.timeZone)),
    reductionCents,
    planLimits,
  };
}
