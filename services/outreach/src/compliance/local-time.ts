/**
 * Wall-clock arithmetic for IANA time zones using only Intl.DateTimeFormat, so DST rules come from the
 * runtime's ICU data rather than from offsets we would have to keep current ourselves.
 */

export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface LocalDateTime extends LocalDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const DAY_MS = 86_400_000;

// Building a DateTimeFormat costs far more than using one; the guard asks about the same few zones
// millions of times in the simulation.
const formatters = new Map<string, Intl.DateTimeFormat>();
const invalidZones = new Set<string>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isValidTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string') return false;
  if (formatters.has(zone)) return true;
  if (zone.trim() === '') return false;
  if (invalidZones.has(zone)) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    invalidZones.add(zone);
    return false;
  }
}

// format() is about three times faster than formatToParts(), and reading the fixed en-US 2-digit shape
// "MM/DD/YYYY, HH:MM:SS" by position avoids a regex; any other shape falls back to formatToParts.
function two(s: string, i: number): number {
  const hi = s.charCodeAt(i) - 48;
  const lo = s.charCodeAt(i + 1) - 48;
  return hi >= 0 && hi <= 9 && lo >= 0 && lo <= 9 ? hi * 10 + lo : NaN;
}

export function localDateTime(instantMs: number, zone: string): LocalDateTime {
  const f = formatterFor(zone);
  const s = f.format(instantMs);
  if (s.length === 20 && s[2] === '/' && s[5] === '/' && s[10] === ',' && s[14] === ':' && s[17] === ':') {
    const l = {
      month: two(s, 0),
      day: two(s, 3),
      year: two(s, 6) * 100 + two(s, 8),
      hour: two(s, 12),
      minute: two(s, 15),
      second: two(s, 18),
    };
    // NaN from any non-digit poisons the sum and fails the comparison.
    if (l.year + l.month + l.day + l.hour + l.minute + l.second >= 0) return l;
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(instantMs)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). Plain integer
 * arithmetic instead of Date.UTC: under jest every global lookup crosses the vm context, and the
 * simulation makes millions of these calls.
 */
export function epochDay(d: LocalDate): number {
  const y = d.month <= 2 ? d.year - 1 : d.year;
  const era = ((y >= 0 ? y : y - 399) / 400) | 0;
  const yoe = y - era * 400;
  const doy = (((153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5) | 0) + d.day - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Inverse of epochDay (H. Hinnant's civil_from_days). */
export function dateOfEpochDay(n: number): LocalDate {
  const z = n + 719_468;
  const era = ((z >= 0 ? z : z - 146_096) / 146_097) | 0;
  const doe = z - era * 146_097;
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36_524) | 0) - ((doe / 146_096) | 0)) / 365) | 0;
  const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
  const mp = ((5 * doy + 2) / 153) | 0;
  const day = doy - (((153 * mp + 2) / 5) | 0) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Local wall time minus UTC, in ms (negative across the Americas). */
export function offsetMs(instantMs: number, zone: string): number {
  const l = localDateTime(instantMs, zone);
  const wholeSecond = instantMs - (((instantMs % 1000) + 1000) % 1000);
  return (epochDay(l) * 86_400 + secondOfDay(l)) * 1000 - wholeSecond;
}

export function secondOfDay(l: LocalDateTime): number {
  return l.hour * 3600 + l.minute * 60 + l.second;
}

export function localDateKey(d: LocalDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** yyyymmdd as a number: a cheap set key for calendar dates. */
export function dayKey(d: LocalDate): number {
  return d.year * 10_000 + d.month * 100 + d.day;
}

export function addDays(d: LocalDate, days: number): LocalDate {
  return dateOfEpochDay(epochDay(d) + days);
}

/**
 * The first instant at which the zone's wall clock reads `minuteOfDay` on `date`. When the wall time
 * occurs twice (clocks fall back) the earlier instant wins; when it never occurs (clocks spring forward
 * over it) the first instant after the gap is returned, so the caller never lands before the wall time.
 */
export function instantAtLocal(date: LocalDate, minuteOfDay: number, zone: string): number {
  const wall = epochDay(date) * DAY_MS + minuteOfDay * 60_000;
  // Offsets a day either side bracket any single transition near the wall time.
  const offsetBefore = offsetMs(wall - DAY_MS, zone);
  const offsetAfter = offsetMs(wall + DAY_MS, zone);
  const before = wall - offsetBefore;
  if (offsetBefore === offsetAfter && offsetMs(before, zone) === offsetBefore) return before;

  const after = wall - offsetAfter;
  const beforeExact = before + offsetMs(before, zone) === wall;
  const afterExact = after + offsetMs(after, zone) === wall;
  if (beforeExact && afterExact) return before < after ? before : after;
  if (beforeExact) return before;
  if (afterExact) return after;

  let lo = before < after ? before : after;
  let hi = before < after ? after : before;
  while (hi - lo > 1) {
    const mid = lo + ((hi - lo) >> 1);
    if (mid + offsetMs(mid, zone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}
