import { TEMPLATE_PURPOSES } from '../templates/purposes';
import { effectiveWindow, parseDayKey, type CallingWindow } from './calling-window';
import { epochDay } from './local-time';
import { REG_F_CALL_ATTEMPT_CAP, type TimedAttempt } from './frequency';
import {
  CHANNELS,
  InvalidComplianceInput,
  type AttemptRequest,
  type ComplianceContext,
  type OutreachPolicy,
} from './types';

// Date.parse accepts loose, engine-specific strings; an instant in the log must be unambiguous.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Digits at [i, i + len) as a number, or NaN. */
function digitsAt(s: string, i: number, len: number): number {
  let v = 0;
  for (let k = i; k < i + len; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/**
 * The attempt log writes 'YYYY-MM-DDTHH:MM:SS.sssZ' (toISOString); reading that shape by position is
 * far cheaper than Date.parse, which matters when every decision re-reads a week of history.
 */
function parseCanonicalUtc(s: string): number | undefined {
  if (s.length !== 24 || s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':')
    return undefined;
  if (s[19] !== '.' || s[23] !== 'Z') return undefined;
  const y = digitsAt(s, 0, 4);
  const mo = digitsAt(s, 5, 2);
  const da = digitsAt(s, 8, 2);
  const h = digitsAt(s, 11, 2);
  const mi = digitsAt(s, 14, 2);
  const se = digitsAt(s, 17, 2);
  const ms = digitsAt(s, 20, 3);
  // NaN fails every comparison below, so a stray non-digit falls through to the slow path.
  if (!(mo >= 1 && mo <= 12 && da >= 1 && h <= 23 && mi <= 59 && se <= 59 && y >= 0 && ms >= 0))
    return undefined;
  if (da > daysInMonth(y, mo)) return undefined;
  return ((epochDay({ year: y, month: mo, day: da }) * 24 + h) * 60 + mi) * 60_000 + se * 1000 + ms;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysInMonth(y: number, m: number): number {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return m === 2 && leap ? 29 : MONTH_DAYS[m - 1];
}

/** ms since epoch, or undefined when the text is not a full ISO 8601 instant with zone. */
export function parseInstant(iso: unknown): number | undefined {
  if (typeof iso !== 'string') return undefined;
  const fast = parseCanonicalUtc(iso);
  if (fast !== undefined) return fast;
  if (!ISO_INSTANT.test(iso)) return undefined;
  // Date.parse quietly turns 02-30 into March 2.
  if (digitsAt(iso, 8, 2) > daysInMonth(digitsAt(iso, 0, 4), digitsAt(iso, 5, 2))) return undefined;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : undefined;
}

export function requireInstant(iso: unknown, field: string): number {
  const ms = parseInstant(iso);
  if (ms === undefined)
    throw new InvalidComplianceInput(field, `expected an ISO 8601 instant, got ${JSON.stringify(iso)}`);
  return ms;
}

const isPositiveInt = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 1;

export function validateRequest(request: AttemptRequest): void {
  if (!CHANNELS.includes(request.channel))
    throw new InvalidComplianceInput('request.channel', String(request.channel));
  if (!TEMPLATE_PURPOSES.includes(request.purpose)) {
    throw new InvalidComplianceInput('request.purpose', String(request.purpose));
  }
}

/** Checks the context and returns its attempt history with parsed instants. */
export interface PreparedPolicy {
  readonly version: string;
  readonly weeklyContactCap: number;
  readonly callAttemptCap: number;
  readonly window: CallingWindow;
  readonly quietDays: ReadonlySet<number>;
}

// A policy is a snapshot shared by every decision of a workflow run (and of the simulation), so its
// checks and derived sets are computed once per object.
const prepared = new WeakMap<OutreachPolicy, PreparedPolicy>();

export function preparePolicy(p: OutreachPolicy): PreparedPolicy {
  const cached = prepared.get(p);
  if (cached) return cached;
  if (typeof p.version !== 'string' || p.version.trim() === '') {
    throw new InvalidComplianceInput('policy.version', 'missing; every decision must name its policy');
  }
  // A cap of 0 would defer forever; "never contact" is a block decided elsewhere, not a cap.
  if (!isPositiveInt(p.weeklyContactCap))
    throw new InvalidComplianceInput('policy.weeklyContactCap', 'integer ≥ 1');
  if (p.callAttemptCap !== undefined && !isPositiveInt(p.callAttemptCap)) {
    throw new InvalidComplianceInput('policy.callAttemptCap', 'integer ≥ 1');
  }
  if (p.callingWindow) {
    const { startMinute, endMinute } = p.callingWindow;
    const ok = [startMinute, endMinute].every((m) => Number.isInteger(m) && m >= 0 && m <= 1440);
    if (!ok || endMinute <= startMinute) {
      throw new InvalidComplianceInput('policy.callingWindow', 'minutes 0–1440, end > start');
    }
  }
  const quietDays = new Set<number>();
  (p.quietDates ?? []).forEach((d, i) => {
    const key = LOCAL_DATE.test(d) ? parseDayKey(d) : undefined;
    if (key === undefined) throw new InvalidComplianceInput(`policy.quietDates[${i}]`, JSON.stringify(d));
    quietDays.add(key);
  });
  const window = effectiveWindow(p.callingWindow);
  if (!window) throw new InvalidComplianceInput('policy.callingWindow', 'does not overlap 08:00–21:00');
  const ready: PreparedPolicy = {
    version: p.version,
    weeklyContactCap: p.weeklyContactCap,
    callAttemptCap: Math.min(REG_F_CALL_ATTEMPT_CAP, p.callAttemptCap ?? REG_F_CALL_ATTEMPT_CAP),
    window,
    quietDays,
  };
  prepared.set(p, ready);
  return ready;
}

/** Checks the context; returns the prepared policy and the attempt history, oldest first. */
export function validateContext(ctx: ComplianceContext): {
  policy: PreparedPolicy;
  attempts: TimedAttempt[];
} {
  const policy = preparePolicy(ctx.policy);
  if (!Number.isSafeInteger(ctx.balanceCents))
    throw new InvalidComplianceInput('balanceCents', 'integer cents');
  const attempts = ctx.attempts.map((record, i) => {
    if (!CHANNELS.includes(record.channel)) {
      throw new InvalidComplianceInput(`attempts[${i}].channel`, String(record.channel));
    }
    return { record, atMs: requireInstant(record.at, `attempts[${i}].at`) };
  });
  attempts.sort((a, b) => a.atMs - b.atMs);
  return { policy, attempts };
}
