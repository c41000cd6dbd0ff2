/**
 * The contract between PaymentPlanWorkflow (and BalanceWorkflow) and the payments worker (task queue
 * `payments`). Card data never appears here: a plan charges a card-on-file *reference* that payments resolves
 * to the processor's token, so Temporal payloads never hold a PAN, CVC or a full processor token.
 */
import type { Installment } from '../domain/plan-schedule';

export interface PlanRef {
  planId: string;
  workflowId: string;
  tenantId: string;
  clinicId: string;
  accountId: string;
}

export interface CreatePlanScheduleRequest extends PlanRef {
  installments: Installment[];
  autopay: boolean;
  /** Payments' own ID for the consented card on file; absent when the patient pays each installment by link. */
  cardOnFileId?: string;
  /** Largest single charge the patient allowed autopay to take. */
  chargeCapCents?: number;
}

export interface ChargeInstallmentRequest extends PlanRef {
  installmentNumber: number;
  attempt: number;
  amountCents: number;
  cardOnFileId: string;
  chargeCapCents?: number;
  /** `<planId>:<installment>:<attempt>`: the processor sees it as the idempotency key. */
  idempotencyKey: string;
}

export type ChargeOutcome =
  | { status: 'succeeded'; paymentId: string; amountCents: number }
  /** Soft decline (insufficient funds, processor hiccup): retry on the plan's schedule. */
  | { status: 'soft_declined'; code: string }
  /** Hard decline (stolen, closed, expired card, over the patient's cap): never retried. */
  | { status: 'hard_declined'; code: string };

/** Activities the payments worker implements (task queue `payments`). */
export interface PaymentsActivities {
  createPlanSchedule(request: CreatePlanScheduleRequest): Promise<{ planId: string }>;
  chargeInstallment(request: ChargeInstallmentRequest): Promise<ChargeOutcome>;
  rebalancePlan(request: PlanRef & { installments: Installment[] }): Promise<void>;
  cancelPlan(request: PlanRef & { reason: string }): Promise<void>;
}
