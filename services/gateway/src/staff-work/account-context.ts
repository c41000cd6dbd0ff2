import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { StaffPrincipal } from '../staff/staff-principal';
import { ACCOUNTS_API, InternalApi } from './internal-api';
import { assertClinic } from './scope';

export interface AccountRow {
  accountId: string;
  accountRef: string;
  clinicId: string;
  balanceCents: number;
  firstPositiveAt: string | null;
  since: string | null;
  workflowId: string | null;
  openDisputes: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Balance context from accounts' read model for rows other services own (calls, promises, installments). */
@Injectable()
export class AccountContext {
  constructor(@Inject(ACCOUNTS_API) private readonly accounts: InternalApi) {}

  async byIds(tenantId: string, ids: string[]): Promise<Map<string, AccountRow>> {
    const unique = [...new Set(ids.filter((id) => UUID.test(id)))];
    if (unique.length === 0) return new Map();
    const { accounts } = await this.accounts.get<{ accounts: AccountRow[] }>(`/internal/staff-work/${encodeURIComponent(tenantId)}/accounts`, { ids: unique.join(',') });
    return new Map(accounts.map((a) => [a.accountId, a]));
  }

  /** One account the staff member may work (404 when it is not in their clinics or not in their tenant). */
  async scoped(p: StaffPrincipal, accountId: string): Promise<AccountRow> {
    const a = UUID.test(accountId) ? (await this.byIds(p.tenantId, [accountId])).get(accountId) : undefined;
    if (!a) throw new NotFoundException({ statusCode: 404, errors: [{ path: 'path.accountId', message: 'no such account in your clinics' }] });
    assertClinic(p, a.clinicId);
    return a;
  }
}
