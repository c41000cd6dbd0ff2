import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApplicationFailure } from '@temporalio/common';
import type { ChargeInstallmentRequest, ChargeOutcome, CreatePlanScheduleRequest, PaymentsActivities, PlanRef } from '@courtesy/workflows';
import { createLogger } from '@courtesy/logging';
import { ChargeService } from '../charges/charge.service';

const log = createLogger('payments.activities');

/** Bad input from a workflow is a bug, not a hiccup: fail the activity without retries and name the field. */
const badInput = (field: string, reason: string) =>
  ApplicationFailure.nonRetryable(`${field}: ${reason}`, 'InvalidPaymentsRequest');

/**
 * The workflow's planId is only unique within its balance workflow ("p1", "p2"...), so payments keys plans, their
 * installments and their charges by the plan workflow's ID, which is unique across tenants and accounts. The
 * processor sees the same scoped key: two patients' "p1:1:1" must never replay each other's charge.
 */
const planKey = (ref: PlanRef) => ref.workflowId;

function checkRef(ref: PlanRef) {
  for (const field of ['planId', 'workflowId', 'tenantId', 'clinicId', 'accountId'] as const) {
    if (typeof ref[field] !== 'string' || ref[field].length === 0) throw badInput(field, 'is required');
  }
}

/**
 * The activities PaymentPlanWorkflow calls on task queue `payments`. Each is idempotent: the plan ID and
 * `<planId>:<installment>:<attempt>` keys make a retried activity return what the first run did.
 */
