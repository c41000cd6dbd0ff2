import { z } from 'zod';

/** Walking-skeleton contract; the full set of EHR event schemas lives beside it. */
export interface FieldError {
  /** Where the problem is, e.g. `events[3].data.lines[0].chargeCents`. */
  path: string;
  message: string;
}

const guarantorUpserted = z.object({
  accountRef: z.string().min(1).max(64),
  firstName: z.string().min(1).max(100),
  lastName: z.string().min(1).max(100),
  email: z.email().optional(),
  timeZone: z.string().optional(),
});

export const ehrEventSchema = z.object({
  id: z.string().min(1).max(128),
  type: z.literal('guarantor.upserted'),
  occurredAt: z.iso.datetime({ offset: true }),
  clinicId: z.string().min(1).max(64),
  data: guarantorUpserted,
});

export type EhrEvent = z.infer<typeof ehrEventSchema>;
export const EHR_SCHEMA_VERSION = 1;

export type ParseResult = { ok: true; events: EhrEvent[] } | { ok: false; errors: FieldError[] };

const formatPath = (path: PropertyKey[]): string =>
  path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');

export function parseEventsRequest(body: unknown): ParseResult {
  const isBatch = typeof body === 'object' && body !== null && 'events' in body;
  const schema = isBatch ? z.object({ events: z.array(ehrEventSchema).min(1).max(500) }) : ehrEventSchema;
  const r = schema.safeParse(body);
  if (!r.success) return { ok: false, errors: r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  return { ok: true, events: isBatch ? (r.data as { events: EhrEvent[] }).events : [r.data as EhrEvent] };
}
