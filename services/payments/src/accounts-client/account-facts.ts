import { Inject, Injectable } from '@nestjs/common';
import type { PaymentsConfig } from '../config';
import { CONFIG } from '../tokens';

/** What the pay page shows, from accounts (the ledger's owner); see accounts' payment-facts controller. */
export interface PayPageFacts {
  tenantId: string;
  clinicId: string;
  accountId: string;
  accountRef: string;
  clinic: { name: string; phone: string | null; timeZone: string; colour?: string };
  /** The patient's zone (the clinic's when unknown): "today" and due dates are on their calendar. */
  timeZone: string;
  language: 'en' | 'es';
  firstName: string | null;
  /** Which identity check the clinic asks for before showing details. */
  identityCheck: 'date_of_birth' | 'account_last4';
  balanceCents: number;
  /** The clinic's current collection policy (validated by accounts), or null for the default policy. */
  policy: unknown;
  summary: {
    visits: Array<{ visitRef: string; firstAt: string; chargesCents: number; insurancePaidCents: number; adjustmentsCents: number }>;
    chargesCents: number;
    insurancePaidCents: number;
    adjustmentsCents: number;
    patientPaidCents: number;
  };
}

export interface CreditFinding {
  tenantId: string;
  clinicId: string;
  accountId: string;
  creditCents: number;
  family: Array<{ accountId: string; balanceCents: number }>;
}

export class AccountsUnavailableError extends Error {}

/** Service-to-service client for accounts' internal pay-facts API, authenticated with the operator token. */
@Injectable()
export class AccountFactsClient {
  constructor(@Inject(CONFIG) private readonly config: PaymentsConfig) {}

  async facts(accountId: string): Promise<PayPageFacts | undefined> {
    const res = await this.call(`/internal/pay-facts/${encodeURIComponent(accountId)}`);
    if (res.status === 404) return undefined;
    return (await res.json()) as PayPageFacts;
  }

  /** Accounts in credit, each with its family's open balances at the same clinic (largest first). */
  async credits(): Promise<CreditFinding[]> {
    const res = await this.call('/internal/pay-facts/credits/all');
    return (await res.json()) as CreditFinding[];
  }

  async verify(accountId: string, answer: string): Promise<boolean> {
    const res = await this.call(`/internal/pay-facts/${encodeURIComponent(accountId)}/verify`, { answer });
    return ((await res.json()) as { ok: boolean }).ok === true;
  }

  private async call(path: string, body?: unknown): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${this.config.ACCOUNTS_URL.replace(/\/$/, '')}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${this.config.ADMIN_TOKEN ?? ''}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(5_000),
      });
    } catch (err) {
      throw new AccountsUnavailableError(`accounts unreachable: ${(err as Error).message}`);
    }
    if (!res.ok && res.status !== 404) throw new AccountsUnavailableError(`accounts answered ${res.status} for ${path.split('/').slice(0, 3).join('/')}`);
    return res;
  }
}