@Injectable()
export class PaymentsActivitiesProvider {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly charges: ChargeService,
  ) {}

  activities(): PaymentsActivities {
    return {
      createPlanSchedule: (r) => this.createPlanSchedule(r),
      chargeInstallment: (r) => this.chargeInstallment(r),
      rebalancePlan: (r) => this.rebalancePlan(r),
      cancelPlan: (r) => this.cancelPlan(r),
    };
  }

  async createPlanSchedule(r: CreatePlanScheduleRequest): Promise<{ planId: string }> {
    checkRef(r);
    if (!Array.isArray(r.installments) || r.installments.length === 0) throw badInput('installments', 'must list at least one installment');
    if (r.autopay && !r.cardOnFileId) throw badInput('cardOnFileId', 'is required when autopay is on');
    if (r.cardOnFileId) {
      const card = await this.charges.cardOnFile(r.cardOnFileId);
      if (!card || card.accountId !== r.accountId || card.tenantId !== r.tenantId) throw badInput('cardOnFileId', 'is not a card on file of this account');
    }
    await this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `insert into plans (plan_id, workflow_id, tenant_id, clinic_id, account_id, autopay, card_on_file_id, charge_cap_cents)
         values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (plan_id) do nothing returning plan_id`,
        [planKey(r), r.workflowId, r.tenantId, r.clinicId, r.accountId, r.autopay, r.cardOnFileId ?? null, r.chargeCapCents ?? null],
      );
      if (inserted.length === 0) return; // retried activity: the schedule is already recorded
      await this.writeInstallments(tx, planKey(r), r.installments);
    });
    log.info({ planId: r.planId, tenantId: r.tenantId, accountId: r.accountId, installments: r.installments.length, autopay: r.autopay }, 'plan schedule recorded');
    return { planId: r.planId };
  }

  async chargeInstallment(r: ChargeInstallmentRequest): Promise<ChargeOutcome> {
    checkRef(r);
    if (!Number.isInteger(r.amountCents) || r.amountCents <= 0) throw badInput('amountCents', `must be a positive whole number of cents (got ${r.amountCents})`);
    const expectedKey = `${r.planId}:${r.installmentNumber}:${r.attempt}`;
    if (r.idempotencyKey !== expectedKey) throw badInput('idempotencyKey', `must be ${expectedKey}`);
    const [plan] = await this.db.query('select status, charge_cap_cents from plans where plan_id = $1', [planKey(r)]);
    if (plan?.status === 'cancelled') return { status: 'hard_declined', code: 'plan_cancelled' };
    const card = r.cardOnFileId ? await this.charges.cardOnFile(r.cardOnFileId) : undefined;
    if (!card || card.accountId !== r.accountId) return { status: 'hard_declined', code: 'no_card_on_file' };
    // The patient's cap wins over anything the workflow asks for: autopay never takes more than they allowed.
    const caps = [r.chargeCapCents, card.chargeCapCents, plan?.charge_cap_cents == null ? undefined : Number(plan.charge_cap_cents)].filter(
      (c): c is number => typeof c === 'number',
    );
    if (caps.length > 0 && r.amountCents > Math.min(...caps)) {
      log.warn({ planId: r.planId, installment: r.installmentNumber, amountCents: r.amountCents, capCents: Math.min(...caps) }, 'installment over the autopay cap; not charged');
      return { status: 'hard_declined', code: 'over_charge_cap' };
    }
    const record = await this.charges.charge({
      tenantId: r.tenantId,
      clinicId: r.clinicId,
      accountId: r.accountId,
      amountCents: r.amountCents,
      cardOnFileId: card.id,
      idempotencyKey: `${planKey(r)}|${r.idempotencyKey}`,
      source: 'plan_installment',
      planId: r.planId,
      installmentSeq: r.installmentNumber,
      attempt: r.attempt,
    });
    switch (record.status) {
      case 'succeeded':
        await this.db.query('update installments set paid_cents = least(amount_cents, paid_cents + $3) where plan_id = $1 and seq = $2', [planKey(r), r.installmentNumber, record.amountCents]);
        return { status: 'succeeded', paymentId: record.id, amountCents: record.amountCents };
      case 'hard_declined':
        return { status: 'hard_declined', code: record.declineCode ?? 'card_declined' };
      case 'soft_declined':
        return { status: 'soft_declined', code: record.declineCode ?? 'card_declined' };
      default:
        // Pending at the processor: the webhook settles it; for the plan it is not money yet, so retry later.
        return { status: 'soft_declined', code: 'processing' };
    }
  }

  async rebalancePlan(r: PlanRef & { installments: CreatePlanScheduleRequest['installments'] }): Promise<void> {
    checkRef(r);
    await this.db.transaction(async (tx) => {
      const [plan] = await tx.query('select plan_id from plans where plan_id = $1 for update', [planKey(r)]);
      if (!plan) throw badInput('planId', 'no such plan (createPlanSchedule first)');
      await this.writeInstallments(tx, planKey(r), r.installments);
      await tx.query('update plans set updated_at = now() where plan_id = $1', [planKey(r)]);
    });
    log.info({ planId: r.planId, installments: r.installments.length }, 'plan rebalanced');
  }

  async cancelPlan(r: PlanRef & { reason: string }): Promise<void> {
    checkRef(r);
    await this.db.query(
      `update plans set status = 'cancelled', cancel_reason = $2, updated_at = now() where plan_id = $1 and status = 'active'`,
      [planKey(r), String(r.reason ?? '').slice(0, 200)],
    );
    log.info({ planId: r.planId, reason: r.reason }, 'plan cancelled');
  }

  private async writeInstallments(tx: { query: DataSource['query'] }, planId: string, installments: CreatePlanScheduleRequest['installments']) {
    for (const i of installments) {
      if (!Number.isInteger(i.amountCents) || i.amountCents < 0) throw badInput(`installments[${i.seq}].amountCents`, 'must be whole cents, not negative');
      await tx.query(
        `insert into installments (plan_id, seq, due_date, due_at, amount_cents, paid_cents) values ($1, $2, $3, $4, $5, $6)
         on conflict (plan_id, seq) do update set due_date = excluded.due_date, due_at = excluded.due_at,
           amount_cents = excluded.amount_cents, paid_cents = greatest(installments.paid_cents, excluded.paid_cents)`,
        [planId, i.seq, i.dueDate, i.dueAt, i.amountCents, i.paidCents ?? 0],
      );
    }
  }
}
