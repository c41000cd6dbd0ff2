/**
 * The contract between BalanceWorkflow / PaymentPlanWorkflow and the outreach worker (task queue `outreach`).
 * Outreach decides *how* a patient is reached and whether the rules allow it *now*; the workflow decides *when*
 * and *what next*. Requests carry opaque IDs and figures; contact details are looked up by outreach from its own
 * copy (and travel, when they must, only inside codec-encrypted payloads).
 */
import type { Channel, Segment, Tone } from '../domain/policy';
import type { NotPossibleReason } from '../domain/channel-choice';
import type { ContactFacts } from './balance-types';

/**
 * Why a channel cannot be used at all for this patient (the workflow falls back to the next channel): the
 * reachability reasons of channel choice, plus the two the guard alone knows about.
 */
export type OutreachNotPossibleReason =
  | NotPossibleReason
  | 'held' // dispute or insurance hold open: only the dispute acknowledgement may go out
  | 'stopped'; // deceased / bankruptcy: nothing at all

export type AttemptOutcome =
  | { status: 'sent'; attemptId: string; providerMessageId?: string }
  /** Not now: quiet hours, frequency cap, conversation cool-off. `until` is the earliest UTC instant to retry. */
  | { status: 'deferred'; attemptId: string; until: string; rule: string }
  | { status: 'not_possible'; attemptId: string; reason: OutreachNotPossibleReason; rule: string };

/** Fields every outreach request carries. */
export interface OutreachRequestBase {
  /**
   * Idempotency key: `<workflowId>:<stepKey>:<attempt>`. Outreach writes the attempt row under this key before
   * it sends, so an activity retry never sends twice and returns the first outcome.
   */
  attemptKey: string;
  workflowId: string;
  tenantId: string;
  clinicId: string;
  accountId: string;
  /** Cadence step key from the policy (e.g. `day-3-text`), or `plan-reminder-2`, `dispute-ack`, ... */
  stepKey: string;
  templateKey: string;
  tone: Tone;
  segment: Segment;
  language: 'en' | 'es';
  balanceCents: number;
  /** Version of the clinic policy the workflow is following; recorded on the attempt for explainability. */
  policyVersion: number;
  /** Weekly cap across channels from policy; the guard counts the attempt log. */
  weeklyMessageCap: number;
  /** Snapshot of contact facts known to the workflow (encrypted in payloads); outreach may know newer ones. */
  contact: ContactFacts;
  /** Open hold (dispute/insurance) or stop flag as the workflow sees it; the guard blocks on them too. */
  holds: { disputed: boolean; insuranceHold: boolean; stopped: boolean };
  /** Extra figures a template may show (insurance paid, due date, plan installment ...). */
  figures?: Record<string, string | number>;
}

export type SendTextRequest = OutreachRequestBase;
export type SendEmailRequest = OutreachRequestBase;
export type MailStatementRequest = OutreachRequestBase & {
  /** Pay-by date printed on the letter: the patient's local date, YYYY-MM-DD. */
  dueDate: string;
};
export type CreateCallTaskRequest = OutreachRequestBase & {
  /** Why staff should call: cadence step, missed plan payment, hard decline, address check. */
  purpose: 'cadence' | 'missed_installment' | 'hard_decline' | 'address_check' | 'plan_requested';
};

export type CallOutcomeKind = 'reached' | 'voicemail' | 'no_answer' | 'wrong_number' | 'promise_to_pay' | 'plan_requested' | 'dispute';

/** Activities the outreach worker implements (task queue `outreach`). */
export interface OutreachActivities {
  sendText(request: SendTextRequest): Promise<AttemptOutcome>;
  sendEmail(request: SendEmailRequest): Promise<AttemptOutcome>;
  mailStatement(request: MailStatementRequest): Promise<AttemptOutcome>;
  /** A call task is `sent` once it is queued for staff; its outcome arrives later as a `callOutcome` signal. */
  createCallTask(request: CreateCallTaskRequest): Promise<AttemptOutcome>;
}

/** Which activity serves each channel. */
export const CHANNEL_ACTIVITY: Readonly<Record<Channel, keyof OutreachActivities>> = {
  sms: 'sendText',
  email: 'sendEmail',
  letter: 'mailStatement',
  call: 'createCallTask',
};
