/**
 * What an agency reports back about the accounts it holds: money collected, promises to pay, disputes,
 * accounts returned as uncollectable, closures, and confirmations of recalls. The same rows arrive as JSON
 * or as a CSV file; both are checked whole before anything is applied.
 */
import { z } from 'zod';

export const UPDATE_KINDS = ['payment', 'promise', 'dispute', 'returned', 'closed', 'recall_confirmed'] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];

export const CSV_COLUMNS = ['update_ref', 'placement_id', 'kind', 'amount_cents', 'promised_for', 'occurred_at'] as const;

const MAX_CENTS = 100_000_000;

export const agencyUpdateSchema = z
  .strictObject({
    /** The agency's own ID for this line; sending it again changes nothing. */
    updateRef: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, dot, dash or underscore'),
    placementId: z.uuid('must be a placement ID from a placement file'),
    kind: z.enum(UPDATE_KINDS, { error: `must be one of ${UPDATE_KINDS.join(', ')}` }),
    amountCents: z
      .number('must be a whole number of cents')
      .int('must be a whole number of cents')
      .min(1, 'must be at least 1 cent')
      .max(MAX_CENTS, `must be at most ${MAX_CENTS}`)
      .optional(),
    promisedFor: z.iso.date('must be a date YYYY-MM-DD').optional(),
    occurredAt: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 instant with Z or an offset' }),
  })
  .superRefine((u, ctx) => {
    if ((u.kind === 'payment' || u.kind === 'promise') && u.amountCents === undefined)
      ctx.addIssue({ code: 'custom', path: ['amountCents'], message: `is required for a ${u.kind}` });
    if (u.kind === 'promise' && u.promisedFor === undefined)
      ctx.addIssue({ code: 'custom', path: ['promisedFor'], message: 'is required for a promise' });
    if (Date.parse(u.occurredAt) > Date.now() + 5 * 60_000)
      ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: 'must not be in the future' });
  });
export type AgencyUpdate = z.infer<typeof agencyUpdateSchema>;

export const agencyUpdatesBodySchema = z.strictObject({
  updates: z.array(agencyUpdateSchema).min(1, 'must hold at least one update').max(10_000, 'must hold at most 10000 updates'),
});

export interface FieldError {
  path: string;
  message: string;
}

const FIELD_OF_COLUMN: Record<(typeof CSV_COLUMNS)[number], keyof AgencyUpdate> = {
  update_ref: 'updateRef',
  placement_id: 'placementId',
  kind: 'kind',
  amount_cents: 'amountCents',
  promised_for: 'promisedFor',
  occurred_at: 'occurredAt',
};
const COLUMN_OF_FIELD = Object.fromEntries(Object.entries(FIELD_OF_COLUMN).map(([c, f]) => [f, c]));

/** Parses an agency's CSV update file; errors name the line and the column. */
export function parseUpdatesCsv(content: string): { ok: true; updates: AgencyUpdate[] } | { ok: false; errors: FieldError[] } {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  if (missing.length > 0 || unknown.length > 0) {
    return {
      ok: false,
      errors: [
        ...missing.map((c) => ({ path: 'line 1', message: `header lacks column ${c}` })),
        ...unknown.map((c) => ({ path: 'line 1', message: `unknown column ${c}; columns are ${CSV_COLUMNS.join(', ')}` })),
      ],
    };
  }
  const errors: FieldError[] = [];
  const updates: AgencyUpdate[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const lineNo = i + 2;
    const cells = line.split(',');
    if (cells.length !== header.length) {
      errors.push({ path: `line ${lineNo}`, message: `has ${cells.length} cells; the header has ${header.length}` });
      return;
    }
    const raw: Record<string, unknown> = {};
    header.forEach((h, k) => {
      const v = cells[k]!.trim();
      if (v === '') return;
      const field = FIELD_OF_COLUMN[h as (typeof CSV_COLUMNS)[number]];
      raw[field] = field === 'amountCents' && /^-?\d+$/.test(v) ? Number(v) : v;
    });
    const parsed = agencyUpdateSchema.safeParse(raw);
    if (parsed.success) updates.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        errors.push({ path: `line ${lineNo}, ${COLUMN_OF_FIELD[String(issue.path[0])] ?? String(issue.path[0])}`, message: issue.message });
  });
  if (errors.length === 0 && updates.length === 0) errors.push({ path: 'line 2', message: 'the file holds no updates' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, updates };
}
