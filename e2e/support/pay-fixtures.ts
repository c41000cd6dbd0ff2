import { PoliciesService } from '@courtesy/accounts';
import { guarantor, remittance, visit } from './events';
import { eventually } from './eventually';
import type { PaymentsStack } from './payments-stack';

export interface PatientAccount {
  tenantId: string;
  clinicId: string;
  accountRef: string;
  accountId: string;
  dateOfBirth: string;
  /** The guarantor's address for email (consented; SMS is not). */
  email: string;
}

/** A clinic, an integrator key and one patient account owing `owedCents` after insurance, published on ehr.events.v1. */
export async function patientOwing(
  stack: PaymentsStack,
  run: string,
  owedCents: number,
  opts: { language?: 'en' | 'es'; dayLengthMs?: number; timeZone?: string; policy?: Record<string, unknown> } = {},
): Promise<PatientAccount> {
  const tenantId = `t-${run}`;
  const clinicId = `c-${run}`;
  const accountRef = 'A-2001';
  await stack.clinics.upsert({ tenantId, clinicId, name: 'Maple Street Physical Therapy', timeZone: opts.timeZone ?? 'America/Chicago', phone: '(555) 010-2030', dayLengthMs: opts.dayLengthMs ?? 86_400_000 });
  // A stored clinic policy before the account opens, so its workflow starts on it (not the default).
  if (opts.policy) await stack.accounts.get(PoliciesService).put(tenantId, clinicId, opts.policy, 'e2e');
  const g = guarantor(`g-${run}`, clinicId, accountRef, `pat-${run}@example.test`);
  if (opts.language) g.data.language = opts.language;
  if (opts.timeZone) g.data.timeZone = opts.timeZone;
  const charge = owedCents + 10_000;
  const events = [g, visit(`v-${run}`, clinicId, accountRef, charge), remittance(`r-${run}`, clinicId, accountRef, { paid: 7_000, contractual: 3_000, deductible: owedCents, coinsurance: 0, copay: 0 })];
  await stack.ingest(tenantId, events);
  const accountId = await eventually(async () => {
    const { rows } = await stack.accountsDb.query('select id, balance_cents from accounts where tenant_id = $1 and clinic_id = $2 and account_ref = $3', [tenantId, clinicId, accountRef]);
    return rows[0] && Number(rows[0].balance_cents) === owedCents ? (rows[0].id as string) : undefined;
    // Kafka-carried: on a busy shared host accounts may take a while to get to these events.
  }, 60_000);
  return { tenantId, clinicId, accountRef, accountId, dateOfBirth: '1984-05-17', email: g.data.email };
}

/**
 * Test stacks share Kafka and the database: a stack in another test process reading ehr.events.v1 at the same time
 * may start an account's workflow on its own queues (its own outreach, payments worker, sandbox processor). A test
 * about this stack's workers then proves nothing, so it stops with that reason instead of a puzzling mismatch.
 */
export async function expectRunsOnThisStack(stack: PaymentsStack, handle: { describe(): Promise<{ taskQueue: string }> }): Promise<void> {
  const queue = (await handle.describe()).taskQueue;
  if (queue !== stack.queues.TEMPORAL_BALANCES_TASK_QUEUE) {
    throw new Error(`another test process's stack started this account's workflow (queue ${queue}); run the pay-* e2e files without other e2e stacks running`);
  }
}

export async function balanceOf(stack: PaymentsStack, accountId: string): Promise<number> {
  const { rows } = await stack.accountsDb.query('select balance_cents from accounts where id = $1', [accountId]);
  return Number(rows[0].balance_cents);
}

/** A minimal cookie-keeping HTTP client for the server-rendered pay page (forms, redirects by hand). */
export class PageClient {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async get(path: string) {
    return this.request('GET', path);
  }

  async post(path: string, form: Record<string, string>) {
    return this.request('POST', path, new URLSearchParams(form).toString());
  }

  private async request(method: string, path: string, body?: string) {
    const res = await fetch(`${this.base}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      body,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    return { status: res.status, location: res.headers.get('location'), html: await res.text(), headers: res.headers };
  }
}

/** The value of a hidden or pre-filled form field in a rendered page. */
export function field(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!m) throw new Error(`no field ${name} in page`);
  return m[1]!;
}
