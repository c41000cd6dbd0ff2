import { Controller, Get, Inject, Query, Req, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { StaffGuard, type StaffRequest } from '../staff/staff.guard';
import { StaffAudit } from '../staff/staff-audit.service';
import { ACCOUNTS_API, InternalApi, OUTREACH_API, PAYMENTS_API } from './internal-api';
import { clinicsParam, pageParams } from './scope';
import { AccountContext, type AccountRow } from './account-context';

const pageQuery = z.object({
  page: z.coerce.number('must be a page number').int('must be a page number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').default(1),
  pageSize: z.coerce.number('must be a number').int('must be a whole number').min(1, 'must be 1 to 100').max(100, 'must be 1 to 100').default(25),
  sort: z.enum(['balance', 'age'], { error: 'must be balance or age' }).optional(),
});
type PageQuery = z.infer<typeof pageQuery>;
const newBalancesQuery = pageQuery.omit({ page: true }).extend({
  /** Opaque position in the underlying list (new balances skip the ones already contacted). */
  cursor: z.coerce.number().int().min(0).max(100_000).default(0),
});

interface Paged<T> {
  items: T[];
  hasMore: boolean;
}

const DAY_MS = 86_400_000;
const ageDays = (since: string | null, now = Date.now()) => (since ? Math.max(0, Math.floor((now - Date.parse(since)) / DAY_MS)) : null);

/**
 * The staff console's work queues, each scoped to the clinics of the signed-in staff member, sorted by what
 * matters for that queue and paged. Each owning service answers for its part (outreach: calls, promises,
 * who was contacted; payments: installments; accounts: balances, disputes, returned mail, approvals) and the
 * rows are joined here by account ID with the balance context from accounts.
 */
@Controller('staff/v1/queues')
@UseGuards(StaffGuard)
export class QueuesController {
  constructor(
    @Inject(ACCOUNTS_API) private readonly accounts: InternalApi,
    @Inject(OUTREACH_API) private readonly outreach: InternalApi,
    @Inject(PAYMENTS_API) private readonly payments: InternalApi,
    private readonly context: AccountContext,
    private readonly audit: StaffAudit,
  ) {}

  /** Calls due now whose patient may be called now, most urgent first (segment, purpose, balance). */
  @Get('calls')
  async calls(@Req() req: StaffRequest, @Query(new ZodValidationPipe(pageQuery, 'query')) q: PageQuery) {
    const p = req.staff;
    const page = await this.outreach.get<Paged<{ accountId: string } & Record<string, unknown>>>(`/internal/staff-queues/${enc(p.tenantId)}/calls`, {
      clinics: clinicsParam(p),
      ...pageParams(q.page, q.pageSize),
    });
    await this.audit.record(p, 'queue.read', 'queue:calls', { page: q.page, rows: page.items.length });
    return { ...(await this.withAccounts(p.tenantId, page)), page: q.page, pageSize: q.pageSize };
  }

  /** Balances under 30 days that nobody has reached yet: largest first (or oldest first with sort=age). */
  @Get('new-balances')
  async newBalances(@Req() req: StaffRequest, @Query(new ZodValidationPipe(newBalancesQuery, 'query')) q: z.infer<typeof newBalancesQuery>) {
    const p = req.staff;
    const items: (AccountRow & { ageDays: number | null })[] = [];
    let cursor = q.cursor;
    let more = true;
    // Pages of accounts are filtered by outreach's "contacted" answer until one screen is full (bounded).
    for (let round = 0; round < 5 && more && items.length < q.pageSize; round++) {
      const batch = await this.accounts.get<Paged<AccountRow>>(`/internal/staff-work/${enc(p.tenantId)}/queues/new-balances`, {
        clinics: clinicsParam(p),
        sort: q.sort ?? 'balance',
        offset: cursor,
        limit: 100,
      });
      const contacted = batch.items.length
        ? new Set((await this.outreach.get<{ accountIds: string[] }>(`/internal/staff-queues/${enc(p.tenantId)}/contacted`, { ids: batch.items.map((a) => a.accountId).join(',') })).accountIds)
        : new Set<string>();
      let used = 0;
      for (const a of batch.items) {
        if (items.length >= q.pageSize) break;
        used++;
        if (!contacted.has(a.accountId)) items.push({ ...a, ageDays: ageDays(a.firstPositiveAt) });
      }
      cursor += used;
      more = batch.hasMore || used < batch.items.length;
    }
    await this.audit.record(p, 'queue.read', 'queue:new-balances', { cursor: q.cursor, rows: items.length });
    return { items, hasMore: more, nextCursor: more ? cursor : null, pageSize: q.pageSize };
  }

  /** Open disputes oldest first (or largest first), and returned mail / undeliverable addresses. */
  @Get('disputes')
  disputes(@Req() req: StaffRequest, @Query(new ZodValidationPipe(pageQuery, 'query')) q: PageQuery) {
    return this.accountQueue(req, 'disputes', q);
  }

  @Get('contact-problems')
  contactProblems(@Req() req: StaffRequest, @Query(new ZodValidationPipe(pageQuery, 'query')) q: PageQuery) {
    return this.accountQueue(req, 'contact-problems', q);
  }

  private async accountQueue(req: StaffRequest, queue: 'disputes' | 'contact-problems', q: PageQuery) {
    const p = req.staff;
    const page = await this.accounts.get<Paged<AccountRow>>(`/internal/staff-work/${enc(p.tenantId)}/queues/${queue}`, {
      clinics: clinicsParam(p),
      sort: q.sort ?? 'age',
      ...pageParams(q.page, q.pageSize),
    });
    await this.audit.record(p, 'queue.read', `queue:${queue}`, { page: q.page, rows: page.items.length });
    return { items: page.items.map((a) => ({ ...a, ageDays: ageDays(a.since) })), hasMore: page.hasMore, page: q.page, pageSize: q.pageSize };
  }

  /** Plan installments and call promises falling due from yesterday to a week ahead, soonest first. */
  @Get('due-this-week')
  async dueThisWeek(@Req() req: StaffRequest, @Query(new ZodValidationPipe(pageQuery, 'query')) q: PageQuery) {
    const p = req.staff;
    const scope = { clinics: clinicsParam(p), ...pageParams(q.page, q.pageSize) };
    const [installments, promises] = await Promise.all([
      this.payments.get<Paged<{ accountId: string }>>(`/internal/staff-queues/${enc(p.tenantId)}/plans-due`, scope),
      this.outreach.get<Paged<{ accountId: string }>>(`/internal/staff-queues/${enc(p.tenantId)}/promises`, scope),
    ]);
    await this.audit.record(p, 'queue.read', 'queue:due-this-week', { page: q.page, rows: installments.items.length + promises.items.length });
    return {
      installments: await this.withAccounts(p.tenantId, installments),
      promises: await this.withAccounts(p.tenantId, promises),
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Approval requests waiting for a manager or finance lead, oldest first. */
  @Get('approvals')
  async approvals(@Req() req: StaffRequest, @Query(new ZodValidationPipe(pageQuery, 'query')) q: PageQuery) {
    const p = req.staff;
    const page = await this.accounts.get<Paged<{ requestedAt: string }>>(`/internal/staff-work/${enc(p.tenantId)}/approvals`, {
      clinics: clinicsParam(p),
      status: 'pending',
      ...pageParams(q.page, q.pageSize),
    });
    await this.audit.record(p, 'queue.read', 'queue:approvals', { page: q.page, rows: page.items.length });
    return { items: page.items.map((a) => ({ ...a, ageDays: ageDays(a.requestedAt) })), hasMore: page.hasMore, page: q.page, pageSize: q.pageSize };
  }

  private async withAccounts<T extends { accountId: string }>(tenantId: string, page: Paged<T>) {
    const byId = await this.context.byIds(tenantId, page.items.map((i) => i.accountId));
    return {
      items: page.items.map((i) => {
        const a = byId.get(i.accountId);
        return { ...i, accountRef: a?.accountRef ?? null, balanceCents: a?.balanceCents ?? null, ageDays: ageDays(a?.firstPositiveAt ?? null) };
      }),
      hasMore: page.hasMore,
    };
  }
}

export const enc = encodeURIComponent;
