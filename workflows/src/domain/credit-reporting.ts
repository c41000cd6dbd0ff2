/**
 * Credit-reporting eligibility is computed and shown to staff, never acted on automatically. The rules are
 * the nationwide bureaus' medical-debt practice and state bans (mission anchors §2.3): nothing under $500,
 * nothing in the first year after the first statement, paid medical debt never, and never in a state that
 * forbids it. A state waiting period in the policy (e.g. Maryland's 240 days) applies to reporting too.
 */
import type { CollectionPolicy } from './policy';
import { centsProblem } from './money';
import { daysSince } from './cadence';
import type { Instant } from './local-time';

/** $500: the bureaus removed medical collections with an initial balance under this (April 2023). */
export const CREDIT_REPORTING_MIN_CENTS = 50_000;
/** The bureaus hold unpaid medical collections for a year before they appear. */
export const CREDIT_REPORTING_MIN_DAYS = 365;

/**
 * States whose laws forbid reporting medical debt, per mission anchors §2.3: California (SB 1061, from
 * 2025-01-01), Colorado (HB23-1126), New York (Fair Medical Debt Reporting Act, 2023). Other states have
 * since passed similar laws and FCRA preemption is contested, so this is a default, not the law: callers
 * pass the tenant's reviewed list as `bannedStates`.
 */
export const DEFAULT_MEDICAL_DEBT_REPORTING_BANNED_STATES: readonly string[] = ['CA', 'CO', 'NY'];

export const CREDIT_REPORTING_CHECKS = [
  'unpaid',
  'min_amount',
  'first_year',
  'state_allows',
  'waiting_period',
  'no_open_dispute',
] as const;
export type CreditReportingCheckName = (typeof CREDIT_REPORTING_CHECKS)[number];

export interface CreditReportingFacts {
  firstStatementAt: Instant;
  /** What is unpaid now. */
  balanceCents: number;
  /** The balance when first billed; the bureaus' $500 line applies to the initial balance. */
  originalBalanceCents: number;
  /** The patient's two-letter US state; unknown means not eligible. */
  state: string | undefined;
  openDispute: boolean;
}

export interface CreditReportingCheck {
  check: CreditReportingCheckName;
  pass: boolean;
  detail: string;
}

export interface CreditReportingEligibility {
  eligible: boolean;
  checks: CreditReportingCheck[];
  failed: CreditReportingCheckName[];
  /** Always false: eligibility is advisory; a person decides and files. */
  automaticReporting: false;
}

export function creditReportingEligibility(
  policy: CollectionPolicy,
  facts: CreditReportingFacts,
  now: Instant,
  bannedStates: readonly string[] = DEFAULT_MEDICAL_DEBT_REPORTING_BANNED_STATES,
): CreditReportingEligibility {
  const ageDays = daysSince(facts.firstStatementAt, now, policy.dayLengthMs);
  const balanceProblem = centsProblem(facts.balanceCents);
  const originalProblem = centsProblem(facts.originalBalanceCents);
  const state = typeof facts.state === 'string' ? facts.state.toUpperCase() : undefined;
  const waiting = policy.placement.waitingPeriodDays;

  // Both amounts must clear $500: the bureaus judge the initial balance, and a balance paid down below $500
  // is treated the same way here because reporting it would contradict "nothing under $500" on the page.
  const amounts = [facts.balanceCents, facts.originalBalanceCents];
  const checks: CreditReportingCheck[] = [
    {
      check: 'unpaid',
      pass: balanceProblem === undefined && facts.balanceCents > 0,
      detail:
        balanceProblem !== undefined
          ? `balanceCents ${balanceProblem}`
          : facts.balanceCents > 0
            ? 'balance unpaid'
            : 'paid medical debt is never reported',
    },
    {
      check: 'min_amount',
      pass:
        balanceProblem === undefined &&
        originalProblem === undefined &&
        amounts.every((a) => a >= CREDIT_REPORTING_MIN_CENTS),
      detail:
        originalProblem !== undefined
          ? `originalBalanceCents ${originalProblem}`
          : `balance ${facts.balanceCents}, original ${facts.originalBalanceCents} cents; both must be at least ${CREDIT_REPORTING_MIN_CENTS}`,
    },
    {
      check: 'first_year',
      pass: ageDays >= CREDIT_REPORTING_MIN_DAYS,
      detail: `day ${ageDays} after the first statement; nothing before day ${CREDIT_REPORTING_MIN_DAYS}`,
    },
    {
      check: 'state_allows',
      pass: state !== undefined && /^[A-Z]{2}$/.test(state) && !bannedStates.includes(state),
      detail:
        state === undefined
          ? "the patient's state is unknown"
          : bannedStates.includes(state)
            ? `${state} forbids reporting medical debt`
            : `${state} is not on the banned list (${bannedStates.join(', ')})`,
    },
    {
      check: 'waiting_period',
      pass: ageDays >= waiting,
      detail:
        waiting === 0 ? 'no waiting period in policy' : `day ${ageDays}; waiting period ends day ${waiting}`,
    },
    {
      check: 'no_open_dispute',
      pass: !facts.openDispute,
      detail: facts.openDispute ? 'a dispute is open' : 'no open dispute',
    },
  ];
  const failed = checks.filter((c) => !c.pass).map((c) => c.check);
  return { eligible: failed.length === 0, checks, failed, automaticReporting: false };
}
