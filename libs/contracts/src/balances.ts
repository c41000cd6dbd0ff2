import { z } from 'zod';

/**
 * The balance list integrators and staff filter by clinic, age, stage and segment. One schema validates the
 * query string at the gateway and at accounts, and documents it in OpenAPI.
 */
const REF = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const REF_MSG = 'must be 1-64 letters, digits, dot, dash or underscore';
const WORD = /^[a-z][a-z_]{0,39}$/;
const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number between ${min} and ${max}`);

export const balanceListQuerySchema = z
  .strictObject({
    clinicId: z
      .string()
      .transform((s) => s.split(','))
      .pipe(z.array(z.string().regex(REF, REF_MSG)).min(1).max(100, 'must name at most 100 clinics'))
      .optional()
      .meta({ description: 'One clinic or a comma-separated list; default: every clinic the key may see.' }),
    stage: z.string().regex(WORD, 'must be a stage name such as soft, plan, disputed, placed').optional(),
    segment: z
      .string()
      .regex(WORD, 'must be a segment name such as fresh, early_stall, silent_aged')
      .optional(),
    minAgeDays: intParam(0, 36_500).optional(),
    maxAgeDays: intParam(0, 36_500).optional(),
    minBalanceCents: intParam(0, 100_000_000).optional(),
    status: z.enum(['open', 'all'], 'must be open or all').default('open'),
    pageSize: intParam(1, 200).default(50),
    pageToken: z
      .string()
      .regex(/^[A-Za-z0-9+/=_-]{1,4096}$/, 'must be the nextPageToken of a previous page')
      .optional(),
  })
  .refine((q) => q.minAgeDays === undefined || q.maxAgeDays === undefined || q.minAgeDays <= q.maxAgeDays, {
    path: ['maxAgeDays'],
    message: 'must not be less than minAgeDays',
  });

export type BalanceListQuery = z.output<typeof balanceListQuerySchema>;

export const balanceSummarySchema = z
  .object({
    accountRef: z.string(),
    clinicId: z.string(),
    balanceCents: z.number().int(),
    stage: z.string().nullable(),
    segment: z.string().nullable(),
    openedAt: z.iso
      .datetime({ offset: true })
      .nullable()
      .meta({ description: 'When the balance became the patient’s.' }),
    ageDays: z.number().int().nullable(),
    nextActionAt: z.iso.datetime({ offset: true }).nullable(),
    workflowId: z.string(),
  })
  .meta({ id: 'BalanceSummary' });

export const balanceListSchema = z
  .object({ balances: z.array(balanceSummarySchema), nextPageToken: z.string().nullable() })
  .meta({ id: 'BalanceList' });

export type BalanceSummary = z.infer<typeof balanceSummarySchema>;
export type BalanceList = z.infer<typeof balanceListSchema>;

const quote = (s: string) => `'${s.replace(/'/g, '')}'`;
const DAY_MS = 86_400_000;

/**
 * The Temporal visibility query for a validated filter. Search attributes are the read model here: the workflow
 * keeps Stage, Segment and BalanceCents current, and visibility (Elasticsearch/SQL) indexes them at scale.
 * Inputs are already restricted to safe characters by the schema; quotes are stripped anyway.
 */
export function balanceVisibilityQuery(
  tenantId: string,
  clinicIds: string[],
  q: BalanceListQuery,
  nowMs: number,
): string {
  const parts = [`WorkflowType = 'BalanceWorkflow'`, `TenantId = ${quote(tenantId)}`];
  parts.push(
    clinicIds.length === 1
      ? `ClinicId = ${quote(clinicIds[0]!)}`
      : `ClinicId IN (${clinicIds.map(quote).join(', ')})`,
  );
  if (q.status === 'open') parts.push(`ExecutionStatus = 'Running'`);
  if (q.stage) parts.push(`Stage = ${quote(q.stage)}`);
  if (q.segment) parts.push(`Segment = ${quote(q.segment)}`);
  if (q.minBalanceCents !== undefined) parts.push(`BalanceCents >= ${q.minBalanceCents}`);
  if (q.minAgeDays !== undefined)
    parts.push(`StartTime <= ${quote(new Date(nowMs - q.minAgeDays * DAY_MS).toISOString())}`);
  if (q.maxAgeDays !== undefined)
    parts.push(`StartTime > ${quote(new Date(nowMs - (q.maxAgeDays + 1) * DAY_MS).toISOString())}`);
  return parts.join(' AND ');
}
