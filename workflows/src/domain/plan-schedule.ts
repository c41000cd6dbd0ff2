/**
 * Payment plans: what may be offered, what a request needs, and the installment schedule.
 *
 * A patient thinks in their own calendar ("the 31st of each month"), so due dates are local dates in the
 * patient's zone and become UTC instants only at a fixed local hour. 10:00 is the default because it is
 * inside the 8 am–9 pm contact window everywhere and never inside a DST transition (those happen at night).
 */
import type { CollectionPolicy } from './policy';
import { roleSatisfies, type Approver, type RequiredApproval } from './approvals';
import { assertCents, centsProblem, splitCents } from './money';
import {
  addDays,
  addMonthsClamped,
  isLocalDate,
  isLocalTime,
  isValidTimeZone,
  localDateTimeToMs,
  toIso,
  toMs,
  type Instant,
  type LocalDate,
  type LocalTime,
} from './local-time';

export const DEFAULT_DUE_LOCAL_TIME: LocalTime = '10:00';
/** Beyond ten years of monthly payments a plan is a typo, not a plan. */
export const MAX_INSTALLMENTS = 120;

export interface Installment {
  /** 1-based position in the plan. */
  seq: number;
  dueDate: LocalDate;
  dueAt: string;
  /** `reminderDaysBefore` local calendar days before the due date, at the same local time. */
  remindAt: string;
  amountCents: number;
  paidCents: number;
}

export interface PlanSchedule {
  timeZone: string;
  localTime: LocalTime;
  reminderDaysBefore: number;
  installments: Installment[];
}

export interface ScheduleRequest {
  totalCents: number;
  installments: number;
  /** The first due date on the patient's calendar. */
  firstDueDate: LocalDate;
  timeZone: string;
  /** Absent: monthly on the first due date's day of month (clamped to short months). */
  intervalDays?: number;
  localTime?: LocalTime;
  reminderDaysBefore?: number;
}

function dueInstants(date: LocalDate, localTime: LocalTime, timeZone: string, reminderDaysBefore: number) {
  return {
    dueAt: toIso(localDateTimeToMs(date, localTime, timeZone)),
    // Two calendar days, not 48 hours: in a DST week 48 hours would land at 9:00 or 11:00 local.
    remindAt: toIso(localDateTimeToMs(addDays(date, -reminderDaysBefore), localTime, timeZone)),
  };
}

/**
 * Splits the total into equal installments with the remainder cents on the FIRST one (see splitCents), due
 * monthly on the first due date's day of month (Jan 31 → Feb 28/29 → Mar 31) or every `intervalDays`.
 */
export function buildSchedule(request: ScheduleRequest): PlanSchedule {
  const { totalCents, installments, firstDueDate, timeZone } = request;
  const localTime = request.localTime ?? DEFAULT_DUE_LOCAL_TIME;
  const reminderDaysBefore = request.reminderDaysBefore ?? 2;
  assertCents(totalCents, 'totalCents', 1);
  if (!Number.isInteger(installments) || installments < 1 || installments > MAX_INSTALLMENTS) {
    throw new RangeError(
      `installments: must be an integer between 1 and ${MAX_INSTALLMENTS} (got ${installments})`,
    );
  }
  if (installments > totalCents)
    throw new RangeError(`installments: ${installments} installments cannot split ${totalCents} cents`);
  if (!isLocalDate(firstDueDate))
    throw new RangeError(
      `firstDueDate: must be a real date YYYY-MM-DD (got ${JSON.stringify(firstDueDate)})`,
    );
  if (!isValidTimeZone(timeZone))
    throw new RangeError(`timeZone: not an IANA time zone (got ${JSON.stringify(timeZone)})`);
  if (!isLocalTime(localTime))
    throw new RangeError(`localTime: must be HH:MM (got ${JSON.stringify(localTime)})`);
  if (!Number.isInteger(reminderDaysBefore) || reminderDaysBefore < 0) {
    throw new RangeError(`reminderDaysBefore: must be a non-negative integer (got ${reminderDaysBefore})`);
  }
  const interval = request.intervalDays;
  if (interval !== undefined && (!Number.isInteger(interval) || interval < 1 || interval > 366)) {
    throw new RangeError(`intervalDays: must be an integer between 1 and 366 (got ${interval})`);
  }

  const anchorDay = Number(firstDueDate.slice(8, 10));
  const amounts = splitCents(totalCents, installments);
  return {
    timeZone,
    localTime,
    reminderDaysBefore,
    installments: amounts.map((amountCents, i) => {
      const dueDate =
        interval === undefined
          ? addMonthsClamped(firstDueDate, i, anchorDay)
          : addDays(firstDueDate, i * interval);
      return {
        seq: i + 1,
        dueDate,
        ...dueInstants(dueDate, localTime, timeZone, reminderDaysBefore),
        amountCents,
        paidCents: 0,
      };
    }),
  };
}

