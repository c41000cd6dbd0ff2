/**
 * Every message BalanceWorkflow understands, and the contract with its child PaymentPlanWorkflow.
 *
 * Signals are facts (something happened; the workflow re-plans), Updates are requests that need an answer
 * (validated against the policy snapshot before they are accepted), the Query reads the whole state.
 *
 * Every signal carries `eventId`: the workflow keeps the IDs of recently applied events (across
 * continue-as-new), so a redelivered Kafka message or a retried signal changes nothing. Payloads pass the
 * AES-GCM payload codec; names and contact details may appear only inside them (ContactFacts), never in
 * IDs, search attributes, summaries or logs.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Approver } from '../domain/approvals';
import type { Channel, CollectionPolicy, Segment } from '../domain/policy';
import type { HardshipOutcome } from '../domain/hardship';
import type { Installment, PlanLimits } from '../domain/plan-schedule';
import type { GateName } from '../domain/placement-gates';
import type { ContactFacts, LedgerChanged } from './balance-types';
import type { CallOutcomeKind } from './outreach-activities';
import type { PlacementAccepted, PlacementRejected } from './placement-activities';

// ---------------------------------------------------------------------------------------------------------
// Stages
// ---------------------------------------------------------------------------------------------------------

export const BALANCE_STAGES = [
  'soft',
  'plan',
  'disputed',
  'hardship',
  'held',
  'final_notice',
  'placed',
  'closed',
  'resolved',
] as const;
/**
 * `held` = rebilled to insurance; `closed` = nothing more will be attempted (deceased, bankruptcy, placement
 * window passed) but a payment still resolves it; `resolved` = balance reached zero (paid, adjusted, written
 * off, settled) and the workflow completes.
 */
export type BalanceStage = (typeof BALANCE_STAGES)[number];

/** Every signal's payload carries the ID of the fact it reports; the workflow ignores IDs it has applied. */
export interface FactBase {
  eventId: string;
}

// ---------------------------------------------------------------------------------------------------------
// Signals (facts). Accounts is the only sender from Kafka facts; placement answers placements; the plan
// child reports its end.
// ---------------------------------------------------------------------------------------------------------

/** The ledger's balance changed (charge, remittance, adjustment, write-off). `balanceCents` is authoritative. */
export const ledgerChangedSignal = defineSignal<[LedgerChanged]>('ledgerChanged');

export interface PaymentReceived extends FactBase {
  paymentId: string;
  amountCents: number;
  /** The ledger's balance after this payment (authoritative). */
  balanceCents: number;
  source: 'pay_link' | 'plan_installment' | 'ehr' | 'agency' | 'phone';
  /** Set when the payment settled a plan installment. */
  planId?: string;
  installmentSeq?: number;
}
export const paymentReceivedSignal = defineSignal<[PaymentReceived]>('paymentReceived');

export interface ContactChanged extends FactBase {
  /** Only the fields that changed; encrypted in the payload, never logged. */
  contact: Partial<ContactFacts>;
  /** A new postal address clears an earlier "mail returned". */
  addressChanged?: boolean;
}
export const contactChangedSignal = defineSignal<[ContactChanged]>('contactChanged');

export interface MailReturned extends FactBase {
  attemptId?: string;
}
export const mailReturnedSignal = defineSignal<[MailReturned]>('mailReturned');

export interface MessageDelivered extends FactBase {
  attemptId: string;
  channel: Channel;
}
export const messageDeliveredSignal = defineSignal<[MessageDelivered]>('messageDelivered');

export interface MessageFailed extends FactBase {
  attemptId: string;
  channel: Channel;
  /** Permanent failures (bad number, bad address) mark the channel unreachable until contact changes. */
  reason: 'bad_number' | 'bad_email' | 'undeliverable' | 'carrier_blocked' | 'temporary';
}
export const messageFailedSignal = defineSignal<[MessageFailed]>('messageFailed');

export interface PatientReplied extends FactBase {
  channel: Channel;
  /** Outreach classifies the reply; the text itself stays in outreach. */
  intent: 'pay' | 'plan' | 'dispute' | 'question' | 'other';
}
export const patientRepliedSignal = defineSignal<[PatientReplied]>('patientReplied');

