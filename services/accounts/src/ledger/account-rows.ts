import type { SqlRunner } from '@courtesy/kafka';
import type { Account, AccountHolds } from './account.entity';
import type { LedgerKind } from './ledger-entry.entity';

/**
 * The ledger's hot path in plain SQL: one statement per step and no entity reloads, because the consumer applies
 * every integrator event through here (a TypeORM save() re-selects the row it just wrote).
 */

interface AccountRow {
  id: string;
  tenant_id: string;
  clinic_id: string;
  account_ref: string;
  balance_cents: string;
  first_positive_at: Date | null;
  holds: AccountHolds | null;
  workflow_id: string | null;
  updated_at: Date;
}

const COLUMNS = 'id, tenant_id, clinic_id, account_ref, balance_cents, first_positive_at, holds, workflow_id, updated_at';

function toAccount(r: AccountRow): Account {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    clinicId: r.clinic_id,
    accountRef: r.account_ref,
    balanceCents: Number(r.balance_cents),
    firstPositiveAt: r.first_positive_at,
    holds: r.holds ?? {},
    workflowId: r.workflow_id,
    updatedAt: r.updated_at,
  };
}

export interface AccountKey {
  tenantId: string;
  clinicId: string;
  accountRef: string;
}

/** The account row, locked until the transaction ends: one account's changes apply one at a time. */
export async function lockAccount(tx: SqlRunner, key: AccountKey): Promise<Account | undefined> {
  const rows: AccountRow[] = await tx.query(
    `select ${COLUMNS} from accounts where tenant_id = $1 and clinic_id = $2 and account_ref = $3 for update`,
    [key.tenantId, key.clinicId, key.accountRef],
  );
  return rows[0] && toAccount(rows[0]);
}

/** Opens the account at zero, or locks the one a concurrent transaction opened first. */
export async function openAccount(tx: SqlRunner, key: AccountKey): Promise<Account> {
  const rows: AccountRow[] = await tx.query(
    `insert into accounts (tenant_id, clinic_id, account_ref, balance_cents) values ($1, $2, $3, 0)
     on conflict (tenant_id, clinic_id, account_ref) do nothing returning ${COLUMNS}`,
    [key.tenantId, key.clinicId, key.accountRef],
  );
  if (rows[0]) return toAccount(rows[0]);
  const existing = await lockAccount(tx, key);
  if (!existing) throw new Error(`account ${key.clinicId}/${key.accountRef} vanished while being opened`);
  return existing;
}

export interface LedgerLine {
  kind: LedgerKind;
  amountCents: number;
  visitRef: string | null;
}

/**
 * Appends an event's lines and returns the account's new balance, the sum of all its entries, in one round trip:
 * the CTE's insert is invisible to the outer select's snapshot, so the entries already there and the ones added
 * are summed separately.
 */
export async function appendLedgerLines(
  tx: SqlRunner,
  accountId: string,
  eventId: string,
  occurredAt: Date,
  lines: LedgerLine[],
): Promise<number> {
  const rows: Array<{ balance: string }> = await tx.query(
    `with added as (
       insert into ledger_entries (account_id, event_id, kind, amount_cents, visit_ref, occurred_at)
       select $1, $2, l.kind, l.amount, l.visit, $3 from unnest($4::text[], $5::bigint[], $6::text[]) as l(kind, amount, visit)
       returning amount_cents)
     select (select coalesce(sum(amount_cents), 0) from ledger_entries where account_id = $1)
          + (select coalesce(sum(amount_cents), 0) from added) as balance`,
    [accountId, eventId, occurredAt, lines.map((l) => l.kind), lines.map((l) => l.amountCents), lines.map((l) => l.visitRef)],
  );
  return Number(rows[0]!.balance);
}

/** Writes back what an event changed on the account row. */
export async function saveAccountState(tx: SqlRunner, account: Account): Promise<void> {
  await tx.query(
    `update accounts set balance_cents = $2, first_positive_at = $3, holds = $4::jsonb, workflow_id = $5, updated_at = now()
      where id = $1`,
    [account.id, account.balanceCents, account.firstPositiveAt, JSON.stringify(account.holds ?? {}), account.workflowId],
  );
}