function owed(i: Installment): number {
  return Math.max(0, i.amountCents - i.paidCents);
}

export function outstandingCents(schedule: PlanSchedule): number {
  return schedule.installments.reduce((sum, i) => sum + owed(i), 0);
}

/** The first installment not fully paid, or undefined when the plan is paid off. */
export function nextUnpaid(schedule: PlanSchedule): Installment | undefined {
  return schedule.installments.find((i) => owed(i) > 0);
}

/** Applies a payment to the oldest unpaid installments first; what exceeds the plan is returned unapplied. */
export function applyPayment(
  schedule: PlanSchedule,
  amountCents: number,
): { schedule: PlanSchedule; unappliedCents: number } {
  assertCents(amountCents, 'amountCents', 1);
  let left = amountCents;
  const installments = schedule.installments.map((i) => {
    const take = Math.min(owed(i), left);
    left -= take;
    return take > 0 ? { ...i, paidCents: i.paidCents + take } : i;
  });
  return { schedule: { ...schedule, installments }, unappliedCents: left };
}

export type RebalanceResult = { ok: true; schedule: PlanSchedule } | { ok: false; reason: string };

/**
 * Re-spreads a changed balance over the unpaid installments (remainder on the first of them), keeping due
 * dates, so the plan follows the ledger (insurance paid more, a charge was added) without a new agreement.
 *
 * Installments already due at `now` and still unpaid are in the retry path; they keep what the patient was
 * told, unless the new balance is smaller than those alone, and the rest goes on the future installments.
 * A schedule with nothing unpaid cannot absorb a new amount; the workflow decides (new plan or cadence).
 */
export function rebalance(schedule: PlanSchedule, newRemainingCents: number, now: Instant): RebalanceResult {
  assertCents(newRemainingCents, 'newRemainingCents');
  const nowMs = toMs(now, 'now');
  const unpaid = schedule.installments.filter((i) => owed(i) > 0);
  if (unpaid.length === 0) {
    return newRemainingCents === 0
      ? { ok: true, schedule }
      : {
          ok: false,
          reason: `all installments are paid; ${newRemainingCents} cents cannot be spread over them`,
        };
  }
  const past = unpaid.filter((i) => toMs(i.dueAt) <= nowMs);
  const future = unpaid.filter((i) => toMs(i.dueAt) > nowMs);
  const pastOwed = past.reduce((sum, i) => sum + owed(i), 0);

  const newOwed = new Map<number, number>();
  const spread = (targets: Installment[], cents: number) => {
    // splitCents needs a positive total; spreading zero leaves every target owing nothing.
    const shares = cents === 0 ? targets.map(() => 0) : splitCents(cents, targets.length);
    targets.forEach((t, k) => newOwed.set(t.seq, shares[k]!));
  };
  if (future.length > 0 && newRemainingCents >= pastOwed) {
    past.forEach((i) => newOwed.set(i.seq, owed(i)));
    spread(future, newRemainingCents - pastOwed);
  } else {
    spread(unpaid, newRemainingCents);
  }
  return {
    ok: true,
    schedule: {
      ...schedule,
      installments: schedule.installments.map((i) => {
        const o = newOwed.get(i.seq);
        return o === undefined ? i : { ...i, amountCents: i.paidCents + o };
      }),
    },
  };
}

export type OfferedTerms =
  | {
      eligible: true;
      /** The range offered to the patient without approval. */
      minInstallments: number;
      maxInstallments: number;
      /** Up to this many with the approver's sign-off. */
      maxWithApproval: number;
      minInstallmentCents: number;
    }
  | { eligible: false; reason: string };

