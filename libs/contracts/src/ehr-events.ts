import { z } from 'zod';
import {
  BODY_PATH,
  describeInput,
  formatPath,
  plainWords,
  reason,
  toFieldErrors,
  type FieldError,
} from './errors';
import {
  EVENT_DEFINITION_BY_TYPE,
  EVENT_TYPES,
  ehrEventSchema,
  type EhrEvent,
  type EventDefinition,
} from './events';
import { envelopeFields } from './events/define';

export type { FieldError } from './errors';
export { ehrEventSchema, type EhrEvent } from './events';

/** Version of the `ehr.events.v1` message layout; each event type's data carries its own `schemaVersion`. */
export const EHR_SCHEMA_VERSION = 1;
export const MAX_BATCH_EVENTS = 500;
export const DEFAULT_MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
/**
 * A malicious or broken body (one event with 100,000 unknown fields) must not turn into a
 * multi-megabyte error response; the first errors are what an integrator fixes first anyway.
 */
export const MAX_REPORTED_ERRORS = 1000;

export type ParseResult = { ok: true; events: EhrEvent[] } | { ok: false; errors: FieldError[] };

export interface ParseOptions {
  /** The server's clock; injected so tests and replays are deterministic. Defaults to the current time. */
  now?: Date;
  /** Defaults to MAX_BATCH_EVENTS. */
  maxBatch?: number;
  /** How far ahead of `now` a timestamp may be. Defaults to 5 minutes. */
  maxClockSkewMs?: number;
}

/**
 * Parses without an error map first: zod's per-call error map makes every parse about half as fast again, and
 * almost every event an integrator sends is valid. Only a failing value is parsed a second time, for the plain
 * words of its errors.
 */
function explainedParse<T>(schema: z.ZodType<T>, value: unknown) {
  const fast = schema.safeParse(value);
  return fast.success ? fast : schema.safeParse(value, { error: plainWords });
}

/** Used when `type` names no schema: the envelope is still checked so every other error is reported too. */
const unknownTypeEnvelope = z.strictObject({
  ...envelopeFields,
  type: z.unknown().optional(),
  data: z.looseObject({}, { error: reason((i) => `must be an object (got ${describeInput(i)})`) }),
});

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const ISO_INSTANT = z.iso.datetime({ offset: true });
const ISO_DATE = z.iso.date();

function humanDuration(ms: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const s = Math.round(ms / 1000);
  if (s < 90) return plural(s, 'second');
  const m = Math.round(s / 60);
  if (m < 90) return plural(m, 'minute');
  const h = Math.round(m / 60);
  if (h < 36) return plural(h, 'hour');
  return plural(Math.round(h / 24), 'day');
}

/** Distance in edits, to suggest the type the integrator probably meant. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

const echo = (s: string): string =>
  JSON.stringify(s.length > 64 ? `${s.slice(0, 64)}…` : s).replace(
    /\p{C}/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

function typeReason(type: unknown): string {
  const expected = `one of ${EVENT_TYPES.join(', ')}`;
  if (type === undefined) return `is required: ${expected}`;
  if (typeof type !== 'string')
    return `must be an event type as text, ${expected} (got ${describeInput(type)})`;
  const near =
    type.length <= 64 ? EVENT_TYPES.find((t) => editDistance(type.toLowerCase(), t) <= 2) : undefined;
  return `unknown event type ${echo(type)}${near ? `; did you mean "${near}"?` : ''} (expected ${expected})`;
}

const getPath = (root: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((v, k) => (isObject(v) && Object.hasOwn(v, k) ? v[k] : undefined), root);

/**
 * Rules that need the request's clock, applied to the raw values the schema has already accepted in
 * form. Schemas stay free of `new Date()` so they are deterministic and safe to reuse for the docs.
 */
function clockErrors(
  raw: Record<string, unknown>,
  def: EventDefinition | undefined,
  prefix: string,
  now: number,
  skewMs: number,
): FieldError[] {
  const errors: FieldError[] = [];
  const checkInstant = (value: unknown, path: PropertyKey[]) => {
    if (typeof value !== 'string' || !ISO_INSTANT.safeParse(value).success) return;
    const ahead = Date.parse(value) - now;
    if (ahead > skewMs) {
      errors.push({
        path: formatPath(prefix, path),
        message: `is ${humanDuration(ahead)} in the future; clocks may be skewed`,
      });
    }
  };
  checkInstant(raw.occurredAt, ['occurredAt']);
  if (!def) return errors;
  // The calendar day has already begun in UTC+14, so a date up to that day can be "today" for someone.
  const latestToday = new Date(now + 14 * 3600_000).toISOString().slice(0, 10);
  for (const check of def.timeChecks) {
    const value = getPath(raw.data, check.path);
    const path = ['data', ...check.path];
    if (check.kind === 'instant') checkInstant(value, path);
    else if (typeof value === 'string' && ISO_DATE.safeParse(value).success && value > latestToday) {
      errors.push({ path: formatPath(prefix, path), message: 'is in the future' });
    }
  }
  return errors;
}

