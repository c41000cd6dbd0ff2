/**
 * What the cadence does next and when. A step is due `dayOffset × dayLengthMs` after the balance's start
 * instant, later by the time the cadence spent paused (dispute, insurance hold, an active plan), so after a
 * pause the cadence resumes where it left off instead of firing every step it slept through.
 *
 * Offsets are exact durations from the start instant, not local calendar days: that is what lets a demo
 * run with a ten-second "day". Patient-local calendars matter only for quiet dates.
 */
import type { CadenceStep, Channel, CollectionPolicy } from './policy';
import { stepChannels } from './policy';
import {
  addDays,
  localDateOf,
  startOfLocalDayMs,
  toIso,
  toMs,
  weekdayOf,
  type Instant,
  type LocalDate,
} from './local-time';

export interface CadenceState {
  /** The instant the balance became the patient's (the first statement); day 0. */
  startAt: Instant;
  /** The patient's IANA zone; quiet dates are their local dates. */
  timeZone: string;
  /** Steps already sent, or settled as skipped (stale, superseded, no channel possible). */
  doneStepKeys: readonly string[];
  /** Total time the cadence has been paused so far. */
  pausedMs?: number;
}

export type NextStep =
  | {
      status: 'next';
      step: CadenceStep;
      channels: Channel[];
      /** Where the cadence puts the step: start + offset + paused time. */
      scheduledAt: string;
      /** When to act: never before now, moved past quiet dates. */
      dueAt: string;
      /** Quiet local dates the step was moved past (empty when none). */
      movedPastQuietDates: LocalDate[];
      /** Overdue steps overtaken by a later overdue step; the workflow records them as skipped. */
      staleStepKeys: string[];
      /** Steps earlier than one already done (added by a policy change); never sent, recorded as skipped. */
      supersededStepKeys: string[];
      /** Plain words for Temporal UI; step keys and dates only, never patient data. */
      summary: string;
    }
  | { status: 'complete'; staleStepKeys: string[]; supersededStepKeys: string[]; summary: string };

function assertDayLength(dayLengthMs: number): void {
  if (!Number.isSafeInteger(dayLengthMs) || dayLengthMs <= 0) {
    throw new RangeError(`dayLengthMs: must be a positive integer (got ${dayLengthMs})`);
  }
}

/**
 * Whole policy days from `startInstant` to `now`. Before the start it is 0, not negative: an EHR may date a
 * statement a little ahead, and "day -1" would only confuse search attributes and gates.
 */
export function daysSince(startInstant: Instant, now: Instant, dayLengthMs: number): number {
  assertDayLength(dayLengthMs);
  const elapsed = toMs(now, 'now') - toMs(startInstant, 'startInstant');
  return elapsed <= 0 ? 0 : Math.floor(elapsed / dayLengthMs);
}

function isQuiet(
  date: LocalDate,
  quietDates: ReadonlySet<string>,
  quietWeekdays: ReadonlySet<number>,
): boolean {
  return quietDates.has(date) || quietWeekdays.has(weekdayOf(date));
}

/**
 * The earliest instant at or after `ms` that is not on a quiet local date: unchanged when `ms` is allowed,
 * otherwise the start of the next allowed local day. Time-of-day limits (8 am–9 pm) are outreach's rule and
 * are not applied here.
 */
export function shiftPastQuietDates(
  ms: number,
  timeZone: string,
  quietDates: readonly string[],
  quietWeekdays: readonly number[] = [],
): { ms: number; movedPast: LocalDate[] } {
  const dates = new Set(quietDates);
  const weekdays = new Set(quietWeekdays);
  if (weekdays.size >= 7)
    throw new RangeError('quietWeekdays: every weekday is quiet, nothing could ever be due');
  let date = localDateOf(ms, timeZone);
  const movedPast: LocalDate[] = [];
  while (isQuiet(date, dates, weekdays)) {
    movedPast.push(date);
    date = addDays(date, 1);
  }
  return movedPast.length === 0 ? { ms, movedPast } : { ms: startOfLocalDayMs(date, timeZone), movedPast };
}

export function nextStep(policy: CollectionPolicy, state: CadenceState, now: Instant): NextStep {
  assertDayLength(policy.dayLengthMs);
  const startMs = toMs(state.startAt, 'startAt');
  const nowMs = toMs(now, 'now');
  const pausedMs = state.pausedMs ?? 0;
  if (!Number.isSafeInteger(pausedMs) || pausedMs < 0)
    throw new RangeError(`pausedMs: must be a non-negative integer (got ${pausedMs})`);

  const done = new Set(state.doneStepKeys);
  const scheduled = (s: CadenceStep) => startMs + s.dayOffset * policy.dayLengthMs + pausedMs;

  // A policy change takes effect from the next step: a new step placed before one already done is not
  // sent late and out of order.
  const doneOffsets = policy.cadence.filter((s) => done.has(s.key)).map((s) => s.dayOffset);
  const lastDoneOffset = doneOffsets.length > 0 ? Math.max(...doneOffsets) : -Infinity;
  const open = policy.cadence.filter((s) => !done.has(s.key));
  const superseded = open.filter((s) => s.dayOffset < lastDoneOffset);
  const pending = open.filter((s) => s.dayOffset >= lastDoneOffset);

  // After an outage several steps can be overdue at once; only the latest is still worth sending, since a
  // burst of stale reminders reads as pressure. The final notice is never dropped: placement depends on it.
  const overdue = pending.filter((s) => scheduled(s) <= nowMs);
  const latestOverdue = overdue.length > 0 ? Math.max(...overdue.map(scheduled)) : -Infinity;
  const stale = overdue.filter((s) => scheduled(s) < latestOverdue && s.kind !== 'final_notice');

  const staleStepKeys = stale.map((s) => s.key);
  const supersededStepKeys = superseded.map((s) => s.key);
  const step = pending.find((s) => !stale.includes(s));
  if (step === undefined) {
    return {
      status: 'complete',
      staleStepKeys,
      supersededStepKeys,
      summary: 'cadence complete: no steps left',
    };
  }

  const scheduledMs = scheduled(step);
  const { ms: dueMs, movedPast } = shiftPastQuietDates(
    Math.max(scheduledMs, nowMs),
    state.timeZone,
    policy.quietDates,
    policy.quietWeekdays,
  );
  const channels = stepChannels(step);
  const dueAt = toIso(dueMs);
  const moved = movedPast.length > 0 ? `, moved past quiet ${movedPast.join(', ')}` : '';
  return {
    status: 'next',
    step,
    channels,
    scheduledAt: toIso(scheduledMs),
    dueAt,
    movedPastQuietDates: movedPast,
    staleStepKeys,
    supersededStepKeys,
    summary: `next: ${step.key} (day ${step.dayOffset}, ${channels.join(' or ')}) due ${dueAt}${moved}`,
  };
}