/** The plan terms a balance qualifies for: the policy's range for its size, capped so no installment falls below the minimum. */
export function offeredTerms(policy: CollectionPolicy, balanceCents: number): OfferedTerms {
  const problem = centsProblem(balanceCents);
  if (problem !== undefined) return { eligible: false, reason: `balanceCents: ${problem}` };
  const plan = policy.plan;
  if (balanceCents < plan.minBalanceCents) {
    return {
      eligible: false,
      reason: `balance ${balanceCents} is below the plan minimum of ${plan.minBalanceCents} cents`,
    };
  }
  const range = plan.termsByBalance.find(
    (r) =>
      balanceCents >= r.minBalanceCents && (r.maxBalanceCents === null || balanceCents < r.maxBalanceCents),
  );
  if (range === undefined)
    return { eligible: false, reason: `no plan terms cover a balance of ${balanceCents} cents` };
  const affordable = Math.floor(balanceCents / plan.minInstallmentCents);
  const maxInstallments = Math.min(range.maxInstallments, plan.maxTermWithoutApproval, affordable);
  if (maxInstallments < range.minInstallments) {
    return {
      eligible: false,
      reason: `balance ${balanceCents} is too small for ${range.minInstallments} installments of ${plan.minInstallmentCents} cents`,
    };
  }
  return {
    eligible: true,
    minInstallments: range.minInstallments,
    maxInstallments,
    maxWithApproval: Math.min(plan.maxTermWithApproval, affordable),
    minInstallmentCents: plan.minInstallmentCents,
  };
}

/** Looser limits a verified hardship grants to one patient (see hardship.ts). */
export interface PlanLimits {
  maxInstallments: number;
  minInstallmentCents: number;
}

export type PlanRequestError =
  | 'invalid_balance'
  | 'below_min_balance'
  | 'invalid_installments'
  | 'installment_below_minimum'
  | 'exceeds_max_term'
  | 'approver_role_insufficient';

export type PlanDecision =
  | { ok: true; installments: number; needsApproval: false }
  | {
      ok: true;
      installments: number;
      needsApproval: true;
      requiredRole: Exclude<RequiredApproval, 'none'>;
      /** False: valid, but waits for an approver before it can start. */
      approved: boolean;
      approvedBy?: string;
    }
  | { ok: false; error: PlanRequestError; reason: string };

/**
 * The validator behind the "accept a payment plan" Update. Fewer installments than offered are fine (the
 * patient pays faster); more than the balance's range needs the plan approver; more than
 * plan.maxTermWithApproval is refused outright. A single installment is a promise to pay, not a plan.
 */
export function validatePlanRequest(
  policy: CollectionPolicy,
  balanceCents: number,
  installments: number,
  approver?: Approver,
  hardship?: PlanLimits,
): PlanDecision {
  const problem = centsProblem(balanceCents);
  if (problem !== undefined)
    return { ok: false, error: 'invalid_balance', reason: `balanceCents: ${problem}` };
  const plan = policy.plan;
  if (balanceCents < plan.minBalanceCents) {
    return {
      ok: false,
      error: 'below_min_balance',
      reason: `balance ${balanceCents} is below the plan minimum of ${plan.minBalanceCents} cents`,
    };
  }
  if (!Number.isInteger(installments) || installments < 2) {
    return {
      ok: false,
      error: 'invalid_installments',
      reason: `installments must be a whole number of at least 2 (got ${installments})`,
    };
  }
  const minInstallmentCents = hardship?.minInstallmentCents ?? plan.minInstallmentCents;
  const smallest = Math.floor(balanceCents / installments);
  if (smallest < minInstallmentCents) {
    return {
      ok: false,
      error: 'installment_below_minimum',
      reason: `${installments} installments would be ${smallest} cents each, below the minimum of ${minInstallmentCents}`,
    };
  }
  const offered = offeredTerms(policy, balanceCents);
  const withoutApproval = Math.max(
    offered.eligible ? offered.maxInstallments : 0,
    hardship?.maxInstallments ?? 0,
  );
  if (installments <= withoutApproval) return { ok: true, installments, needsApproval: false };

  const ceiling = Math.max(plan.maxTermWithApproval, hardship?.maxInstallments ?? 0);
  if (installments > ceiling) {
    return {
      ok: false,
      error: 'exceeds_max_term',
      reason: `${installments} installments exceed the policy maximum of ${ceiling}`,
    };
  }
  const requiredRole = plan.approverRole;
  if (approver === undefined)
    return { ok: true, installments, needsApproval: true, requiredRole, approved: false };
  if (!roleSatisfies(approver.role, requiredRole)) {
    return {
      ok: false,
      error: 'approver_role_insufficient',
      reason: `${installments} installments need a ${requiredRole}'s approval; ${String(approver.role)} is not enough`,
    };
  }
  return {
    ok: true,
    installments,
    needsApproval: true,
    requiredRole,
    approved: true,
    approvedBy: approver.userId,
  };
}