function parseEvent(
  raw: unknown,
  prefix: string,
  now: number,
  skewMs: number,
): { event?: EhrEvent; errors: FieldError[] } {
  if (!isObject(raw)) {
    return {
      errors: [
        {
          path: formatPath(prefix, []),
          message: `must be an event object { id, type, occurredAt, clinicId, data } (got ${describeInput(raw)})`,
        },
      ],
    };
  }
  const def = typeof raw.type === 'string' ? EVENT_DEFINITION_BY_TYPE.get(raw.type) : undefined;
  let errors: FieldError[];
  let event: EhrEvent | undefined;
  if (def) {
    // Each definition's schema is a member of ehrEventSchema, so its output is an EhrEvent.
    const r = explainedParse(def.schema as z.ZodType<EhrEvent>, raw);
    errors = r.success ? [] : toFieldErrors(prefix, r.error.issues);
    event = r.success ? r.data : undefined;
  } else {
    const r = unknownTypeEnvelope.safeParse(raw, { error: plainWords });
    const envelopeErrors = r.success ? [] : toFieldErrors(prefix, r.error.issues);
    const idPath = formatPath(prefix, ['id']);
    errors = [
      ...envelopeErrors.filter((e) => e.path === idPath),
      { path: formatPath(prefix, ['type']), message: typeReason(raw.type) },
      ...envelopeErrors.filter((e) => e.path !== idPath),
    ];
  }
  errors.push(...clockErrors(raw, def, prefix, now, skewMs));
  return errors.length ? { errors } : { event, errors };
}

/**
 * Validates a POST /v1/events body: one event, or `{ "events": [...] }`. A batch is accepted whole or not at
 * all, so every problem in every event is reported at once, each with its exact path.
 */
export function parseEventsRequest(body: unknown, options: ParseOptions = {}): ParseResult {
  const now = (options.now ?? new Date()).getTime();
  const maxBatch = options.maxBatch ?? MAX_BATCH_EVENTS;
  const skewMs = options.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS;

  if (!isObject(body)) {
    const hint = Array.isArray(body) ? '; send a batch as { "events": [ ... ] }' : '';
    return {
      ok: false,
      errors: [
        {
          path: BODY_PATH,
          message: `must be a JSON object: one event, or { "events": [ ... ] } (got ${describeInput(body)})${hint}`,
        },
      ],
    };
  }

  if (!Object.hasOwn(body, 'events')) {
    const r = parseEvent(body, '', now, skewMs);
    return r.event ? { ok: true, events: [r.event] } : rejected(r.errors);
  }

  const errors: FieldError[] = [];
  for (const key of Object.keys(body)) {
    if (key !== 'events')
      errors.push({
        path: formatPath('', [key]),
        message: 'unknown field; a batch is { "events": [ ... ] } and nothing else',
      });
  }
  const raw = body.events;
  if (!Array.isArray(raw)) {
    errors.push({
      path: 'events',
      message: `must be a list of 1 to ${maxBatch} events (got ${describeInput(raw)})`,
    });
    return rejected(errors);
  }
  if (raw.length === 0) errors.push({ path: 'events', message: 'must contain at least 1 event' });
  if (raw.length > maxBatch)
    errors.push({
      path: 'events',
      message: `has ${raw.length} events; a batch may hold at most ${maxBatch}`,
    });

  const events: EhrEvent[] = [];
  const firstIndexOfId = new Map<string, number>();
  raw.forEach((item, i) => {
    const prefix = `events[${i}]`;
    const r = parseEvent(item, prefix, now, skewMs);
    errors.push(...r.errors);
    if (r.event) events.push(r.event);
    // Idempotency is keyed on the id, so two different events sharing one would silently lose the second.
    const id = isObject(item) ? item.id : undefined;
    if (typeof id === 'string') {
      const first = firstIndexOfId.get(id);
      if (first === undefined) firstIndexOfId.set(id, i);
      else
        errors.push({
          path: `${prefix}.id`,
          message: `repeats the id of events[${first}]; every event needs its own id`,
        });
    }
  });

  return errors.length === 0 ? { ok: true, events } : rejected(errors);
}

function rejected(errors: FieldError[]): ParseResult {
  if (errors.length <= MAX_REPORTED_ERRORS) return { ok: false, errors };
  const shown = errors.slice(0, MAX_REPORTED_ERRORS);
  shown.push({
    path: BODY_PATH,
    message: `and ${errors.length - MAX_REPORTED_ERRORS} more errors not listed`,
  });
  return { ok: false, errors: shown };
}

/**
 * Re-checks an event that was accepted earlier (e.g. read back from Kafka) against the current schemas.
 * Clock rules are left out on purpose: an event replayed next year was not "in the future" when accepted.
 */
export function validateStoredEvent(
  event: unknown,
): { ok: true; event: EhrEvent } | { ok: false; errors: FieldError[] } {
  const r = explainedParse(ehrEventSchema, event);
  return r.success ? { ok: true, event: r.data } : { ok: false, errors: toFieldErrors('', r.error.issues) };
}
