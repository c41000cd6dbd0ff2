import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createLogger } from '@courtesy/logging';
import { AccountFactsClient, type CreditFinding } from '../accounts-client/account-facts';
import { publishFact } from '../facts/facts-outbox';
import { PAYMENT_PROCESSOR, type PaymentProcessor } from '../processor';

const log = createLogger('payments.credit-sweep');

/** An account touched by the sweep in the last day is skipped: accounts may not have applied those facts yet. */
const SETTLING_HOURS = 24;

export interface SweepResult {
  accountsInCredit: number;
  transfers: number;
  transferredCents: number;
  refunds: number;
  refundedCents: number;
  /** Credit with no card payment to refund to (cash, check): left for staff, named by account. */
  needsStaff: Array<{ accountId: string; cents: number }>;
}

/**
 * The weekly credit-balance sweep (domain policy: family balances first, then refund, within 5 business days of
 * detection). Each transfer and refund is recorded with its fact in one transaction, under a key made of the
 * sweep run and the accounts involved, so a retried activity does nothing twice.
 */
@Injectable()
export class CreditSweepService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PAYMENT_PROCESSOR) private readonly processor: PaymentProcessor,
    private readonly accounts: AccountFactsClient,
  ) {}

  async sweep(runKey: string, detectedAt = new Date()): Promise<SweepResult> {
    const result: SweepResult = { accountsInCredit: 0, transfers: 0, transferredCents: 0, refunds: 0, refundedCents: 0, needsStaff: [] };
    for (const credit of await this.accounts.credits()) {
      result.accountsInCredit++;
      if (await this.settling(credit, runKey)) continue;
      let left = credit.creditCents;
      for (const member of credit.family) {
        if (left <= 0) break;
        const cents = Math.min(left, member.balanceCents);
        if (await this.transfer(credit, member.accountId, cents, `credit:${runKey}:${credit.accountId}:${member.accountId}`, detectedAt)) {
          result.transfers++;
          result.transferredCents += cents;
        }
        left -= cents;
      }
      if (left > 0) {
        const refunded = await this.refund(credit, left, runKey, detectedAt);
        result.refunds += refunded.count;
        result.refundedCents += refunded.cents;
        if (refunded.cents < left) result.needsStaff.push({ accountId: credit.accountId, cents: left - refunded.cents });
      }
    }
    log.info({ runKey, ...result, needsStaff: result.needsStaff.length }, 'credit sweep finished');
    return result;
  }

  private async settling(credit: CreditFinding, runKey: string): Promise<boolean> {
    const [row] = await this.db.query(
      `select 1 from (
         select created_at from credit_transfers where tenant_id = $1 and from_account_id = $2 and idempotency_key not like $3
         union all select created_at from refunds where tenant_id = $1 and account_id = $2 and idempotency_key not like $3
       ) t where created_at > now() - make_interval(hours => $4) limit 1`,
      [credit.tenantId, credit.accountId, `%:${runKey}:%`, SETTLING_HOURS],
    );
    return row !== undefined;
  }

  private async transfer(credit: CreditFinding, toAccountId: string, cents: number, key: string, detectedAt: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query(
        `insert into credit_transfers (idempotency_key, tenant_id, clinic_id, from_account_id, to_account_id, amount_cents, detected_at)
         values ($1, $2, $3, $4, $5, $6, $7) on conflict (idempotency_key) do nothing returning id`,
        [key, credit.tenantId, credit.clinicId, credit.accountId, toAccountId, cents, detectedAt],
      );
      if (!row) return false;
      const base = { tenantId: credit.tenantId, clinicId: credit.clinicId, type: 'credit.transferred' as const, transferId: row.id, amountCents: cents };
      await publishFact(tx, { ...base, accountId: credit.accountId, direction: 'out', counterpartAccountId: toAccountId });
      await publishFact(tx, { ...base, accountId: toAccountId, direction: 'in', counterpartAccountId: credit.accountId });
      return true;
    });
  }

  /** Refunds to the card payments of the account, newest first, never more than each one took. */
  private async refund(credit: CreditFinding, cents: number, runKey: string, detectedAt: Date): Promise<{ count: number; cents: number }> {
    const payments: Array<{ id: string; processor_payment_id: string; refundable: string }> = await this.db.query(
      `select id, processor_payment_id, amount_cents - refunded_cents as refundable from payments
        where tenant_id = $1 and account_id = $2 and status = 'succeeded' and processor = $3 and amount_cents > refunded_cents
        order by created_at desc`,
      [credit.tenantId, credit.accountId, this.processor.name],
    );
    let left = cents;
    let count = 0;
    for (const p of payments) {
      if (left <= 0) break;
      const amount = Math.min(left, Number(p.refundable));
      const key = `refund:${runKey}:${credit.accountId}:${p.id}`;
      const [existing] = await this.db.query('select status, amount_cents from refunds where idempotency_key = $1', [key]);
      if (existing) {
        if (existing.status === 'succeeded') left -= Number(existing.amount_cents);
        continue;
      }
      const outcome = await this.processor.refund({ processorPaymentId: p.processor_payment_id, amountCents: amount, idempotencyKey: key, metadata: { tenantId: credit.tenantId, accountId: credit.accountId } });
      await this.db.transaction(async (tx) => {
        const [row] = await tx.query(
          `insert into refunds (idempotency_key, tenant_id, clinic_id, account_id, payment_id, amount_cents, processor_refund_id, status, reason, detected_at, issued_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, 'credit_balance', $9, case when $8 = 'failed' then null else now() end)
           on conflict (idempotency_key) do nothing returning id`,
          [key, credit.tenantId, credit.clinicId, credit.accountId, p.id, amount, outcome.processorRefundId, outcome.status, detectedAt],
        );
        if (!row || outcome.status === 'failed') return;
        await tx.query('update payments set refunded_cents = refunded_cents + $2 where id = $1', [p.id, amount]);
        await publishFact(tx, { tenantId: credit.tenantId, clinicId: credit.clinicId, accountId: credit.accountId, type: 'payment.refunded', refundId: row.id, paymentId: p.id, amountCents: amount, reason: 'credit_balance' });
      });
      if (outcome.status !== 'failed') {
        left -= amount;
        count++;
      }
    }
    return { count, cents: cents - left };
  }
}
