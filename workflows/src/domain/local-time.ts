/**
 * Instants and patient-local calendar dates.
 *
 * Everything stored is a UTC instant; what a patient experiences (a due date, a holiday, "two days before")
 * is a date on their own wall calendar. Intl.DateTimeFormat carries the IANA database inside the Temporal
 * sandbox, so it converts between the two without I/O and identically on every replay.
 */

/** A UTC instant: ISO-8601 with an explicit offset, or epoch milliseconds. */
export type Instant = string | number;

/** A calendar date on someone's wall calendar, `YYYY-MM-DD`, with no time zone attached. */
export type LocalDate = string;

/** A wall-clock time `HH:MM` (24 h). */
export type LocalTime = string;

export const MS_PER_DAY = 86_400_000;

// An offset is required: "2026-03-14T09:30:00" means local time to Date.parse, and the host's zone would leak
// into the result, which differs between workers and breaks replay.
const ISO_INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Epoch ms of an instant; throws RangeError on anything that is not an unambiguous moment. */
export function toMs(instant: Instant, field = 'instant'): number {
  if (typeof instant === 'number') {
    if (!Number.isSafeInteger(instant))
      throw new RangeError(`${field}: must be whole epoch milliseconds (got ${instant})`);
    return instant;
  }
  const m = typeof instant === 'string' ? ISO_INSTANT.exec(instant) : null;
  // Date.parse rolls "Feb 30" over to March 1; a date that does not exist is a bug upstream, not a moment.
  const ms = m !== null && isLocalDate(m[1]) ? Date.parse(instant as string) : NaN;
  if (Number.isNaN(ms)) {
    throw new RangeError(
      `${field}: must be an ISO-8601 instant with Z or ±hh:mm (got ${JSON.stringify(instant)})`,
    );
  }
  return ms;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    // h23: some engines print midnight as "24" with hour12:false.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone))
    throw new RangeError(`timeZone: not an IANA time zone (got ${JSON.stringify(timeZone)})`);
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(ms: number, timeZone: string): WallClock {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out['year']!,
    month: out['month']!,
    day: out['day']!,
    hour: out['hour']!,
    minute: out['minute']!,
    second: out['second']!,
  };
}

/** The zone's UTC offset at an instant, in ms (New York in winter: -18_000_000). */
export function utcOffsetMs(instant: Instant, timeZone: string): number {
  assertTimeZone(timeZone);
  const ms = toMs(instant);
  const floored = Math.floor(ms / 1000) * 1000;
  const w = wallClock(floored, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - floored;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function formatDate(year: number, month: number, day: number): LocalDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The patient's wall-calendar date at an instant. */
export function localDateOf(instant: Instant, timeZone: string): LocalDate {
  assertTimeZone(timeZone);
  const w = wallClock(toMs(instant), timeZone);
  return formatDate(w.year, w.month, w.day);
}

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function parseDate(date: LocalDate): [number, number, number] {
  if (!isLocalDate(date))
    throw new RangeError(`date: must be a real calendar date YYYY-MM-DD (got ${JSON.stringify(date)})`);
  const m = LOCAL_DATE.exec(date)!;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Calendar arithmetic on dates, free of any zone: a day is a calendar day, never 24 hours. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * `months` months after `date`, on `anchorDay` (default: the date's own day) or the month's last day when the
 * month is shorter. Passing the plan's original anchor keeps Jan 31 → Feb 29 → Mar 31 instead of drifting to
 * the 29th for the rest of the plan.
 */
export function addMonthsClamped(date: LocalDate, months: number, anchorDay?: number): LocalDate {
  const [y, m, d] = parseDate(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return formatDate(year, month, Math.min(anchorDay ?? d, daysInMonth(year, month)));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  const [y1, m1, d1] = parseDate(from);
  const [y2, m2, d2] = parseDate(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / MS_PER_DAY);
}

/** 0 = Sunday … 6 = Saturday, the same numbering as Date#getUTCDay. */
export function weekdayOf(date: LocalDate): number {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function isLocalTime(value: unknown): value is LocalTime {
  return typeof value === 'string' && LOCAL_TIME.test(value);
}

/**
 * The UTC instant (ms) of a wall-clock time on a local date in a zone.
 * - A time that does not exist (the spring-forward gap) moves forward by the gap: 02:30 → 03:30 EDT,
 *   so a reminder is late by the skipped hour rather than early.
 * - A time that happens twice (fall back) takes the first occurrence.
 */
export function localDateTimeToMs(date: LocalDate, time: LocalTime, timeZone: string): number {
  assertTimeZone(timeZone);
  const [y, m, d] = parseDate(date);
  if (!isLocalTime(time)) throw new RangeError(`time: must be HH:MM (got ${JSON.stringify(time)})`);
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  // Offsets a day either side bracket any single transition near this wall time.
  const before = utcOffsetMs(naive - MS_PER_DAY, timeZone);
  const after = utcOffsetMs(naive + MS_PER_DAY, timeZone);
  const candidates = [naive - before, naive - after]
    .filter((ms) => utcOffsetMs(ms, timeZone) === naive - ms)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0]!;
  return naive - before;
}

/** Start (00:00, or the first existing minute after it) of a local date, as UTC ms. */
export function startOfLocalDayMs(date: LocalDate, timeZone: string): number {
  return localDateTimeToMs(date, '00:00', timeZone);
}
