import { z } from 'zod';
import { describeInput, reason } from './errors';

/**
 * $1,000,000.00. No patient balance line comes near it; the bound exists so that a unit mix-up or a
 * garbage number is rejected at the door instead of overflowing a ledger sum downstream.
 */
export const MAX_CENTS = 100_000_000;

/** Refs become Kafka keys, URL path segments and parts of workflow IDs, so they stay in a URL-safe charset. */
export const SAFE_REF = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Event IDs may also carry a `:` because integrators often namespace them (`epic:12345`). */
const SAFE_EVENT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export const MAX_REF_LENGTH = 64;
export const MAX_EVENT_ID_LENGTH = 128;

const refCharset = 'letters, digits, ".", "_" and "-", starting with a letter or digit';

/** An opaque identifier from the integrator's system (account, visit, provider, clinic...). */
export const ref = (description: string) =>
  z
    .string({ error: reason((i) => `must be an identifier as text (got ${describeInput(i)})`) })
    .min(1, { error: 'must not be empty', abort: true })
    .max(MAX_REF_LENGTH, { error: `must be at most ${MAX_REF_LENGTH} characters` })
    .regex(SAFE_REF, { error: `may only contain ${refCharset}` })
    .meta({ description: `${description} Opaque identifier: 1–${MAX_REF_LENGTH} ${refCharset}.` });

export const eventId = z
  .string({ error: reason((i) => `must be an event id as text (got ${describeInput(i)})`) })
  .min(1, { error: 'must not be empty', abort: true })
  .max(MAX_EVENT_ID_LENGTH, { error: `must be at most ${MAX_EVENT_ID_LENGTH} characters` })
  .regex(SAFE_EVENT_ID, {
    error: `may only contain letters, digits, ".", "_", ":" and "-", starting with a letter or digit`,
  })
  .meta({
    description:
      `Unique per tenant and chosen by the integrator; re-posting the same id is answered as a duplicate ` +
      `and publishes nothing. 1–${MAX_EVENT_ID_LENGTH} letters, digits, ".", "_", ":" or "-".`,
    examples: ['evt_2026_03_0001'],
  });

/*
 * Text is stored, shown to staff and printed on statements. Control characters break statements and CSV
 * exports, NUL cannot be stored in Postgres, lone surrogates turn into U+FFFD on the way to UTF-8, and
 * direction overrides can make a name display as something else (U+202A–U+202E, U+2066–U+2069).
 */
const LONE_SURROGATE = /\p{Cs}/u;
const DIRECTION_OVERRIDE = /[\u202A-\u202E\u2066-\u2069]/u;
const CONTROL_SINGLE_LINE = /[\p{Cc}\u2028\u2029\uFEFF]/u;
const CONTROL_MULTI_LINE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u2028\u2029\uFEFF]/u;

function unsafeTextReason(s: string, multiline: boolean): string | undefined {
  if (LONE_SURROGATE.test(s)) return 'contains broken unicode (an unpaired surrogate)';
  if (DIRECTION_OVERRIDE.test(s)) return 'must not contain invisible text-direction characters';
  if ((multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(s)) {
    return multiline
      ? 'must not contain control characters (line breaks and tabs are fine)'
      : 'must not contain control characters such as line breaks, tabs or NUL';
  }
  return undefined;
}

/**
 * Human text: trimmed, NFC-normalised (so "é" typed two ways compares equal), bounded, any script allowed.
 * `multiline` admits line breaks and tabs for free-text notes; names and address lines stay on one line.
 */
export const text = (max: number, description: string, opts: { multiline?: boolean } = {}) => {
  const multiline = opts.multiline ?? false;
  return z
    .string({ error: reason((i) => `must be text (got ${describeInput(i)})`) })
    .trim()
    .normalize('NFC')
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })
    .refine((s) => unsafeTextReason(s, multiline) === undefined, {
      error: (issue) => unsafeTextReason(String(issue.input), multiline) ?? 'is not valid text',
    })
    .meta({ description });
};

function centsReason(input: unknown, rule: 'non-negative' | 'positive' | 'signed'): string {
  const wanted =
    rule === 'signed' ? 'must be an integer number of cents' : `must be a ${rule} integer number of cents`;
  if (typeof input !== 'number') return `${wanted} (got ${describeInput(input)})`;
  if (!Number.isFinite(input)) return `${wanted} (got a number too large to represent)`;
  if (!Number.isInteger(input)) return `${wanted}, not a fraction; send 1250 for $12.50`;
  if (Math.abs(input) > MAX_CENTS) return `must be at most ${MAX_CENTS} cents ($1,000,000.00) in size`;
  if (rule === 'non-negative' && input < 0) return `${wanted} (got a negative amount)`;
  if (rule === 'positive' && input <= 0)
    return `${wanted} (got ${input === 0 ? 'zero' : 'a negative amount'})`;
  if (rule === 'signed' && input === 0) return 'must not be zero';
  return wanted;
}

