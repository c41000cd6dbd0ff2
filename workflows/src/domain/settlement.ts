/**
 * Settlements: a discount to close an aged balance that is unlikely to be paid in full. Only after
 * documented effort, never while something else (a dispute, a plan, a hardship review, a hold) is in play,
 * and with the discount capped by age and signed off above thresholds.
 */
import type { CollectionPolicy, Segment } from './policy';
import { roleSatisfies, type Approver, type RequiredApproval } from './approvals';
import { centsProblem, percentOfCents } from './money';
import { daysSince } from './cadence';
import type { Instant } from './local-time';

export interface SettlementFacts {
  startAt: Instant;
  balanceCents: number;
  segment: Segment;
  documentedAttempts: number;
  openDispute: boolean;
  activePlan: boolean;
  hardshipReview: boolean;
  insuranceHold: boolean;
  deceased: boolean;
  bankruptcy: boolean;
}

export const SETTLEMENT_CHECKS = [
  'positive_balance',
  'min_age',
  'low_probability',
  'min_attempts',
  'no_open_dispute',
  'no_active_plan',
  'no_hardship_review',
  'no_insurance_hold',
  'not_deceased_or_bankrupt',
] as const;
export type SettlementCheckName = (typeof SETTLEMENT_CHECKS)[number];

export interface SettlementCheck {
  check: SettlementCheckName;
  pass: boolean;
  detail: string;
}

export interface SettlementEligibility {
  eligible: boolean;
  checks: SettlementCheck[];
  failed: SettlementCheckName[];
  ageDays: number;
  /** The largest discount the balance's age allows (0 when no tier applies). */
  maxDiscountPct: number;
}

/** The largest discount for a balance of this age: the highest tier whose minAgeDays it has reached. */
export function maxDiscountPct(policy: CollectionPolicy, ageDays: number): number {
  let pct = 0;
  for (const tier of policy.settlement.maxDiscountPctByAgeDays) {
    if (ageDays >= tier.minAgeDays) pct = Math.max(pct, tier.maxDiscountPct);
  }
  return pct;
}

/** Discounts strictly above a threshold need that approver; at the threshold the lower level suffices. */
export function requiredApprover(policy: CollectionPolicy, discountPct: number): RequiredApproval {
  const s = policy.settlement;
  if (discountPct > s.financeLeadThresholdPct) return 'finance_lead';
  if (discountPct > s.managerThresholdPct) return 'manager';
  return 'none';
}

export function settlementEligibility(
  policy: CollectionPolicy,
  facts: SettlementFacts,
  now: Instant,
): SettlementEligibility {
  const s = policy.settlement;
  const ageDays = daysSince(facts.startAt, now, policy.dayLengthMs);
  const balanceProblem = centsProblem(facts.balanceCents, 1);
  const attemptsOk = Number.isInteger(facts.documentedAttempts) && facts.documentedAttempts >= s.minAttempts;
  const stops = [
    facts.deceased ? 'deceased' : undefined,
    facts.bankruptcy ? 'in bankruptcy' : undefined,
  ].filter((x) => x !== undefined);
  const checks: SettlementCheck[] = [
    {
      check: 'positive_balance',
      pass: balanceProblem === undefined,
      detail:
        balanceProblem === undefined
          ? `balance ${facts.balanceCents} cents`
          : `balanceCents ${balanceProblem}`,
    },
    {
      check: 'min_age',
      pass: ageDays >= s.minAgeDays,
      detail: `day ${ageDays}; settlements from day ${s.minAgeDays}`,
    },
    {
      check: 'low_probability',
      pass: s.eligibleSegments.includes(facts.segment),
      detail: `segment ${facts.segment}; eligible segments: ${s.eligibleSegments.join(', ')}`,
    },
    {
      check: 'min_attempts',
      pass: attemptsOk,
      detail: `${facts.documentedAttempts} documented attempts; minimum ${s.minAttempts}`,
    },
    {
      check: 'no_open_dispute',
      pass: !facts.openDispute,
      detail: facts.openDispute ? 'a dispute is open' : 'no open dispute',
    },
    {
      check: 'no_active_plan',
      pass: !facts.activePlan,
      detail: facts.activePlan ? 'a payment plan is active' : 'no active plan',
    },
    {
      check: 'no_hardship_review',
      pass: !facts.hardshipReview,
      detail: facts.hardshipReview ? 'a hardship review is pending or active' : 'no hardship review',
    },
    {
      check: 'no_insurance_hold',
      pass: !facts.insuranceHold,
      detail: facts.insuranceHold ? 'held for an insurance rebill' : 'no insurance hold',
    },
    {
      check: 'not_deceased_or_bankrupt',
      pass: stops.length === 0,
      detail: stops.length > 0 ? `patient ${stops.join(' and ')}` : 'no deceased or bankruptcy notice',
    },
  ];
  const failed = checks.filter((c) => !c.pass).map((c) => c.check);
  return {
    eligible: failed.length === 0,
    checks,
    failed,
    ageDays,
    maxDiscountPct: maxDiscountPct(policy, ageDays),
  };
}

export type SettlementError =
  | 'not_eligible'
  | 'invalid_discount'
  | 'exceeds_max_discount'
  | 'approval_required'
  | 'approver_role_insufficient';

export type SettlementDecision =
  | {
      ok: true;
      discountPct: number;
      discountCents: number;
      /** What the patient pays to settle in full. */
      settlementCents: number;
      requiredApprover: RequiredApproval;
      approvedBy?: string;
    }
  | { ok: false; error: SettlementError; reason: string; requiredApprover?: RequiredApproval };

/**
 * The validator behind "offer / accept a settlement". An offer that needs approval is refused until an
 * approver of sufficient role is attached, so nothing above a threshold can reach a patient unsigned.
 */
export function validateSettlementOffer(
  policy: CollectionPolicy,
  facts: SettlementFacts,
  discountPct: number,
  now: Instant,
  approver?: Approver,
): SettlementDecision {
  const eligibility = settlementEligibility(policy, facts, now);
  if (!eligibility.eligible) {
    return { ok: false, error: 'not_eligible', reason: `not eligible: ${eligibility.failed.join(', ')}` };
  }
  if (!Number.isInteger(discountPct) || discountPct < 1 || discountPct > 100) {
    return {
      ok: false,
      error: 'invalid_discount',
      reason: `discountPct must be a whole percent from 1 to 100 (got ${discountPct})`,
    };
  }
  if (discountPct > eligibility.maxDiscountPct) {
    return {
      ok: false,
      error: 'exceeds_max_discount',
      reason: `${discountPct}% exceeds the ${eligibility.maxDiscountPct}% allowed at day ${eligibility.ageDays}`,
    };
  }
  const required = requiredApprover(policy, discountPct);
  if (required !== 'none' && approver === undefined) {
    return {
      ok: false,
      error: 'approval_required',
      reason: `${discountPct}% needs a ${required}'s approval`,
      requiredApprover: required,
    };
  }
  if (approver !== undefined && !roleSatisfies(approver.role, required)) {
    return {
      ok: false,
      error: 'approver_role_insufficient',
      reason: `${discountPct}% needs a ${required}'s approval; ${String(approver.role)} is not enough`,
      requiredApprover: required,
    };
  }
  const discountCents = percentOfCents(facts.balanceCents, discountPct);
  return {
    ok: true,
    discountPct,
    discountCents,
    settlementCents: facts.balanceCents - discountCents,
    requiredApprover: required,
    ...(required !== 'none' && approver !== undefined ? { approvedBy: approver.userId } : {}),
  };
}
