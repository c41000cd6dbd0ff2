/**
 * Placement with an agency is the last resort and must follow the clinic's written policy. The same gates
 * are evaluated twice, by BalanceWorkflow before it hands an account off and by placement before it accepts
 * it, so they live here once, each with a stable name that a rejection can cite.
 */
import type { Channel, CollectionPolicy } from './policy';
import { CHANNELS } from './policy';
import { centsProblem } from './money';
import { daysSince } from './cadence';
import { toIso, toMs, type Instant } from './local-time';

/** Stable names, in evaluation order; renaming one breaks stored rejections and dashboards. */
export const GATE_NAMES = [
  'age_window',
  'min_balance',
  'documented_attempts',
  'final_notice_lead',
  'no_open_dispute',
  'no_active_plan',
  'no_hardship_review',
  'no_insurance_hold',
  'not_deceased_or_bankrupt',
  'waiting_period',
  'plan_offered',
] as const;
export type GateName = (typeof GATE_NAMES)[number];

export interface PlacementFacts {
  /** The first statement: day 0 of the balance. */
  startAt: Instant;
  balanceCents: number;
  /** Documented contact attempts per channel (made or sent, from the attempt log). */
  attemptsByChannel: Partial<Record<Channel, number>>;
  finalNoticeSentAt?: Instant | null;
  planOfferedAt?: Instant | null;
  openDispute: boolean;
  activePlan: boolean;
  hardshipReview: boolean;
  insuranceHold: boolean;
  deceased: boolean;
  bankruptcy: boolean;
}

export interface GateResult {
  gate: GateName;
  pass: boolean;
  detail: string;
}

export interface PlacementEvaluation {
  eligible: boolean;
  /** Every gate, in GATE_NAMES order, passing or not. */
  gates: GateResult[];
  failed: GateName[];
  policyId: string;
  policyVersion: number;
  ageDays: number;
  evaluatedAt: string;
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

export function evaluatePlacementGates(
  policy: CollectionPolicy,
  facts: PlacementFacts,
  now: Instant,
): PlacementEvaluation {
  const pl = policy.placement;
  const day = policy.dayLengthMs;
  const nowMs = toMs(now, 'now');
  const ageDays = daysSince(facts.startAt, nowMs, day);
  const results: Record<GateName, GateResult> = {} as Record<GateName, GateResult>;
  const gate = (name: GateName, pass: boolean, detail: string) => {
    results[name] = { gate: name, pass, detail };
  };

  gate(
    'age_window',
    ageDays >= pl.windowStartDay && ageDays <= pl.windowEndDay,
    `day ${ageDays}; window is day ${pl.windowStartDay}–${pl.windowEndDay}`,
  );

  const balanceProblem = centsProblem(facts.balanceCents, -Infinity);
  gate(
    'min_balance',
    balanceProblem === undefined && facts.balanceCents >= pl.minBalanceCents,
    balanceProblem !== undefined
      ? `balanceCents ${balanceProblem}`
      : `balance ${facts.balanceCents} cents; minimum ${pl.minBalanceCents}`,
  );

  const counts = CHANNELS.map((c) => [c, facts.attemptsByChannel[c] ?? 0] as const);
  const badCount = counts.find(([, n]) => !isCount(n));
  const total = counts.reduce((sum, [, n]) => sum + (isCount(n) ? n : 0), 0);
  const shortfalls = [
    ...(total < pl.minAttempts.total ? [`total ${total}/${pl.minAttempts.total}`] : []),
    ...counts
      .filter(([c, n]) => isCount(n) && n < pl.minAttempts.byChannel[c])
      .map(([c, n]) => `${c} ${n}/${pl.minAttempts.byChannel[c]}`),
  ];
  gate(
    'documented_attempts',
    badCount === undefined && shortfalls.length === 0,
    badCount !== undefined
      ? `attemptsByChannel.${badCount[0]} must be a non-negative integer`
      : shortfalls.length > 0
        ? `short: ${shortfalls.join(', ')}`
        : `${total} documented attempts meet the minimums`,
  );

  if (facts.finalNoticeSentAt === undefined || facts.finalNoticeSentAt === null) {
    gate('final_notice_lead', false, 'no final notice has been sent');
  } else {
    const sentMs = toMs(facts.finalNoticeSentAt, 'finalNoticeSentAt');
    const needMs = pl.finalNoticeLeadDays * day;
    gate(
      'final_notice_lead',
      sentMs <= nowMs && nowMs - sentMs >= needMs,
      `final notice sent ${toIso(sentMs)}; placement allowed from ${toIso(sentMs + needMs)} (${pl.finalNoticeLeadDays} days later)`,
    );
  }

  gate('no_open_dispute', !facts.openDispute, facts.openDispute ? 'a dispute is open' : 'no open dispute');
  gate('no_active_plan', !facts.activePlan, facts.activePlan ? 'a payment plan is active' : 'no active plan');
  gate(
    'no_hardship_review',
    !facts.hardshipReview,
    facts.hardshipReview ? 'a hardship review is pending or active' : 'no hardship review',
  );
  gate(
    'no_insurance_hold',
    !facts.insuranceHold,
    facts.insuranceHold ? 'held for an insurance rebill' : 'no insurance hold',
  );
  const stops = [
    facts.deceased ? 'deceased' : undefined,
    facts.bankruptcy ? 'in bankruptcy' : undefined,
  ].filter((s) => s !== undefined);
  gate(
    'not_deceased_or_bankrupt',
    stops.length === 0,
    stops.length > 0 ? `patient ${stops.join(' and ')}` : 'no deceased or bankruptcy notice',
  );

  gate(
    'waiting_period',
    ageDays >= pl.waitingPeriodDays,
    pl.waitingPeriodDays === 0
      ? 'no waiting period in policy'
      : `day ${ageDays}; waiting period ends day ${pl.waitingPeriodDays}`,
  );

  if (!pl.requirePlanOfferBeforePlacement) {
    gate('plan_offered', true, 'not required by policy');
  } else if (facts.planOfferedAt === undefined || facts.planOfferedAt === null) {
    gate('plan_offered', false, 'no payment plan has been offered');
  } else {
    const offeredMs = toMs(facts.planOfferedAt, 'planOfferedAt');
    const needMs = pl.planOfferLeadDays * day;
    gate(
      'plan_offered',
      offeredMs <= nowMs && nowMs - offeredMs >= needMs,
      `plan offered ${toIso(offeredMs)}; the patient has until ${toIso(offeredMs + needMs)} to take it`,
    );
  }

  const gates = GATE_NAMES.map((g) => results[g]);
  const failed = gates.filter((g) => !g.pass).map((g) => g.gate);
  return {
    eligible: failed.length === 0,
    gates,
    failed,
    policyId: policy.policyId,
    policyVersion: policy.version,
    ageDays,
    evaluatedAt: toIso(nowMs),
  };
}