/** Integer cents, 0 ≤ n ≤ MAX_CENTS. */
export const cents = (description: string) => {
  const error = reason((i) => centsReason(i, 'non-negative'));
  return z.number({ error }).int({ error }).min(0, { error }).max(MAX_CENTS, { error }).meta({ description });
};

/** Integer cents, 0 < n ≤ MAX_CENTS. */
export const positiveCents = (description: string) => {
  const error = reason((i) => centsReason(i, 'positive'));
  return z.number({ error }).int({ error }).min(1, { error }).max(MAX_CENTS, { error }).meta({ description });
};

/** Integer cents, non-zero, |n| ≤ MAX_CENTS. */
export const signedCents = (description: string) => {
  const error = reason((i) => centsReason(i, 'signed'));
  return z
    .number({ error })
    .int({ error })
    .min(-MAX_CENTS, { error })
    .max(MAX_CENTS, { error })
    .refine((n) => n !== 0, { error: 'must not be zero' })
    .meta({ description });
};

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_SHAPE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= daysInMonth;
}

function dateReason(input: unknown): string {
  const wanted = 'must be a date in YYYY-MM-DD form, like 2026-03-14';
  if (typeof input !== 'string') return `${wanted} (got ${describeInput(input)})`;
  const m = DATE_SHAPE.exec(input);
  if (m && !isCalendarDate(+m[1]!, +m[2]!, +m[3]!)) return 'is not a real calendar date';
  return wanted;
}

function dateTimeReason(input: unknown): string {
  const wanted = 'must be an ISO-8601 date-time with a UTC offset, like 2026-03-14T09:30:00-05:00';
  if (typeof input !== 'string') return `${wanted} (got ${describeInput(input)})`;
  const m = DATETIME_SHAPE.exec(input);
  if (!m) return wanted;
  if (!isCalendarDate(+m[1]!, +m[2]!, +m[3]!)) return 'is not a real calendar date';
  if (+m[4]! > 23 || +m[5]! > 59 || +m[6]! > 59) return 'is not a real time of day';
  if (m[8] === undefined)
    return 'needs a UTC offset (Z or ±hh:mm) so the moment is unambiguous, like 2026-03-14T09:30:00-05:00';
  return wanted;
}

/** A calendar date, not before `earliest` (YYYY-MM-DD). */
export const isoDate = (description: string, earliest: string) =>
  z.iso
    .date({ error: reason(dateReason) })
    // Malformed dates already have their own error; the range rule only speaks about well-formed ones.
    .refine((s) => !DATE_SHAPE.test(s) || s >= earliest, { error: `must not be before ${earliest}` })
    .meta({ description });

const EARLIEST_INSTANT = '1990-01-01T00:00:00Z';
const EARLIEST_INSTANT_MS = Date.parse(EARLIEST_INSTANT);

/**
 * A moment with an explicit offset, not before 1990 (older stamps are a default value or an epoch-zero bug,
 * never a real billing fact). How far into the future it may be depends on `now`, so that rule lives in
 * the request parser, not here.
 */
export const instant = (description: string) =>
  z.iso
    .datetime({ offset: true, error: reason(dateTimeReason) })
    .refine((s) => !(Date.parse(s) < EARLIEST_INSTANT_MS), { error: 'must not be before 1990' })
    .meta({ description });

/** E.164: "+", country code, subscriber number, 8–15 digits, no spaces or punctuation. */
const E164 = /^\+[1-9]\d{7,14}$/;
/** North American numbers: area code and exchange never start with 0 or 1. */
const NANP = /^\+1[2-9]\d{2}[2-9]\d{6}$/;

export const phone = (description: string) =>
  z
    .string({
      error: reason((i) => `must be an E.164 phone number like +13125550142 (got ${describeInput(i)})`),
    })
    .regex(E164, {
      error: 'must be an E.164 phone number like +13125550142: "+", country code and number, no spaces',
      abort: true,
    })
    .refine((s) => !s.startsWith('+1') || NANP.test(s), {
      error:
        'is not a valid US/Canada number: +1 then a 10-digit number whose area code and exchange do not start with 0 or 1',
    })
    .meta({ description, examples: ['+13125550142'] });

