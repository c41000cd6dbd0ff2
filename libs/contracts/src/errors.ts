import type { z } from 'zod';

/** One problem with a request, named so an integrator can find and fix it without reading our code. */
export interface FieldError {
  /** Where the problem is, e.g. `events[3].data.lines[0].chargeCents`; `body` for the request as a whole. */
  path: string;
  message: string;
}

/** The path used when the problem is the request body itself rather than one of its fields. */
export const BODY_PATH = 'body';

type RawIssue = z.core.$ZodRawIssue;
type ErrorFn = (issue: RawIssue) => string | undefined;

/**
 * Describes what was sent by its kind only. Error messages travel into logs and support tickets, so they
 * never repeat submitted values (a date of birth, a phone number) back.
 */
export function describeInput(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  switch (typeof input) {
    case 'string':
      return input.length === 0 ? 'empty text' : 'text';
    case 'number':
      return Number.isFinite(input) ? 'a number' : 'a number too large to represent';
    case 'boolean':
      return 'true/false';
    case 'object':
      return 'an object';
    default:
      return typeof input;
  }
}

/**
 * Wraps a field-specific message so that a missing field still reads "is required": zod falls through to
 * the next error map when a schema-level map returns undefined.
 */
export function reason(message: string | ((input: unknown) => string)): ErrorFn {
  return (issue) => {
    if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value'))
      return undefined;
    return typeof message === 'string' ? message : message(issue.input);
  };
}

/** Like `reason`, but only for a value of the wrong type; size checks on the same schema keep their own words. */
export function wrongType(message: string): ErrorFn {
  return (issue) => (issue.code === 'invalid_type' && issue.input !== undefined ? message : undefined);
}

const quoteAll = (values: readonly unknown[]): string => values.map((v) => JSON.stringify(v)).join(', ');

const typeNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

/**
 * Plain-words fallback for every issue a field-specific message does not cover, so no zod wording
 * ("Invalid input: expected number, received string") ever reaches an integrator.
 */
export const plainWords: z.core.$ZodErrorMap = (issue) => {
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value'))
    return 'is required';
  switch (issue.code) {
    case 'invalid_type': {
      const expected = typeNames[issue.expected] ?? issue.expected;
      return `must be ${expected} (got ${describeInput(issue.input)})`;
    }
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') return n <= 1 ? 'must not be empty' : `must be at least ${n} characters`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `must have at least ${n} item${n === 1 ? '' : 's'}`;
      return `must be at least ${n}`;
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return `must be at most ${n} characters`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `must have at most ${n} item${n === 1 ? '' : 's'}`;
      return `must be at most ${n}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${quoteAll(issue.values)}`
        : `must be one of ${quoteAll(issue.values)}`;
    case 'invalid_format':
      return issue.format === 'email'
        ? 'must be an email address like name@example.com'
        : `is not a valid ${issue.format}`;
    case 'unrecognized_keys':
      return 'unknown field; remove it or check its spelling';
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_union':
      return 'does not match any of the allowed shapes';
    case 'custom':
      return issue.message ?? 'is not valid';
    default:
      return 'is not valid';
  }
};

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const MAX_KEY_IN_PATH = 64;

/** Keys come from the request (unknown fields), so they are quoted, shortened and escaped before echoing. */
function keySegment(key: string): string {
  if (IDENTIFIER.test(key) && key.length <= MAX_KEY_IN_PATH) return key;
  const short = key.length > MAX_KEY_IN_PATH ? `${key.slice(0, MAX_KEY_IN_PATH)}…` : key;
  return `[${JSON.stringify(short).replace(/\p{C}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}]`;
}

/** `events[3]` + `['data', 'lines', 0, 'chargeCents']` → `events[3].data.lines[0].chargeCents`. */
export function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else {
      const seg = keySegment(String(p));
      out += seg.startsWith('[') || out === '' ? seg : `.${seg}`;
    }
  }
  return out === '' ? BODY_PATH : out;
}

/** Turns zod issues into field errors; an unknown-fields issue becomes one error per field so each is named. */
export function toFieldErrors(prefix: string, issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        out.push({ path: formatPath(prefix, [...issue.path, key]), message: issue.message });
    } else {
      out.push({ path: formatPath(prefix, issue.path), message: issue.message });
    }
  }
  return out;
}
