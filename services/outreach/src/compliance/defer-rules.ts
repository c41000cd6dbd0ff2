import { describeLocal, formatMinute, nextCallingInstant, type CallingZones } from './calling-window';
import {
  SEVEN_DAYS_MS,
  countInRollingWindow,
  earliestAfterConversation,
  earliestUnderCap,
  isCallAttempt,
  isConversation,
  isOutbound,
  type TimedAttempt,
} from './frequency';
import type { AttemptRequest, RuleName } from './types';
import type { PreparedPolicy } from './validate';

/**
 * A rule that can only postpone. `earliestFrom(t)` is the first instant ≥ t the rule allows, assuming no
 * other attempt is made meanwhile; `explain` says why in plain words for the attempt log.
 */
export interface DeferRule {
  readonly rule: RuleName;
  earliestFrom(t: number): number;
  explain(t: number, until: number): string;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function buildDeferRules(
  request: AttemptRequest,
  policy: PreparedPolicy,
  /** Oldest first. */
  attempts: readonly TimedAttempt[],
  zones: CallingZones,
): DeferRule[] {
  const rules: DeferRule[] = [];

  if (request.channel === 'call') {
    const conversations = attempts.filter(isConversation).map((a) => a.atMs);
    rules.push({
      rule: 'call_after_conversation',
      earliestFrom: (t) => earliestAfterConversation(conversations, t, SEVEN_DAYS_MS),
      explain: (_t, until) =>
        `the patient was spoken to on the phone within the last 7 days; no call before ${iso(until)}`,
    });

    const cap = policy.callAttemptCap;
    const calls = attempts.filter(isCallAttempt).map((a) => a.atMs);
    rules.push({
      rule: 'call_attempt_cap',
      earliestFrom: (t) => earliestUnderCap(calls, t, cap, SEVEN_DAYS_MS),
      explain: (t, until) =>
        `${countInRollingWindow(calls, t, SEVEN_DAYS_MS)} call attempts in the last 7 days reach the limit of ` +
        `${cap}; the next call is possible at ${iso(until)}`,
    });
  }

  const weeklyCap = policy.weeklyContactCap;
  const outbound = attempts.filter(isOutbound).map((a) => a.atMs);
  rules.push({
    rule: 'weekly_contact_cap',
    earliestFrom: (t) => earliestUnderCap(outbound, t, weeklyCap, SEVEN_DAYS_MS),
    explain: (t, until) =>
      `${countInRollingWindow(outbound, t, SEVEN_DAYS_MS)} contacts across all channels in the last 7 days reach ` +
      `the policy limit of ${weeklyCap}; the next is possible at ${iso(until)}`,
  });

  const { window, quietDays } = policy;
  rules.push({
    rule: 'calling_window',
    earliestFrom: (t) => nextCallingInstant(t, zones, window, quietDays),
    explain: (t, until) => {
      const where =
        zones.basis === 'strictest_us'
          ? 'the patient’s time zone is unknown, so the window must hold in every US time zone'
          : `it is ${describeLocal(t, zones.zones[0])} (${zones.basis === 'patient' ? 'patient' : 'clinic'} time zone)`;
      const hours = `${formatMinute(window.startMinute)}–${formatMinute(window.endMinute)}`;
      return `${where}; contact is allowed ${hours} local, outside quiet dates; next opening ${iso(until)}`;
    },
  });

  return rules;
}