export interface OptedOut extends FactBase {
  channels: Channel[];
}
export const optedOutSignal = defineSignal<[OptedOut]>('optedOut');

export interface CallOutcome extends FactBase {
  attemptId?: string;
  outcome: CallOutcomeKind;
  /** With `promise_to_pay`: the UTC instant the patient promised to pay by. */
  promiseBy?: string;
  promiseAmountCents?: number;
}
export const callOutcomeSignal = defineSignal<[CallOutcome]>('callOutcome');

/** The clinic rebilled the claim to insurance: outreach is held until the remittance comes back. */
export interface Rebilled extends FactBase {
  claimRef?: string;
}
export const rebilledSignal = defineSignal<[Rebilled]>('rebilled');

/** Insurance answered the rebill (remittance posted or denied): the balance is the patient's again. */
export interface RebillResolved extends FactBase {
  claimRef?: string;
}
export const rebillResolvedSignal = defineSignal<[RebillResolved]>('rebillResolved');

export interface DisputeOpened extends FactBase {
  disputeRef: string;
  /** Opaque category code, never free text from the patient. */
  category?: 'amount' | 'not_mine' | 'insurance' | 'quality' | 'other';
}
export const disputeOpenedSignal = defineSignal<[DisputeOpened]>('disputeOpened');

export interface DisputeResolved extends FactBase {
  disputeRef: string;
  /** As in the EHR contract's dispute.resolved: upheld = the patient was right; rejected = the balance stands. */
  outcome: 'upheld' | 'partially_upheld' | 'rejected' | 'withdrawn';
}
export const disputeResolvedSignal = defineSignal<[DisputeResolved]>('disputeResolved');

export interface Complaint extends FactBase {
  channel?: Channel;
  /** Recorded for the scorecard; a high-severity complaint pauses outreach while staff review it (7 policy days). */
  severity: 'low' | 'medium' | 'high';
}
export const complaintSignal = defineSignal<[Complaint]>('complaint');

/** Deceased or bankruptcy notice: every outreach stops for good; a payment (estate, trustee) still resolves. */
export interface OutreachStopped extends FactBase {
  reason: 'deceased' | 'bankruptcy';
}
export const outreachStoppedSignal = defineSignal<[OutreachStopped]>('outreachStopped');

/** A new version of the clinic's policy (already validated by accounts); it applies from the next step. */
export interface PolicyChanged extends FactBase {
  policy: CollectionPolicy;
}
export const policyChangedSignal = defineSignal<[PolicyChanged]>('policyChanged');

/** The clinic (or accounts on its behalf) recalls a placed account from the agency. */
export interface RecallFromAgency extends FactBase {
  reason: 'clinic_decision' | 'hardship' | 'insurance_rebill';
}
export const recallFromAgencySignal = defineSignal<[RecallFromAgency]>('recallFromAgency');

/**
 * The patient asked for hardship help (the pay page's form, via payments and accounts). Outreach pauses while the
 * request awaits staff verification; staff answer with the `applyHardship` Update, which ends the wait. The
 * application's figures and words stay in accounts' audit log: the workflow hears only that one is pending.
 */
export interface HardshipRequested extends FactBase {
  /** Opaque ID of the request (payments' pay-page request ID). */
  requestId: string;
  source: 'pay_page' | 'staff' | 'call';
}
export const hardshipRequestedSignal = defineSignal<[HardshipRequested]>('hardshipRequested');

/** Placement's answers to a placement request (sent to the balance workflow ID). */
export const placementAcceptedSignal = defineSignal<[PlacementAccepted & Partial<FactBase>]>('placementAccepted');
export const placementRejectedSignal = defineSignal<[PlacementRejected & Partial<FactBase>]>('placementRejected');

// ---------------------------------------------------------------------------------------------------------
// Updates (requests with an answer). A validator refuses a request before it is written to history; the
// error message names the field and the reason.
// ---------------------------------------------------------------------------------------------------------

