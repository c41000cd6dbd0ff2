import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createLogger } from '@courtesy/logging';
import type { SqlRunner } from '@courtesy/kafka';
import { rowsOf } from '../sql';
import { publishFact } from '../facts/facts-outbox';
import { PAYMENT_PROCESSOR, tokenTail, type PaymentProcessor } from '../processor';

const log = createLogger('payments.charges');

export type PaymentSource = 'pay_page' | 'plan_installment' | 'scheduled_payment';

export interface ChargeInput {
  tenantId: string;
  clinicId: string;
  accountId: string;
  amountCents: number;
  /** One-time token from the page, or omitted when charging a card on file. */
  token?: string;
  cardOnFileId?: string;
  idempotencyKey: string;
  source: PaymentSource;
  planId?: string;
  installmentSeq?: number;
  attempt?: number;
}

export interface PaymentRecord {
  id: string;
  status: 'succeeded' | 'soft_declined' | 'hard_declined' | 'pending';
  amountCents: number;
  declineCode: string | null;
}

export interface CardConsent {
  /** The exact words the patient agreed to, with when and from where. */
  text: string;
  at: string;
  channel: 'pay_page';
  clientAddress?: string;
}

const toRecord = (r: { id: string; status: PaymentRecord['status']; amount_cents: string; decline_code: string | null }): PaymentRecord => ({
  id: r.id,
  status: r.status,
  amountCents: Number(r.amount_cents),
  declineCode: r.decline_code,
});

/**
 * Money movement: one processor call per idempotency key, recorded with its fact in one transaction. A repeated
 * key (double click, activity retry, redelivered request) returns the first record and charges nothing; if we
 * crashed between the processor's answer and our commit, the processor replays the same answer for the key.
 */
