import type { Language } from './types';

/**
 * US English and US Spanish. Patients are in the US and pay in dollars, so Spanish copy keeps the
 * US "$1,234.56" (CLDR es-US) rather than Spain's "1234,56 US$", which would read as a different sum.
 */
const LOCALE: Record<Language, string> = { en: 'en-US', es: 'es-US' };

const money = new Map<Language, Intl.NumberFormat>();
const dates = new Map<Language, Intl.DateTimeFormat>();

export class InvalidTemplateVariable extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`template variable ${variable}: ${detail}`);
    this.name = 'InvalidTemplateVariable';
  }
}

/** Integer cents → "$1,234.56". Formats from a decimal string so no float rounding is involved. */
export function formatCents(cents: number, language: Language, variable = 'amount'): string {
  if (!Number.isSafeInteger(cents))
    throw new InvalidTemplateVariable(variable, `expected integer cents, got ${cents}`);
  if (cents < 0) throw new InvalidTemplateVariable(variable, `negative amount ${cents}`);
  let f = money.get(language);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[language], { style: 'currency', currency: 'USD' });
    money.set(language, f);
  }
  const decimal = `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  return f.format(decimal as Intl.StringNumericLiteral);
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' → "July 15, 2026" / "15 de julio de 2026". A calendar date has no time zone to shift. */
export function formatDate(date: string, language: Language, variable = 'date'): string {
  const m = LOCAL_DATE.exec(date);
  const ms = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  if (!m || new Date(ms).getUTCDate() !== +m[3]) {
    throw new InvalidTemplateVariable(variable, `expected a YYYY-MM-DD date, got ${JSON.stringify(date)}`);
  }
  let f = dates.get(language);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[language], { timeZone: 'UTC', dateStyle: 'long' });
    dates.set(language, f);
  }
  return f.format(ms);
}
