import {
  addDays,
  dayKey,
  instantAtLocal,
  isValidTimeZone,
  localDateKey,
  localDateTime,
  secondOfDay,
  type LocalDate,
} from './local-time';
import type { ZoneBasis } from './types';

/** Regulation F §1006.6(b)(1)(i): nothing before 8:00 or from 21:00 on, consumer's local time. */
export const LEGAL_CALLING_WINDOW = { startMinute: 8 * 60, endMinute: 21 * 60 } as const;

export interface CallingWindow {
  readonly startMinute: number;
  readonly endMinute: number;
}

/**
 * One zone per distinct rule set covering the 50 states, DC, Puerto Rico and the US Virgin Islands.
 * Guam, the Northern Marianas and American Samoa are left out on purpose: with them the 8–21 windows
 * of all zones never overlap, so "strictest" would mean "never". Patients there have a known zone.
 * The zone that closes first and the one that opens last lead the list only so the search below
 * settles in fewer steps; the result does not depend on the order.
 */
export const US_TIME_ZONES: readonly string[] = [
  'America/Puerto_Rico',
  'Pacific/Honolulu',
  'America/St_Thomas',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'America/Adak',
];

export interface CallingZones {
  readonly basis: ZoneBasis;
  readonly zones: readonly string[];
}

/**
 * The patient's own zone when we know it; otherwise the clinic's (patients mostly live near it);
 * otherwise every US zone at once, because the rule is about where the patient is and we cannot tell.
 */
export function resolveCallingZones(patientZone?: string | null, clinicZone?: string | null): CallingZones {
  if (isValidTimeZone(patientZone)) return { basis: 'patient', zones: [patientZone] };
  if (isValidTimeZone(clinicZone)) return { basis: 'clinic', zones: [clinicZone] };
  return { basis: 'strictest_us', zones: US_TIME_ZONES };
}

/**
 * A clinic may narrow the legal window but never widen it. Undefined when the clinic's window lies
 * wholly outside the legal one: that is a broken policy, and falling back to 8–21 would widen it.
 */
export function effectiveWindow(policyWindow?: CallingWindow): CallingWindow | undefined {
  if (!policyWindow) return LEGAL_CALLING_WINDOW;
  const startMinute = Math.max(LEGAL_CALLING_WINDOW.startMinute, policyWindow.startMinute);
  const endMinute = Math.min(LEGAL_CALLING_WINDOW.endMinute, policyWindow.endMinute);
  return endMinute > startMinute ? { startMinute, endMinute } : undefined;
}

// A year of consecutive quiet dates is a broken policy, not a long holiday; stop instead of looping.
const MAX_QUIET_RUN_DAYS = 366;

function nextOpeningInZone(
  instantMs: number,
  zone: string,
  window: CallingWindow,
  quietDays: ReadonlySet<number>,
): number {
  const local = localDateTime(instantMs, zone);
  const quiet = (d: LocalDate) => quietDays.size > 0 && quietDays.has(dayKey(d));
  if (!quiet(local)) {
    const s = secondOfDay(local);
    if (s < window.startMinute * 60) return instantAtLocal(local, window.startMinute, zone);
    if (s < window.endMinute * 60) return instantMs;
  }
  let day = addDays(local, 1);
  for (let i = 0; quiet(day); i++) {
    if (i >= MAX_QUIET_RUN_DAYS) throw new Error(`policy quiet dates leave no open day in ${zone}`);
    day = addDays(day, 1);
  }
  return instantAtLocal(day, window.startMinute, zone);
}

/**
 * Earliest instant at or after `instantMs` that is inside the window in every given zone. Each zone's
 * next opening is a lower bound for the common one, so moving forward to it, zone after zone, until a
 * full pass moves nothing reaches the earliest common instant.
 */
export function nextCallingInstant(
  instantMs: number,
  zones: CallingZones,
  window: CallingWindow,
  quietDays: ReadonlySet<number>,
): number {
  let t = instantMs;
  for (let pass = 0; pass < 64; pass++) {
    const passStart = t;
    for (const zone of zones.zones) t = nextOpeningInZone(t, zone, window, quietDays);
    if (t === passStart) return t;
  }
  throw new Error('calling windows of the zones never overlap');
}

/** 'YYYY-MM-DD' → yyyymmdd, or undefined when it is not a real calendar date. */
export function parseDayKey(date: string): number | undefined {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  const real = t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  return real ? dayKey({ year: y, month: m, day: d }) : undefined;
}

export function quietDaySet(dates: readonly string[]): ReadonlySet<number> {
  const keys = new Set<number>();
  for (const d of dates) {
    const key = parseDayKey(d);
    if (key === undefined) throw new Error(`not a calendar date: ${d}`);
    keys.add(key);
  }
  return keys;
}

export function describeLocal(instantMs: number, zone: string): string {
  const l = localDateTime(instantMs, zone);
  return `${localDateKey(l)} ${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')} ${zone}`;
}

export function formatMinute(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}