export interface AcceptPlanRequest {
  /** Caller's idempotency key: the same requestId answers with the first result. */
  requestId: string;
  installments: number;
  /** Patient-local date of the first installment (YYYY-MM-DD). */
  firstDueDate: string;
  autopay: boolean;
  /** Payments' ID of a consented card on file; required when autopay. */
  cardOnFileId?: string;
  chargeCapCents?: number;
  /** Needed when the term is longer than the policy allows without approval. */
  approver?: Approver;
}
export interface AcceptPlanResult {
  planId: string;
  planWorkflowId: string;
  installments: Installment[];
  approvedBy?: string;
}
export const acceptPlanUpdate = defineUpdate<AcceptPlanResult, [AcceptPlanRequest]>('acceptPlan');

export interface ApplyHardshipRequest {
  requestId: string;
  outcome: HardshipOutcome;
  termMonths: number;
  /** Staff verified the application (opaque user ID and role). */
  verifiedBy: Approver;
}
export interface ApplyHardshipResult {
  reviewAt: string;
  /** Adjustment accounts posts to the ledger (temporary_reduction only). */
  reductionCents: number;
  balanceCents: number;
  planLimits: PlanLimits;
}
export const applyHardshipUpdate = defineUpdate<ApplyHardshipResult, [ApplyHardshipRequest]>('applyHardship');

export interface OfferSettlementRequest {
  requestId: string;
  discountPct: number;
  /** Required above the policy's thresholds (manager / finance lead). */
  approver?: Approver;
  /** How long the patient has to take it, in policy days (default 30). */
  validDays?: number;
}
export interface OfferSettlementResult {
  offerId: string;
  discountPct: number;
  settlementCents: number;
  expiresAt: string;
  approvedBy?: string;
}
export const offerSettlementUpdate = defineUpdate<OfferSettlementResult, [OfferSettlementRequest]>('offerSettlement');

export interface AcceptSettlementRequest {
  requestId: string;
  offerId: string;
}
export interface AcceptSettlementResult {
  offerId: string;
  settlementCents: number;
  /** Pay by this instant; the rest is written off when it is paid. */
  payBy: string;
}
export const acceptSettlementUpdate = defineUpdate<AcceptSettlementResult, [AcceptSettlementRequest]>(
  'acceptSettlement',
);

export interface PromiseToPayRequest {
  requestId: string;
  /** UTC instant the patient promised to pay by. */
  by: string;
  amountCents: number;
}
export interface PromiseToPayResult {
  promiseId: string;
  /** Outreach is paused until then (plus a grace day). */
  pausedUntil: string;
}
export const promiseToPayUpdate = defineUpdate<PromiseToPayResult, [PromiseToPayRequest]>('promiseToPay');

// ---------------------------------------------------------------------------------------------------------
// Query
// ---------------------------------------------------------------------------------------------------------

export interface BalanceView {
  workflowId: string;
  tenantId: string;
  clinicId: string;
  accountId: string;
  stage: BalanceStage;
  segment: Segment;
  balanceCents: number;
  policyId: string;
  policyVersion: number;
  daysSinceFirstStatement: number;
  /** The next thing the workflow will do, in plain words (step keys and dates, no patient data). */
  nextStep: string;
  nextActionAt: string | null;
  /** Sends (sent or queued call tasks) so far, by channel. */
  attemptsByChannel: Record<Channel, number>;
  /** Cadence steps sent, in order, with the channel used. */
  sentSteps: { stepKey: string; channel: Channel; at: string; attemptId: string }[];
  skippedSteps: string[];
  openHolds: {
    disputes: string[];
    insuranceHold: boolean;
    stopped: 'deceased' | 'bankruptcy' | null;
    promiseToPayUntil: string | null;
    complaintReviewUntil: string | null;
  };
  optedOut: Channel[];
  plan: { planId: string; planWorkflowId: string; status: 'active' | PaymentPlanOutcome; remainingCents: number } | null;
  hardship: { kind: string; reviewAt: string } | null;
  /** A hardship request awaiting staff verification (outreach paused until `waitUntil` at the latest). */
  hardshipRequest: { requestId: string; requestedAt: string; waitUntil: string } | null;
  settlement: { offerId: string; settlementCents: number; expiresAt: string; accepted: boolean } | null;
  placement: {
    status: 'requested' | 'accepted' | 'rejected' | 'recalled';
    agencyId?: string;
    placementId?: string;
    failedGates?: GateName[];
  } | null;
  finalNoticeSentAt: string | null;
  resolution: 'paid' | 'adjusted' | 'settled' | null;
  /** How many runs this balance has lived through (continue-as-new). */
  runNumber: number;
}
export const balanceStateQuery = defineQuery<BalanceView>('state');
/** Older name of the same query (walking skeleton). */
export const stateQuery = balanceStateQuery;

