/**
 * What a running payment plan does next, and when: the decisions behind PaymentPlanWorkflow, kept pure so a
 * table of cases pins them down without Temporal. The workflow holds the schedule and per-installment
 * progress, asks `nextPlanAction`, sleeps until the action is due (any signal wakes it to ask again), runs
 * the action and records what happened.
 *
 * Instants in the schedule are real calendar instants in the patient's zone; the workflow's clock may run a
 * compressed "policy day" (seconds in the demo), so every schedule instant goes through `planTimeMs` first.
 */
import { MS_PER_DAY, toMs } from './local-time';
import { nextUnpaid, type Installment, type PlanSchedule } from './plan-schedule';

export interface PlanClock {
  /** Workflow time (epoch ms) at which the plan started: the point the compression is anchored on. */
  anchorMs: number;
  /** Length of a policy day in ms; MS_PER_DAY in production, so planTimeMs is then the identity. */
  dayLengthMs: number;
}

/** Workflow time of a schedule instant: the real distance from the anchor, scaled by the policy day. */
export function planTimeMs(clock: PlanClock, instant: string): number {
  const ms = toMs(instant, 'instant');
  if (clock.dayLengthMs === MS_PER_DAY) return ms;
  return clock.anchorMs + Math.round(((ms - clock.anchorMs) * clock.dayLengthMs) / MS_PER_DAY);
}

/** `days` policy days after a workflow instant. */
export function afterDays(clock: PlanClock, fromMs: number, days: number): number {
  return fromMs + days * clock.dayLengthMs;
}

export type PlanCallPurpose = 'hard_decline' | 'missed_installment';

/** What the workflow has done so far for one installment. */
export interface InstallmentProgress {
  /** The reminder went out, was given up (no channel, deferred past the due date) or was not needed. */
  reminderDone: boolean;
  /** Reminder sends tried so far (each gets its own attempt key). */
  reminderAttempts: number;
  /** Channels outreach answered "not possible" for; the next reminder attempt tries the next channel. */
  reminderChannelsRefused: ReminderChannel[];
  /** Outreach said "not now": the earliest workflow instant to try again. */
  reminderDeferredUntilMs?: number;
  /** Card charges tried so far (attempt numbers 1..n). */
  chargeAttempts: number;
  hardDeclined: boolean;
  /** A call task was queued for this installment (at most one per installment). */
  callTaskCreated: boolean;
}

export const freshProgress = (): InstallmentProgress => ({
  reminderDone: false,
  reminderAttempts: 0,
  reminderChannelsRefused: [],
  chargeAttempts: 0,
  hardDeclined: false,
  callTaskCreated: false,
});

export type ReminderChannel = 'sms' | 'email';

export interface PlanRulesView {
  /** Days after a missed due date on which the card is retried, increasing: e.g. [1, 3, 7]. */
  retryScheduleDays: number[];
  /** True when the patient consented to autopay and a card on file exists. */
  autopay: boolean;
  /** Channels a reminder may use, in order of preference (from consent and known contact points). */
  reminderChannels: ReminderChannel[];
}

export type PlanAction =
  | { kind: 'paid' }
  | { kind: 'remind'; seq: number; atMs: number; attempt: number; channel: ReminderChannel }
  | { kind: 'charge'; seq: number; atMs: number; attempt: number; amountCents: number }
  | { kind: 'call'; seq: number; atMs: number; purpose: PlanCallPurpose }
  | { kind: 'default'; seq: number; atMs: number; reason: 'hard_decline' | 'retries_exhausted' | 'not_paid' };

const owed = (i: Installment) => Math.max(0, i.amountCents - i.paidCents);

/**
 * The next action for the plan. `nowMs` is workflow time; an action whose `atMs` is in the past is due now.
 *
 * - Reminder: `reminderDaysBefore` before the due date (the schedule's remindAt), on the first channel not
 *   refused; skipped once the due date has come (a reminder after the fact is noise).
 * - Autopay: charge on the due date, then on each retry day after it while declines are soft. A hard decline
 *   is never retried: a call task goes to staff at once and the patient has until the last retry day to pay
 *   by link. Retries exhausted: a call task, then the plan defaults.
 * - No autopay: the patient pays by link; unpaid on the first retry day, staff get a call task; unpaid on the
 *   last retry day, the plan defaults.
 * A payment that covers the installment at any point moves the plan on to the next one.
 */
export function nextPlanAction(
  schedule: PlanSchedule,
  progress: ReadonlyMap<number, InstallmentProgress>,
  clock: PlanClock,
  rules: PlanRulesView,
  nowMs: number,
): PlanAction {
  const installment = nextUnpaid(schedule);
  if (installment === undefined) return { kind: 'paid' };
  const seq = installment.seq;
  const p = progress.get(seq) ?? freshProgress();
  const dueMs = planTimeMs(clock, installment.dueAt);
  const retries = rules.retryScheduleDays;
  const lastRetryMs = afterDays(clock, dueMs, retries.length > 0 ? retries[retries.length - 1]! : 0);

  if (!p.reminderDone && nowMs < dueMs && p.chargeAttempts === 0) {
    const channel = rules.reminderChannels.find((c) => !p.reminderChannelsRefused.includes(c));
    const atMs = Math.max(planTimeMs(clock, installment.remindAt), p.reminderDeferredUntilMs ?? 0);
    if (channel !== undefined && atMs < dueMs) {
      return { kind: 'remind', seq, atMs, attempt: p.reminderAttempts + 1, channel };
    }
  }

  if (rules.autopay) {
    if (p.hardDeclined) {
      if (!p.callTaskCreated) return { kind: 'call', seq, atMs: nowMs, purpose: 'hard_decline' };
      return { kind: 'default', seq, atMs: lastRetryMs, reason: 'hard_decline' };
    }
    if (p.chargeAttempts <= retries.length) {
      const atMs = p.chargeAttempts === 0 ? dueMs : afterDays(clock, dueMs, retries[p.chargeAttempts - 1]!);
      return { kind: 'charge', seq, atMs, attempt: p.chargeAttempts + 1, amountCents: owed(installment) };
    }
    if (!p.callTaskCreated) return { kind: 'call', seq, atMs: nowMs, purpose: 'missed_installment' };
    return { kind: 'default', seq, atMs: nowMs, reason: 'retries_exhausted' };
  }

  const firstRetryMs = afterDays(clock, dueMs, retries.length > 0 ? retries[0]! : 0);
  if (!p.callTaskCreated) return { kind: 'call', seq, atMs: firstRetryMs, purpose: 'missed_installment' };
  return { kind: 'default', seq, atMs: lastRetryMs, reason: 'not_paid' };
}

/** `<planId>:<installment>:<attempt>`: what the processor sees, so a retried activity never charges twice. */
export function chargeIdempotencyKey(planId: string, seq: number, attempt: number): string {
  return `${planId}:${seq}:${attempt}`;
}

/** Reminder channels in order: text when consented and a number is known, then email likewise. */
export function reminderChannelsFor(contact: {
  phone?: string;
  email?: string;
  smsConsent?: boolean;
  emailConsent?: boolean;
}): ReminderChannel[] {
  const channels: ReminderChannel[] = [];
  if (contact.smsConsent === true && contact.phone) channels.push('sms');
  if (contact.emailConsent !== false && contact.email) channels.push('email');
  return channels;
}
