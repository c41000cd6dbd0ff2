import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createLogger } from '@courtesy/logging';
import { AccountFactsClient } from '../accounts-client/account-facts';
import { ChargeService } from '../charges/charge.service';

const log = createLogger('payments.scheduled');

export interface ScheduledRunResult {
  due: number;
  succeeded: number;
  declined: number;
  skipped: number;
}

/**
 * Charges the one-time payments patients scheduled on the pay page, on their date. The charge key is the page
 * request's ID, so a retried run never charges twice; the amount never exceeds what the ledger says is owed now
 * (a payment made in between lowers it, a paid-off balance skips the charge).
 */
@Injectable()
export class ScheduledPaymentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly charges: ChargeService,
    private readonly accounts: AccountFactsClient,
  ) {}

  async chargeDue(asOf: Date): Promise<ScheduledRunResult> {
    const rows: Array<{ id: string; tenant_id: string; clinic_id: string; account_id: string; details: { payOn: string; amountCents: number; cardOnFileId: string } }> =
      await this.db.query(
        `select r.id, r.tenant_id, r.clinic_id, r.account_id, r.details from page_requests r
          where r.kind = 'scheduled_payment' and (r.details->>'payOn')::date <= ($1::timestamptz at time zone 'UTC')::date
            and not exists (select 1 from payments p where p.idempotency_key = 'scheduled:' || r.id::text)
          order by r.created_at limit 1000`,
        [asOf.toISOString()],
      );
    const result: ScheduledRunResult = { due: rows.length, succeeded: 0, declined: 0, skipped: 0 };
    for (const r of rows) {
      const facts = await this.accounts.facts(r.account_id);
      const amountCents = Math.min(r.details.amountCents, facts?.balanceCents ?? 0);
      if (amountCents <= 0) {
        result.skipped++;
        continue;
      }
      const record = await this.charges.charge({
        tenantId: r.tenant_id,
        clinicId: r.clinic_id,
        accountId: r.account_id,
        amountCents,
        cardOnFileId: r.details.cardOnFileId,
        idempotencyKey: `scheduled:${r.id}`,
        source: 'scheduled_payment',
      });
      if (record.status === 'succeeded' || record.status === 'pending') result.succeeded++;
      else result.declined++;
    }
    log.info({ asOf: asOf.toISOString(), ...result }, 'scheduled payments run');
    return result;
  }
}