@Injectable()
export class ChargeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PAYMENT_PROCESSOR) private readonly processor: PaymentProcessor,
  ) {}

  async find(idempotencyKey: string): Promise<PaymentRecord | undefined> {
    const [row] = await this.db.query('select id, status, amount_cents, decline_code from payments where idempotency_key = $1', [idempotencyKey]);
    return row ? toRecord(row) : undefined;
  }

  async charge(input: ChargeInput): Promise<PaymentRecord> {
    if (!Number.isInteger(input.amountCents) || input.amountCents <= 0) {
      throw new RangeError(`amountCents: must be a positive whole number of cents (got ${input.amountCents})`);
    }
    const existing = await this.find(input.idempotencyKey);
    if (existing) return existing;
    const token = input.token ?? (input.cardOnFileId ? await this.cardToken(input) : undefined);
    if (!token) throw new RangeError('token: a card token or a card on file is required');
    const result = await this.processor.charge({
      amountCents: input.amountCents,
      token,
      offSession: input.source !== 'pay_page',
      idempotencyKey: input.idempotencyKey,
      metadata: { tenantId: input.tenantId, clinicId: input.clinicId, accountId: input.accountId, ...(input.planId ? { planId: input.planId } : {}) },
    });
    const status: PaymentRecord['status'] =
      result.status === 'declined' ? (result.hard ? 'hard_declined' : 'soft_declined') : result.status;
    const declineCode = result.status === 'declined' ? result.code : null;
    const record = await this.db.transaction(async (tx) => {
      const [row] = await tx.query(
        `insert into payments (idempotency_key, tenant_id, clinic_id, account_id, amount_cents, status, decline_code, processor,
           processor_payment_id, source, plan_id, installment_seq, attempt, card_on_file_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         on conflict (idempotency_key) do nothing returning id, status, amount_cents, decline_code`,
        [
          input.idempotencyKey, input.tenantId, input.clinicId, input.accountId, input.amountCents, status, declineCode,
          this.processor.name, result.processorPaymentId ?? null, input.source, input.planId ?? null, input.installmentSeq ?? null,
          input.attempt ?? null, input.cardOnFileId ?? null,
        ],
      );
      if (!row) return undefined; // a concurrent request with the same key won; read its record below
      const base = { tenantId: input.tenantId, clinicId: input.clinicId, accountId: input.accountId, paymentId: row.id, amountCents: input.amountCents, planId: input.planId, installmentSeq: input.installmentSeq };
      if (status === 'succeeded') await publishFact(tx, { ...base, type: 'payment.succeeded', source: input.source });
      if (declineCode) await publishFact(tx, { ...base, type: 'payment.declined', code: declineCode, hard: status === 'hard_declined' });
      return toRecord(row);
    });
    const final = record ?? (await this.find(input.idempotencyKey))!;
    log.info(
      { paymentId: final.id, tenantId: input.tenantId, accountId: input.accountId, source: input.source, amountCents: input.amountCents, status: final.status, declineCode, card: tokenTail(token) },
      'charge recorded',
    );
    return final;
  }

  /** Settles a pending payment from a verified processor webhook; returns false when it was already settled. */
  async settle(
    tx: SqlRunner,
    processorPaymentId: string,
    outcome: { succeeded: true } | { succeeded: false; code: string; hard: boolean },
  ): Promise<boolean> {
    {
      const rows = rowsOf(await tx.query(
        `update payments set status = $3, decline_code = $4 where processor = $1 and processor_payment_id = $2 and status = 'pending'
         returning id, tenant_id, clinic_id, account_id, amount_cents, source, plan_id, installment_seq`,
        [this.processor.name, processorPaymentId, outcome.succeeded ? 'succeeded' : outcome.hard ? 'hard_declined' : 'soft_declined', outcome.succeeded ? null : outcome.code],
      ));
      const row = rows[0];
      if (!row) return false;
      const base = { tenantId: row.tenant_id, clinicId: row.clinic_id, accountId: row.account_id, paymentId: row.id, amountCents: Number(row.amount_cents), planId: row.plan_id ?? undefined, installmentSeq: row.installment_seq ?? undefined };
      if (outcome.succeeded) await publishFact(tx, { ...base, type: 'payment.succeeded', source: row.source });
      else await publishFact(tx, { ...base, type: 'payment.declined', code: outcome.code, hard: outcome.hard });
      return true;
    }
  }

  /** Saves a card for autopay or a scheduled payment, with the consent the patient gave, and returns its ID. */
  async saveCard(input: { tenantId: string; clinicId: string; accountId: string; token: string; consent: CardConsent; chargeCapCents?: number; idempotencyKey: string }): Promise<string> {
    const [existing] = await this.db.query(`select id from cards_on_file where consent->>'idempotencyKey' = $1`, [input.idempotencyKey]);
    if (existing) return existing.id;
    const saved = await this.processor.saveCard({ token: input.token, idempotencyKey: input.idempotencyKey, metadata: { tenantId: input.tenantId, accountId: input.accountId } });
    const [row] = await this.db.query(
      `insert into cards_on_file (tenant_id, clinic_id, account_id, processor, processor_token, brand, last4, consent, charge_cap_cents)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [input.tenantId, input.clinicId, input.accountId, this.processor.name, saved.processorToken, saved.brand, saved.last4,
        JSON.stringify({ ...input.consent, idempotencyKey: input.idempotencyKey }), input.chargeCapCents ?? null],
    );
    log.info({ cardOnFileId: row.id, tenantId: input.tenantId, accountId: input.accountId, card: tokenTail(saved.processorToken) }, 'card on file saved with consent');
    return row.id;
  }

  async cardOnFile(id: string): Promise<{ id: string; accountId: string; tenantId: string; chargeCapCents: number | null; last4: string | null; brand: string | null } | undefined> {
    const [row] = await this.db.query('select id, account_id, tenant_id, charge_cap_cents, last4, brand from cards_on_file where id = $1 and revoked_at is null', [id]);
    return row ? { id: row.id, accountId: row.account_id, tenantId: row.tenant_id, chargeCapCents: row.charge_cap_cents === null ? null : Number(row.charge_cap_cents), last4: row.last4, brand: row.brand } : undefined;
  }

  private async cardToken(input: ChargeInput): Promise<string | undefined> {
    const [row] = await this.db.query(
      'select processor_token from cards_on_file where id = $1 and tenant_id = $2 and account_id = $3 and revoked_at is null',
      [input.cardOnFileId, input.tenantId, input.accountId],
    );
    return row?.processor_token;
  }
}
