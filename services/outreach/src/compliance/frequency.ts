import type { CallOutcome, ContactAttemptRecord } from './types';

/** "7 days" in Regulation F is seven consecutive days; we use 7 × 24 h so DST cannot shorten it. */
export const SEVEN_DAYS_MS = 7 * 86_400_000;

/** Regulation F §1006.14(b)(2): the call-frequency presumption. */
export const REG_F_CALL_ATTEMPT_CAP = 7;

const CONVERSATION_OUTCOMES: ReadonlySet<CallOutcome> = new Set([
  'reached',
  'promise_to_pay',
  'plan_requested',
  'dispute',
]);

export interface TimedAttempt {
  readonly record: ContactAttemptRecord;
  readonly atMs: number;
}

export const isOutbound = (a: TimedAttempt): boolean => (a.record.direction ?? 'outbound') === 'outbound';
export const isCallAttempt = (a: TimedAttempt): boolean => a.record.channel === 'call' && isOutbound(a);
export const isConversation = (a: TimedAttempt): boolean =>
  a.record.channel === 'call' &&
  a.record.callOutcome !== undefined &&
  CONVERSATION_OUTCOMES.has(a.record.callOutcome);

/**
 * How many of `attemptTimes` fall in the rolling window ending at `atMs`. Times after `atMs` count too:
 * a record dated in the future is a clock problem, and counting it errs on the patient's side.
 */
export function countInRollingWindow(
  attemptTimes: readonly number[],
  atMs: number,
  windowMs: number,
): number {
  let n = 0;
  for (const t of attemptTimes) if (t > atMs - windowMs) n++;
  return n;
}

/**
 * Earliest instant ≥ `fromMs` at which fewer than `cap` attempts remain in the rolling window, assuming
 * nothing else is sent meanwhile: the moment enough of the oldest ones have aged out.
 * `sortedTimes` must be oldest first.
 */
export function earliestUnderCap(
  sortedTimes: readonly number[],
  fromMs: number,
  cap: number,
  windowMs: number,
): number {
  if (countInRollingWindow(sortedTimes, fromMs, windowMs) < cap) return fromMs;
  // With n times and at least `cap` of them recent, the (n - cap)th must leave the window.
  const freed = sortedTimes[sortedTimes.length - cap] + windowMs;
  return freed > fromMs ? freed : fromMs;
}

/** Earliest instant ≥ `fromMs` that is at least `quietMs` after the latest conversation. */
export function earliestAfterConversation(
  conversationTimes: readonly number[],
  fromMs: number,
  quietMs: number,
): number {
  let earliest = fromMs;
  for (const t of conversationTimes) if (t + quietMs > earliest) earliest = t + quietMs;
  return earliest;
}
