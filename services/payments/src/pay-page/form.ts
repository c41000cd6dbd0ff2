/** Parsing of pay-page form fields; each returns a value or the reason it is not acceptable. */
export type Parsed<T> = { ok: true; value: T } | { ok: false };

/** "12", "12.5", "1,234.56" → cents; anything else (negative, three decimals, text) is refused. */
export function dollarsToCents(input: unknown): Parsed<number> {
  if (typeof input !== 'string') return { ok: false };
  const s = input.trim().replace(/^\$/, '').replace(/,/g, '');
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return { ok: false };
  return { ok: true, value: Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) };
}

export function isoDate(input: unknown): Parsed<string> {
  if (typeof input !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(input)) return { ok: false };
  const d = new Date(`${input}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== input ? { ok: false } : { ok: true, value: input };
}

export function wholeNumber(input: unknown, min: number, max: number): Parsed<number> {
  if (typeof input !== 'string' || !/^\d{1,4}$/.test(input.trim())) return { ok: false };
  const n = Number(input.trim());
  return n >= min && n <= max ? { ok: true, value: n } : { ok: false };
}

/** Today's date on the patient's calendar, and dates relative to it. */
export function localToday(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