// ---------------------------------------------------------------------------------------------------------
// PaymentPlanWorkflow (child of BalanceWorkflow, task queue `balances`)
// ---------------------------------------------------------------------------------------------------------

export type PaymentPlanOutcome = 'paid' | 'defaulted' | 'cancelled';

/** Child workflow ID: opaque IDs only. */
export function paymentPlanWorkflowId(balanceWorkflowId: string, planId: string): string {
  return `${balanceWorkflowId}:plan:${planId}`;
}

export interface PaymentPlanInput {
  planId: string;
  /** The parent balance workflow; the child signals `planFinished` to this ID (not run ID). */
  parentWorkflowId: string;
  tenantId: string;
  clinicId: string;
  accountId: string;
  policyVersion: number;
  /** Built by the parent with buildSchedule in the patient's zone; dueAt/remindAt are UTC instants. */
  installments: Installment[];
  totalCents: number;
  timeZone: string;
  reminderDaysBefore: number;
  /** Retry a missed installment this many policy days later, e.g. [1, 3, 7]; then a call task, then default. */
  retryScheduleDays: number[];
  /** Length of a policy day in ms (scales the retry schedule in a short-day demo). */
  dayLengthMs: number;
  autopay: boolean;
  cardOnFileId?: string;
  chargeCapCents?: number;
  /** For reminder and call-task requests to outreach (templates, caps); encrypted in the payload. */
  contact: ContactFacts;
  language: 'en' | 'es';
  weeklyMessageCap: number;
  taskQueues?: { outreach?: string; payments?: string };
}

export interface PaymentPlanResult {
  planId: string;
  status: PaymentPlanOutcome;
  /** What the patient still owes on the plan when it ended (0 when paid). */
  remainingCents: number;
  paidCents: number;
  missedInstallments: number;
  reason?: string;
}

/**
 * Parent → child: the balance changed (payment outside the plan, adjustment, hardship reduction); the child
 * re-balances its remaining installments (plan-schedule `rebalance`), or finishes `paid` at zero.
 */
export interface PlanBalanceChanged extends FactBase {
  balanceCents: number;
}
export const planBalanceChangedSignal = defineSignal<[PlanBalanceChanged]>('planBalanceChanged');

/** Parent → child: payment received against an installment (the ledger's confirmation of a charge or a link payment). */
export const planPaymentReceivedSignal = defineSignal<[PaymentReceived]>('planPaymentReceived');

/** Parent → child: stop the plan (dispute, settlement, recall); the child cancels its schedule and finishes `cancelled`. */
export interface CancelPlan {
  reason: 'dispute' | 'settlement' | 'stopped' | 'replaced';
}
export const cancelPlanSignal = defineSignal<[CancelPlan]>('cancelPlan');

/**
 * Child → parent: the plan ended. The child MUST send this to `parentWorkflowId` before it returns the same
 * value, because the parent may have continued-as-new since it started the child (the child is started with
 * ParentClosePolicy.ABANDON and the parent does not await the result handle).
 */
export const planFinishedSignal = defineSignal<[PaymentPlanResult]>('planFinished');

/** Child → parent (optional, for the state query and work queues): an installment was missed or retried. */
export interface PlanProgress {
  planId: string;
  installmentSeq: number;
  event: 'paid' | 'missed' | 'retry_scheduled' | 'call_task_created';
  at: string;
}
export const planProgressSignal = defineSignal<[PlanProgress]>('planProgress');
