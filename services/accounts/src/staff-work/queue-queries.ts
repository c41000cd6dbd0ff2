import { z } from 'zod';

/** `clinics`: the comma-separated clinics the caller may see, or `*` for every clinic of the tenant. */
export const queueQuerySchema = z.object({
  clinics: z.string().regex(/^(\*|[A-Za-z0-9][A-Za-z0-9._-]{0,63}(,[A-Za-z0-9][A-Za-z0-9._-]{0,63})*)$/, 'must be * or a comma-separated list of clinic IDs'),
  sort: z.enum(['balance', 'age'], { error: 'must be balance or age' }).default('balance'),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(25),
});
export type QueueQuery = z.infer<typeof queueQuerySchema>;

export type QueueName = 'new-balances' | 'disputes' | 'contact-problems';

export interface QueueAccountRow {
  accountId: string;
  accountRef: string;
  clinicId: string;
  balanceCents: number;
  firstPositiveAt: string | null;
  /** When the account entered this queue (dispute opened, mail returned; first balance for new balances). */
  since: string | null;
  workflowId: string | null;
  openDisputes: string[];
}

const SINCE: Record<QueueName, string> = {
  'new-balances': 'first_positive_at',
  disputes: 'disputed_since',
  'contact-problems': 'contact_problem_since',
};

const WHERE: Record<QueueName, string> = {
  // Under 30 days with money owed; "not yet contacted" is outreach's to say (the gateway asks it per page).
  'new-balances': `balance_cents > 0 and first_positive_at > now() - interval '30 days'`,
  disputes: 'disputed_since is not null',
  'contact-problems': 'contact_problem_since is not null',
};

/**
 * One page of a queue as SQL the partial indexes answer (tenant, clinic, the queue's own timestamp): no count,
 * one extra row tells the caller there is a next page. Age sort is oldest first; balance sort largest first.
 */
export function queueSql(queue: QueueName, q: QueueQuery, tenantId: string): { sql: string; params: unknown[] } {
  const since = SINCE[queue];
  const params: unknown[] = q.clinics === '*' ? [tenantId] : [tenantId, q.clinics.split(',')];
  const clinicFilter = q.clinics === '*' ? '' : `and clinic_id = any($2)`;
  const order = q.sort === 'age' ? `${since} asc, id` : `balance_cents desc, ${since} asc, id`;
  const sql = `select id, account_ref, clinic_id, balance_cents, first_positive_at, ${since} as since, workflow_id, holds
      from accounts where tenant_id = $1 ${clinicFilter} and ${WHERE[queue]}
      order by ${order} limit ${q.limit + 1} offset ${q.offset}`;
  return { sql, params };
}

export function toQueueRow(r: {
  id: string;
  account_ref: string;
  clinic_id: string;
  balance_cents: string | number;
  first_positive_at: Date | null;
  since: Date | null;
  workflow_id: string | null;
  holds: { openDisputes?: string[] } | null;
}): QueueAccountRow {
  return {
    accountId: r.id,
    accountRef: r.account_ref,
    clinicId: r.clinic_id,
    balanceCents: Number(r.balance_cents),
    firstPositiveAt: r.first_positive_at ? new Date(r.first_positive_at).toISOString() : null,
    since: r.since ? new Date(r.since).toISOString() : null,
    workflowId: r.workflow_id,
    openDisputes: r.holds?.openDisputes ?? [],
  };
}