export const email = (description: string) =>
  z
    .email({
      error: reason((i) =>
        typeof i === 'string'
          ? 'must be an email address like name@example.com'
          : `must be an email address (got ${describeInput(i)})`,
      ),
    })
    .max(254, { error: 'must be at most 254 characters' })
    .meta({ description, examples: ['pat.guarantor@example.com'] });

/** States, DC, territories and military "states" that the USPS accepts on an address. */
// prettier-ignore
export const US_STATES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY',
  'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH',
  'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
  'AS', 'GU', 'MP', 'PR', 'VI', 'AA', 'AE', 'AP',
] as const;

export const usState = z
  .enum(US_STATES, {
    error: reason('must be a two-letter US state or territory code in capitals, like CA, NY or PR'),
  })
  .meta({ description: 'USPS two-letter code of a US state, DC, territory or military post.' });

export const postalAddress = z
  .strictObject({
    line1: text(100, 'Street address.'),
    line2: text(100, 'Apartment, suite, unit.').optional(),
    city: text(60, 'City.'),
    state: usState,
    postalCode: z
      .string({ error: reason((i) => `must be a US ZIP code as text (got ${describeInput(i)})`) })
      .regex(/^\d{5}(-\d{4})?$/, { error: 'must be a US ZIP code: 5 digits, or ZIP+4 like 60601-1234' })
      .meta({ description: 'ZIP or ZIP+4.' }),
  })
  .meta({ id: 'PostalAddress', description: 'A US postal address where statements are mailed.' });

const validZones = new Set<string>();

/**
 * Intl knows the IANA database, so it is the check. Bare abbreviations ("EST") and fixed offsets
 * ("Etc/GMT+5") are refused although Intl accepts them: they ignore daylight saving, and the 8 am–9 pm
 * contact window is computed in this zone, so a summer call would land an hour off.
 */
export function isUsableTimeZone(zone: string): boolean {
  if (validZones.has(zone)) return true;
  if (zone !== 'UTC' && (!zone.includes('/') || zone.startsWith('Etc/'))) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  // Only valid names are cached: the set is then bounded by the IANA database, not by what callers send.
  validZones.add(zone);
  return true;
}

export const timeZone = z
  .string({ error: reason((i) => `must be an IANA time zone name as text (got ${describeInput(i)})`) })
  .max(64, { error: 'must be at most 64 characters' })
  .refine(isUsableTimeZone, {
    error:
      'must be an IANA time zone like America/Chicago; abbreviations (EST) and fixed offsets are not accepted',
  })
  .meta({
    description:
      "The guarantor's own IANA time zone (Area/Location). Contact-hour rules are applied in this zone, so " +
      'abbreviations and fixed offsets are refused.',
    examples: ['America/Chicago'],
  });

export const language = z
  .enum(['en', 'es'], { error: reason('must be "en" or "es"') })
  .meta({ description: 'Language for messages and statements.' });

export const CONSENT_SOURCES = [
  'intake_form',
  'patient_portal',
  'front_desk',
  'phone_call',
  'sms_keyword',
  'written_request',
] as const;

export const channelConsent = z
  .strictObject({
    granted: z.boolean({ error: reason((i) => `must be true or false (got ${describeInput(i)})`) }).meta({
      description: 'true when consent is on record; false records a refusal or revocation (e.g. STOP).',
    }),
    at: instant('When consent was given or revoked.'),
    source: z
      .enum(CONSENT_SOURCES, { error: reason(`must be one of ${CONSENT_SOURCES.join(', ')}`) })
      .meta({ description: 'How consent was captured; kept as evidence.' }),
  })
  .meta({ id: 'ChannelConsent', description: 'Recorded consent for one channel.' });

export const CONTACT_CHANNELS = ['phone', 'sms', 'email', 'mail', 'portal', 'in_person'] as const;
export const contactChannel = z
  .enum(CONTACT_CHANNELS, { error: reason(`must be one of ${CONTACT_CHANNELS.join(', ')}`) })
  .meta({ description: 'How the patient reached the clinic.' });

export const payer = z
  .strictObject({
    name: text(120, 'Payer name as printed on the EOB.'),
    payerId: text(20, 'Payer ID used on claims, if known.').optional(),
  })
  .meta({ id: 'Payer', description: 'The insurance payer.' });

/** An enum whose error message lists the choices in plain words. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, description: string) =>
  z.enum(values, { error: reason(`must be one of ${values.join(', ')}`) }).meta({ description });
