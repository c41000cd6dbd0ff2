/**
 * BalanceWorkflow's decisions as pure functions: a state, a fact or an activity answer, and "now" in; the
 * next state and the commands to carry out, out. No Temporal import, no clock, no randomness: the workflow
 * file only wires these to signals, timers and activities, and the property test drives them directly over
 * thousands of random event sequences.
 *
 * The state is plain JSON because it is also what continue-as-new carries to the next run.
 */
import type { Approver } from '../domain/approvals';
import { daysSince, nextStep } from '../domain/cadence';
import { chooseChannel, type ContactReachability } from '../domain/channel-choice';
import { validateHardship } from '../domain/hardship';
import { isLocalDate, localDateOf, MS_PER_DAY, toIso, toMs } from '../domain/local-time';
import { evaluatePlacementGates, type GateName, type PlacementFacts } from '../domain/placement-gates';
import { buildSchedule, validatePlanRequest, type Installment, type PlanLimits } from '../domain/plan-schedule';
import { CHANNELS, validatePolicy, type Channel, type CollectionPolicy, type Segment, type Tone } from '../domain/policy';
import { segmentOf } from '../domain/segmentation';
import { validateSettlementOffer } from '../domain/settlement';
import type {
  AcceptPlanRequest,
  AcceptPlanResult,
  AcceptSettlementRequest,
  AcceptSettlementResult,
  ApplyHardshipRequest,
  ApplyHardshipResult,
  BalanceStage,
  BalanceView,
  CallOutcome,
  Complaint,
  ContactChanged,
  DisputeOpened,
  DisputeResolved,
  MailReturned,
  MessageDelivered,
  MessageFailed,
  OfferSettlementRequest,
  OfferSettlementResult,
  OptedOut,
  OutreachStopped,
  PatientReplied,
  PaymentPlanInput,
  PaymentPlanResult,
  PaymentReceived,
  PlanBalanceChanged,
  PlanProgress,
  HardshipRequested,
  PolicyChanged,
  PromiseToPayRequest,
  PromiseToPayResult,
  RecallFromAgency,
  Rebilled,
  RebillResolved,
} from '../shared/balance-messages';
import { paymentPlanWorkflowId } from '../shared/balance-messages';
import type { BalanceStart, ContactFacts, LedgerChanged } from '../shared/balance-types';
import type { AttemptOutcome, CreateCallTaskRequest } from '../shared/outreach-activities';
import type { PlacementAccepted, PlacementRejected, RecallRequest } from '../shared/placement-activities';

/** How many applied event IDs survive continue-as-new; redeliveries arrive within minutes, not months. */
export const RECENT_EVENT_IDS = 500;
/** Update results kept for idempotent retries of the same requestId. */
const RECENT_REQUESTS = 50;
/** After a placement rejection, try again this many policy days later (facts may have changed). */
export const PLACEMENT_RETRY_DAYS = 7;
/** A serious complaint pauses outreach for a staff review. */
export const COMPLAINT_REVIEW_DAYS = 7;
/** A promise to pay is given a grace day before the cadence resumes. */
const PROMISE_GRACE_DAYS = 1;
const MAX_PROMISE_DAYS = 60;
const DEFAULT_SETTLEMENT_VALID_DAYS = 30;
/** Outreach said "held"/"stopped" though the workflow knows no hold: look again a day later. */
const GUARD_BLOCK_RETRY_DAYS = 1;
/**
 * A hardship request pauses outreach while staff verify it, at most this many policy days: a request nobody
 * answers must not silence the account for ever (staff see it in accounts' audit log and work queue).
 */
export const HARDSHIP_REQUEST_WAIT_DAYS = 30;

export interface SentStep {
  stepKey: string;
  channel: Channel;
  at: string;
  attemptId: string;
}

export interface PlanState {
  planId: string;
  planWorkflowId: string;
  status: 'starting' | 'active';
  totalCents: number;
  remainingCents: number;
  installments: Installment[];
}

export interface BalanceLogicState {
  workflowId: string;
  tenantId: string;
  clinicId: string;
  accountId: string;
  clinicName: string;
  policy: CollectionPolicy;
  startAt: string;
  timeZone: string;
  language: 'en' | 'es';
  contact: ContactFacts;
  balanceCents: number;
  reach: { phone: 'ok' | 'missing' | 'bad_number'; email: 'ok' | 'missing' | 'bad'; address: 'ok' | 'undeliverable' };
  optedOut: Channel[];
  cadence: { done: string[]; skipped: string[]; pausedMs: number; pausedSince: string | null };
  /** The step being attempted: attempt numbers make each try's idempotency key. */
  current: { stepKey: string; attempt: number; tried: Channel[]; notBefore: string | null } | null;
  attemptsByChannel: Record<Channel, number>;
  sentSteps: SentStep[];
  disputes: string[];
  insuranceHold: boolean;
  stopped: 'deceased' | 'bankruptcy' | null;
  promiseUntil: string | null;
  complaintUntil: string | null;
  complaints: number;
  engagement: { engaged: boolean; askedForPlan: boolean; disputeHint: boolean; failedCalls: number; returnedMail: boolean };
  plan: PlanState | null;
  planCount: number;
  lastPlanOutcome: PaymentPlanResult | null;
  planOfferedAt: string | null;
  hardship: { kind: string; reviewAt: string; planLimits: PlanLimits } | null;
  hardshipReviewsDue: number;
  /** A hardship request awaiting verification (absent in state carried from runs before the signal existed). */
  hardshipRequest?: { requestId: string; requestedAt: string; waitUntil: string } | null;
  settlement: {
    offerId: string;
    discountPct: number;
    settlementCents: number;
    expiresAt: string;
    accepted: boolean;
    paidCents: number;
  } | null;
  settlementCount: number;
  finalNoticeSentAt: string | null;
  placement: {
    status: 'requested' | 'accepted' | 'rejected' | 'recalled';
    agencyId?: string;
    placementId?: string;
    placementWorkflowId?: string;
    failedGates?: GateName[];
    retryAt?: string;
  } | null;
  closed: boolean;
  resolution: 'paid' | 'adjusted' | 'settled' | null;
  recentEventIds: string[];
  requests: { id: string; result: unknown }[];
  runNumber: number;
  /** Policy versions refused by validation (kept for the state query; never applied). */
  refusedPolicyVersions: number[];
}

// ---------------------------------------------------------------------------------------------------------
// Commands the workflow carries out (child workflow, external signals, placement activities).
// ---------------------------------------------------------------------------------------------------------

export type BalanceCommand =
  | { kind: 'start_plan'; workflowId: string; input: PaymentPlanInput }
  | { kind: 'plan_balance_changed'; planWorkflowId: string; change: PlanBalanceChanged }
  | { kind: 'plan_payment'; planWorkflowId: string; payment: PaymentReceived }
  | { kind: 'cancel_plan'; planWorkflowId: string; reason: 'dispute' | 'settlement' | 'stopped' | 'replaced' }
  | { kind: 'recall'; request: RecallRequest };

export type BalanceDecision =
  | { kind: 'complete'; summary: string }
  | { kind: 'wait'; until: string | null; summary: string }
  | {
      kind: 'send';
      stepKey: string;
      attempt: number;
      attemptKey: string;
      channel: Channel;
      templateKey: string;
      tone: Tone;
      finalNotice: boolean;
      purpose: CreateCallTaskRequest['purpose'];
      summary: string;
    }
  | { kind: 'place'; facts: PlacementFacts; summary: string };

// ---------------------------------------------------------------------------------------------------------
// Start and small helpers
// ---------------------------------------------------------------------------------------------------------

export function initialState(start: BalanceStart, workflowId: string, policy: CollectionPolicy): BalanceLogicState {
  const c = start.contact;
  return {
    workflowId,
    tenantId: start.tenantId,
    clinicId: start.clinicId,
    accountId: start.accountId,
    clinicName: start.clinicName,
    policy,
    startAt: toIso(toMs(start.startedAt, 'startedAt')),
    timeZone: c.timeZone ?? 'UTC',
    language: c.language ?? 'en',
    contact: { ...c },
    balanceCents: start.balanceCents,
    reach: { phone: c.phone ? 'ok' : 'missing', email: c.email ? 'ok' : 'missing', address: 'ok' },
    optedOut: [],
    cadence: { done: [], skipped: [], pausedMs: 0, pausedSince: null },
    current: null,
    attemptsByChannel: { sms: 0, email: 0, letter: 0, call: 0 },
    sentSteps: [],
    disputes: [],
    insuranceHold: false,
    stopped: null,
    promiseUntil: null,
    complaintUntil: null,
    complaints: 0,
    engagement: { engaged: false, askedForPlan: false, disputeHint: false, failedCalls: 0, returnedMail: false },
    plan: null,
    planCount: 0,
    lastPlanOutcome: null,
    planOfferedAt: null,
    hardship: null,
    hardshipReviewsDue: 0,
    settlement: null,
    settlementCount: 0,
    finalNoticeSentAt: null,
    placement: null,
    closed: false,
    resolution: null,
    recentEventIds: [...(start.appliedEventIds ?? [])].slice(-RECENT_EVENT_IDS),
    requests: [],
    runNumber: 1,
    refusedPolicyVersions: [],
  };
}

const dayMs = (s: BalanceLogicState) => s.policy.dayLengthMs;
const later = (at: number, days: number, s: BalanceLogicState) => toIso(at + days * dayMs(s));

/** True once per event ID; a redelivered fact returns false and changes nothing. */
function firstSight(s: BalanceLogicState, eventId: string | undefined): boolean {
  if (eventId === undefined) return true;
  if (s.recentEventIds.includes(eventId)) return false;
  s.recentEventIds.push(eventId);
  if (s.recentEventIds.length > RECENT_EVENT_IDS) s.recentEventIds.splice(0, s.recentEventIds.length - RECENT_EVENT_IDS);
  return true;
}

export function isPlaced(s: BalanceLogicState): boolean {
  return s.placement !== null && (s.placement.status === 'requested' || s.placement.status === 'accepted');
}

function hardshipActive(s: BalanceLogicState, nowMs: number): boolean {
  return s.hardship !== null && toMs(s.hardship.reviewAt) > nowMs;
}

function hardshipRequestPending(s: BalanceLogicState, nowMs: number): boolean {
  return !!s.hardshipRequest && toMs(s.hardshipRequest.waitUntil) > nowMs;
}

function settlementPending(s: BalanceLogicState, nowMs: number): boolean {
  return s.settlement !== null && s.settlement.accepted && toMs(s.settlement.expiresAt) > nowMs;
}

/** Nothing may be sent at all: the invariants the property test checks. */
export function outreachForbidden(s: BalanceLogicState): boolean {
  return s.balanceCents <= 0 || s.resolution !== null || s.disputes.length > 0 || s.insuranceHold || s.stopped !== null;
}

/** Why the cadence is paused right now (the cadence clock stops, so it resumes where it left off). */
function pauseReasons(s: BalanceLogicState, nowMs: number): string[] {
  const r: string[] = [];
  if (s.disputes.length > 0) r.push(`dispute open (${s.disputes.length})`);
  if (s.insuranceHold) r.push('rebilled to insurance');
  if (s.stopped) r.push(`outreach stopped (${s.stopped})`);
  if (s.plan) r.push('payment plan active');
  if (hardshipActive(s, nowMs)) r.push(`hardship until ${s.hardship!.reviewAt}`);
  if (hardshipRequestPending(s, nowMs)) r.push(`hardship request ${s.hardshipRequest!.requestId} awaiting verification`);
  if (s.promiseUntil && toMs(s.promiseUntil) > nowMs) r.push(`promise to pay until ${s.promiseUntil}`);
  if (s.complaintUntil && toMs(s.complaintUntil) > nowMs) r.push(`complaint review until ${s.complaintUntil}`);
  if (settlementPending(s, nowMs)) r.push(`settlement accepted, pay by ${s.settlement!.expiresAt}`);
  if (isPlaced(s)) r.push('placed with an agency');
  return r;
}

/** Starts or stops the cadence clock; called after every change and before every decision. */
export function syncPause(s: BalanceLogicState, nowMs: number): void {
  const paused = pauseReasons(s, nowMs).length > 0;
  if (paused && s.cadence.pausedSince === null) s.cadence.pausedSince = toIso(nowMs);
  if (!paused && s.cadence.pausedSince !== null) {
    s.cadence.pausedMs += Math.max(0, nowMs - toMs(s.cadence.pausedSince));
    s.cadence.pausedSince = null;
  }
}

export function reachability(s: BalanceLogicState): ContactReachability {
  return {
    phone: s.reach.phone,
    smsConsent: s.contact.smsConsent === true,
    email: s.reach.email,
    address: s.reach.address,
    optedOut: s.optedOut,
  };
}

export function segmentNow(s: BalanceLogicState, nowMs: number): Segment {
  return segmentOf(
    {
      ageDays: daysSince(s.startAt, nowMs, dayMs(s)),
      balanceCents: s.balanceCents,
      disputeHint: s.disputes.length > 0 || s.engagement.disputeHint,
      engaged: s.engagement.engaged,
      askedForPlan: s.engagement.askedForPlan,
      returnedMail: s.engagement.returnedMail,
      failedCalls: s.engagement.failedCalls,
    },
    s.policy.segmentation,
  ).segment;
}

export function stageOf(s: BalanceLogicState, nowMs: number): BalanceStage {
  if (s.resolution !== null || s.balanceCents <= 0) return 'resolved';
  if (isPlaced(s)) return 'placed';
  if (s.stopped || s.closed) return 'closed';
  if (s.disputes.length > 0) return 'disputed';
  if (s.insuranceHold) return 'held';
  if (s.plan) return 'plan';
  if (hardshipActive(s, nowMs) || hardshipRequestPending(s, nowMs)) return 'hardship';
  if (s.finalNoticeSentAt) return 'final_notice';
  return 'soft';
}

export function placementFacts(s: BalanceLogicState, nowMs: number): PlacementFacts {
  return {
    startAt: s.startAt,
    balanceCents: s.balanceCents,
    attemptsByChannel: { ...s.attemptsByChannel },
    finalNoticeSentAt: s.finalNoticeSentAt,
    planOfferedAt: s.planOfferedAt,
    openDispute: s.disputes.length > 0,
    activePlan: s.plan !== null,
    hardshipReview: hardshipActive(s, nowMs),
    insuranceHold: s.insuranceHold,
    deceased: s.stopped === 'deceased',
    bankruptcy: s.stopped === 'bankruptcy',
  };
}

function totalAttempts(s: BalanceLogicState): number {
  return CHANNELS.reduce((n, c) => n + s.attemptsByChannel[c], 0);
}

// ---------------------------------------------------------------------------------------------------------
// Deciding what to do next
// ---------------------------------------------------------------------------------------------------------

function earliest(...instants: (string | null | undefined)[]): string | null {
  const ms = instants.filter((i): i is string => typeof i === 'string').map((i) => toMs(i));
  return ms.length === 0 ? null : toIso(Math.min(...ms));
}

/**
 * The next thing to do. May settle housekeeping in `s` (steps skipped as stale or unreachable, an expired
 * hardship or settlement, the placement window passing) — deterministic given the same inputs.
 */
export function decide(s: BalanceLogicState, nowMs: number): BalanceDecision {
  syncPause(s, nowMs);
  if (s.resolution !== null || s.balanceCents <= 0) {
    if (s.resolution === null) s.resolution = 'paid';
    return { kind: 'complete', summary: `resolved (${s.resolution})` };
  }
  // Time-based ends of holds.
  if (s.hardship && toMs(s.hardship.reviewAt) <= nowMs) {
    s.hardship = null;
    s.hardshipReviewsDue++;
  }
  if (s.settlement && !s.settlement.accepted && toMs(s.settlement.expiresAt) <= nowMs) s.settlement = null;
  if (s.settlement && s.settlement.accepted && toMs(s.settlement.expiresAt) <= nowMs) s.settlement = null;
  if (s.promiseUntil && toMs(s.promiseUntil) <= nowMs) s.promiseUntil = null;
  if (s.complaintUntil && toMs(s.complaintUntil) <= nowMs) s.complaintUntil = null;
  if (s.hardshipRequest && toMs(s.hardshipRequest.waitUntil) <= nowMs) s.hardshipRequest = null;
  syncPause(s, nowMs);

  if (s.stopped) return { kind: 'wait', until: null, summary: `outreach stopped (${s.stopped}); waiting for a payment` };
  if (isPlaced(s)) return { kind: 'wait', until: null, summary: `placed (${s.placement!.status}); listening for payments and disputes` };

  const reasons = pauseReasons(s, nowMs);
  if (reasons.length > 0) {
    const until = earliest(
      hardshipActive(s, nowMs) ? s.hardship!.reviewAt : null,
      s.promiseUntil,
      s.complaintUntil,
      hardshipRequestPending(s, nowMs) ? s.hardshipRequest!.waitUntil : null,
      settlementPending(s, nowMs) ? s.settlement!.expiresAt : null,
    );
    return { kind: 'wait', until, summary: `paused: ${reasons.join('; ')}` };
  }

  // A hardship term ended: a re-verification call task before anything else.
  if (s.hardshipReviewsDue > 0) {
    const stepKey = `hardship-review-${s.hardshipReviewsDue}`;
    if (!s.cadence.done.includes(stepKey) && !s.cadence.skipped.includes(stepKey)) {
      const d = sendDecision(s, stepKey, ['call'], 'hardship_review', 'reassuring', false, 'cadence', nowMs);
      if (d) return d;
    }
  }

  for (;;) {
    const next = nextStep(
      s.policy,
      { startAt: s.startAt, timeZone: s.timeZone, doneStepKeys: [...s.cadence.done, ...s.cadence.skipped], pausedMs: s.cadence.pausedMs },
      nowMs,
    );
    for (const k of [...next.staleStepKeys, ...next.supersededStepKeys]) if (!s.cadence.skipped.includes(k)) s.cadence.skipped.push(k);
    if (next.status === 'complete') break;
    const step = next.step;
    if (toMs(next.dueAt) > nowMs) return { kind: 'wait', until: next.dueAt, summary: next.summary };
    const d = sendDecision(s, step.key, next.channels, step.templateKey, step.tone, step.kind === 'final_notice', 'cadence', nowMs);
    if (d) return d;
    // No channel can reach the patient for this step: documented as skipped, on to the next one.
  }
  return placementDecision(s, nowMs);
}

function sendDecision(
  s: BalanceLogicState,
  stepKey: string,
  preference: Channel[],
  templateKey: string,
  tone: Tone,
  finalNotice: boolean,
  purpose: CreateCallTaskRequest['purpose'],
  nowMs: number,
): BalanceDecision | null {
  if (s.current === null || s.current.stepKey !== stepKey) s.current = { stepKey, attempt: 1, tried: [], notBefore: null };
  const cur = s.current;
  if (cur.notBefore && toMs(cur.notBefore) > nowMs) {
    return { kind: 'wait', until: cur.notBefore, summary: `${stepKey} deferred until ${cur.notBefore}` };
  }
  const choice = chooseChannel({ preference, contact: reachability(s), tried: cur.tried, fallback: s.policy.channelFallback });
  if (!choice.ok) {
    s.cadence.skipped.push(stepKey);
    s.current = null;
    return null;
  }
  const channel = choice.channel;
  return {
    kind: 'send',
    stepKey,
    attempt: cur.attempt,
    attemptKey: `${s.workflowId}:${stepKey}:${cur.attempt}`,
    channel,
    templateKey,
    tone,
    finalNotice,
    purpose: stepKey.startsWith('hardship-review') ? 'cadence' : purpose,
    summary: `${stepKey} by ${channel}${choice.fromFallback ? ' (fallback)' : ''}, attempt ${cur.attempt}`,
  };
}

/** Policy days a reminder or statement gives the patient to pay before the next step. */
export const REMINDER_RESPONSE_DAYS = 14;

/**
 * The date a message asks the patient to pay or respond by, in the patient's time zone. A final notice names the
 * first day placement is allowed (its lead time in policy days), so the letter never promises more, or less,
 * time than the placement gates give; any other message gives REMINDER_RESPONSE_DAYS.
 */
export function responseDueDate(s: BalanceLogicState, finalNotice: boolean, nowMs: number): string {
  const days = finalNotice ? s.policy.placement.finalNoticeLeadDays : REMINDER_RESPONSE_DAYS;
  return localDateOf(nowMs + days * dayMs(s), s.timeZone);
}

function placementDecision(s: BalanceLogicState, nowMs: number): BalanceDecision {
  const pl = s.policy.placement;
  const startMs = toMs(s.startAt);
  const windowEndMs = startMs + (pl.windowEndDay + 1) * dayMs(s);
  if (s.closed) return { kind: 'wait', until: null, summary: 'closed: nothing more will be attempted; a payment still resolves it' };
  if (nowMs >= windowEndMs) {
    s.closed = true;
    return { kind: 'wait', until: null, summary: `placement window ended day ${pl.windowEndDay}; returned to the clinic` };
  }
  if (s.placement?.status === 'recalled') {
    return { kind: 'wait', until: toIso(windowEndMs), summary: 'recalled from the agency; not placed again automatically' };
  }
  if (s.placement?.status === 'rejected' && s.placement.retryAt && toMs(s.placement.retryAt) > nowMs) {
    return { kind: 'wait', until: s.placement.retryAt, summary: `placement rejected (${(s.placement.failedGates ?? []).join(', ')}); re-check ${s.placement.retryAt}` };
  }
  const facts = placementFacts(s, nowMs);
  const evaluation = evaluatePlacementGates(s.policy, facts, nowMs);
  if (evaluation.eligible) return { kind: 'place', facts, summary: `placement gates met on day ${evaluation.ageDays}` };
  // Wake when a time gate can next open; other gates change only by signal (which re-plans at once).
  const candidates = [
    startMs + pl.windowStartDay * dayMs(s),
    startMs + pl.waitingPeriodDays * dayMs(s),
    s.finalNoticeSentAt ? toMs(s.finalNoticeSentAt) + pl.finalNoticeLeadDays * dayMs(s) : null,
    s.planOfferedAt && pl.requirePlanOfferBeforePlacement ? toMs(s.planOfferedAt) + pl.planOfferLeadDays * dayMs(s) : null,
  ].filter((m): m is number => m !== null && m > nowMs);
  const wake = candidates.length > 0 ? Math.min(...candidates) : windowEndMs;
  return { kind: 'wait', until: toIso(Math.min(wake, windowEndMs)), summary: `placement not yet: ${evaluation.failed.join(', ')}` };
}

// ---------------------------------------------------------------------------------------------------------
// Answers from activities
// ---------------------------------------------------------------------------------------------------------

export function applySendOutcome(
  s: BalanceLogicState,
  d: Extract<BalanceDecision, { kind: 'send' }>,
  outcome: AttemptOutcome,
  nowMs: number,
): void {
  const cur = s.current;
  if (cur === null || cur.stepKey !== d.stepKey) return;
  switch (outcome.status) {
    case 'sent':
      s.cadence.done.push(d.stepKey);
      s.attemptsByChannel[d.channel]++;
      s.sentSteps.push({ stepKey: d.stepKey, channel: d.channel, at: toIso(nowMs), attemptId: outcome.attemptId });
      if (d.finalNotice) s.finalNoticeSentAt = toIso(nowMs);
      // Every reminder invites a plan ("pay now or set up a plan"); the first one starts the offer clock.
      if (s.planOfferedAt === null) s.planOfferedAt = toIso(nowMs);
      s.current = null;
      return;
    case 'deferred':
      cur.attempt++;
      cur.notBefore = toIso(Math.max(toMs(outcome.until), nowMs + 1));
      return;
    case 'not_possible':
      cur.attempt++;
      if (outcome.reason === 'held' || outcome.reason === 'stopped') {
        cur.notBefore = later(nowMs, GUARD_BLOCK_RETRY_DAYS, s);
        return;
      }
      cur.tried.push(d.channel);
      if (outcome.reason === 'opted_out' && !s.optedOut.includes(d.channel)) s.optedOut.push(d.channel);
      if (outcome.reason === 'bad_number' || outcome.reason === 'no_phone') s.reach.phone = outcome.reason === 'no_phone' ? 'missing' : 'bad_number';
      if (outcome.reason === 'bad_email' || outcome.reason === 'no_email') s.reach.email = outcome.reason === 'no_email' ? 'missing' : 'bad';
      if (outcome.reason === 'address_undeliverable' || outcome.reason === 'no_address') s.reach.address = 'undeliverable';
      if (outcome.reason === 'no_sms_consent') s.contact.smsConsent = false;
      return;
  }
}

/** The workflow lost the race to a payment or hold: the same attempt key is reused later, so no double send. */
export function applySendCancelled(_s: BalanceLogicState): void {
  // Deliberately nothing: `current` keeps its attempt number.
}

export function applyRouteAnswer(
  s: BalanceLogicState,
  answer: { agencyId: string; placementWorkflowId: string } | { rejected: PlacementRejected },
  nowMs: number,
): void {
  if (s.placement?.status === 'accepted' || s.placement?.status === 'recalled') return; // the agency answered first
  if ('rejected' in answer) {
    s.placement = { status: 'rejected', failedGates: answer.rejected.failedGates, retryAt: later(nowMs, PLACEMENT_RETRY_DAYS, s) };
  } else {
    s.placement = { status: 'requested', agencyId: answer.agencyId, placementWorkflowId: answer.placementWorkflowId };
  }
  syncPause(s, nowMs);
}

// ---------------------------------------------------------------------------------------------------------
// Facts (signals)
// ---------------------------------------------------------------------------------------------------------

export type BalanceFact =
  | { type: 'ledgerChanged'; fact: LedgerChanged }
  | { type: 'paymentReceived'; fact: PaymentReceived }
  | { type: 'contactChanged'; fact: ContactChanged }
  | { type: 'mailReturned'; fact: MailReturned }
  | { type: 'messageDelivered'; fact: MessageDelivered }
  | { type: 'messageFailed'; fact: MessageFailed }
  | { type: 'patientReplied'; fact: PatientReplied }
  | { type: 'optedOut'; fact: OptedOut }
  | { type: 'callOutcome'; fact: CallOutcome }
  | { type: 'rebilled'; fact: Rebilled }
  | { type: 'rebillResolved'; fact: RebillResolved }
  | { type: 'disputeOpened'; fact: DisputeOpened }
  | { type: 'disputeResolved'; fact: DisputeResolved }
  | { type: 'complaint'; fact: Complaint }
  | { type: 'outreachStopped'; fact: OutreachStopped }
  | { type: 'policyChanged'; fact: PolicyChanged }
  | { type: 'recallFromAgency'; fact: RecallFromAgency }
  | { type: 'placementAccepted'; fact: PlacementAccepted & { eventId?: string } }
  | { type: 'placementRejected'; fact: PlacementRejected & { eventId?: string } }
  | { type: 'planFinished'; fact: PaymentPlanResult }
  | { type: 'planProgress'; fact: PlanProgress }
  | { type: 'hardshipRequested'; fact: HardshipRequested };

function eventIdOf(f: BalanceFact): string | undefined {
  switch (f.type) {
    case 'planFinished':
      return `plan-finished:${f.fact.planId}`;
    case 'planProgress':
      return `plan-progress:${f.fact.planId}:${f.fact.installmentSeq}:${f.fact.event}:${f.fact.at}`;
    case 'placementAccepted':
      return f.fact.eventId ?? `placement-accepted:${f.fact.placementId}`;
    case 'placementRejected':
      return f.fact.eventId;
    default:
      return f.fact.eventId;
  }
}

function recall(s: BalanceLogicState, reason: RecallRequest['reason'], nowMs: number, out: BalanceCommand[]): void {
  if (!isPlaced(s)) return;
  const p = s.placement!;
  out.push({
    kind: 'recall',
    request: {
      balanceWorkflowId: s.workflowId,
      tenantId: s.tenantId,
      clinicId: s.clinicId,
      accountId: s.accountId,
      placementId: p.placementId ?? p.placementWorkflowId ?? 'unknown',
      reason,
      requestedAt: toIso(nowMs),
    },
  });
  s.placement = { ...p, status: 'recalled' };
}

function balanceMoved(s: BalanceLogicState, eventId: string, nowMs: number, out: BalanceCommand[]): void {
  if (s.plan) out.push({ kind: 'plan_balance_changed', planWorkflowId: s.plan.planWorkflowId, change: { eventId, balanceCents: Math.max(0, s.balanceCents) } });
  if (s.balanceCents <= 0) {
    recall(s, 'resolved', nowMs, out);
    if (s.resolution === null) s.resolution = 'paid';
  }
}

/** Applies one fact; returns the commands it causes. A fact seen before returns [] and changes nothing. */
export function applyFact(s: BalanceLogicState, f: BalanceFact, nowMs: number): BalanceCommand[] {
  if (!firstSight(s, eventIdOf(f))) return [];
  const out: BalanceCommand[] = [];
  switch (f.type) {
    case 'ledgerChanged': {
      const before = s.balanceCents;
      s.balanceCents = f.fact.balanceCents;
      if (s.balanceCents <= 0 && s.resolution === null) s.resolution = f.fact.reason.includes('payment') ? 'paid' : 'adjusted';
      // A charge after a zero balance (in the same batch of signals) reopens it; only a settlement stays settled.
      if (s.balanceCents > 0 && s.resolution !== 'settled') s.resolution = null;
      if (s.balanceCents !== before) balanceMoved(s, f.fact.eventId, nowMs, out);
      break;
    }
    case 'paymentReceived': {
      s.balanceCents = f.fact.balanceCents;
      if (s.balanceCents > 0 && s.resolution !== 'settled') s.resolution = null;
      s.engagement.engaged = true;
      if (s.settlement?.accepted) {
        s.settlement.paidCents += f.fact.amountCents;
        if (s.settlement.paidCents >= s.settlement.settlementCents && s.balanceCents > 0) s.resolution = 'settled';
      }
      if (s.plan) out.push({ kind: 'plan_payment', planWorkflowId: s.plan.planWorkflowId, payment: f.fact });
      if (s.balanceCents <= 0 || s.resolution !== null) {
        if (s.resolution === null) s.resolution = 'paid';
        recall(s, 'resolved', nowMs, out);
      } else {
        recall(s, 'payment', nowMs, out);
      }
      break;
    }
    case 'contactChanged': {
      const c = f.fact.contact;
      s.contact = { ...s.contact, ...c };
      if (c.phone !== undefined) s.reach.phone = c.phone ? 'ok' : 'missing';
      if (c.email !== undefined) s.reach.email = c.email ? 'ok' : 'missing';
      if (c.timeZone) s.timeZone = c.timeZone;
      if (c.language) s.language = c.language;
      if (f.fact.addressChanged) {
        s.reach.address = 'ok';
        s.engagement.returnedMail = false;
      }
      // New details deserve a fresh try of channels that failed for the current step.
      if (s.current) s.current.tried = [];
      break;
    }
    case 'mailReturned':
      s.reach.address = 'undeliverable';
      s.engagement.returnedMail = true;
      break;
    case 'messageDelivered':
      break;
    case 'messageFailed': {
      const r = f.fact.reason;
      if (r === 'bad_number' || r === 'carrier_blocked') s.reach.phone = 'bad_number';
      if (r === 'bad_email') s.reach.email = 'bad';
      if (r === 'undeliverable') {
        s.reach.address = 'undeliverable';
        s.engagement.returnedMail = true;
      }
      break;
    }
    case 'patientReplied':
      s.engagement.engaged = true;
      if (f.fact.intent === 'dispute') s.engagement.disputeHint = true;
      if (f.fact.intent === 'plan') s.engagement.askedForPlan = true;
      break;
    case 'optedOut':
      for (const ch of f.fact.channels) if (CHANNELS.includes(ch) && !s.optedOut.includes(ch)) s.optedOut.push(ch);
      break;
    case 'callOutcome': {
      const o = f.fact.outcome;
      if (o === 'no_answer' || o === 'voicemail') s.engagement.failedCalls++;
      else s.engagement.engaged = true;
      if (o === 'wrong_number') s.reach.phone = 'bad_number';
      if (o === 'plan_requested') s.engagement.askedForPlan = true;
      if (o === 'dispute') s.engagement.disputeHint = true;
      if (o === 'promise_to_pay' && f.fact.promiseBy) {
        const by = toMs(f.fact.promiseBy);
        if (by > nowMs) s.promiseUntil = later(by, PROMISE_GRACE_DAYS, s);
      }
      break;
    }
    case 'rebilled':
      s.insuranceHold = true;
      recall(s, 'insurance_rebill', nowMs, out);
      break;
    case 'rebillResolved':
      s.insuranceHold = false;
      break;
    case 'disputeOpened':
      if (!s.disputes.includes(f.fact.disputeRef)) s.disputes.push(f.fact.disputeRef);
      s.engagement.disputeHint = true;
      recall(s, 'dispute', nowMs, out);
      break;
    case 'disputeResolved':
      s.disputes = s.disputes.filter((d) => d !== f.fact.disputeRef);
      if (s.disputes.length === 0) s.engagement.disputeHint = false;
      break;
    case 'complaint':
      s.complaints++;
      if (f.fact.severity === 'high') s.complaintUntil = later(nowMs, COMPLAINT_REVIEW_DAYS, s);
      break;
    case 'outreachStopped':
      s.stopped = f.fact.reason;
      if (s.plan) out.push({ kind: 'cancel_plan', planWorkflowId: s.plan.planWorkflowId, reason: 'stopped' });
      break;
    case 'policyChanged': {
      const v = validatePolicy(f.fact.policy);
      if (!v.ok || v.policy.version <= s.policy.version) {
        s.refusedPolicyVersions.push(Number((f.fact.policy as { version?: unknown })?.version) || 0);
        break;
      }
      s.policy = v.policy;
      break;
    }
    case 'recallFromAgency':
      recall(s, f.fact.reason, nowMs, out);
      break;
    case 'placementAccepted':
      // The agency may answer before routePlacement's own answer is recorded.
      if (s.placement === null || s.placement.status === 'requested' || s.placement.status === 'rejected') {
        s.placement = {
          ...s.placement,
          status: 'accepted',
          agencyId: f.fact.agencyId,
          placementId: f.fact.placementId,
          placementWorkflowId: f.fact.placementWorkflowId,
        };
      }
      break;
    case 'placementRejected':
      if (s.placement?.status === 'requested') {
        s.placement = { status: 'rejected', failedGates: f.fact.failedGates, retryAt: later(nowMs, PLACEMENT_RETRY_DAYS, s) };
      }
      break;
    case 'planFinished':
      if (s.plan?.planId === f.fact.planId) {
        s.lastPlanOutcome = f.fact;
        s.plan = null;
        // A defaulted plan hands the balance back to the cadence where it paused.
      }
      break;
    case 'planProgress':
      break;
    case 'hardshipRequested':
      // A hardship term already running, or a request already waiting, needs no second pause.
      if (!hardshipActive(s, nowMs) && !s.hardshipRequest) {
        s.hardshipRequest = { requestId: f.fact.requestId, requestedAt: toIso(nowMs), waitUntil: later(nowMs, HARDSHIP_REQUEST_WAIT_DAYS, s) };
      }
      s.engagement.engaged = true;
      break;
  }
  syncPause(s, nowMs);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Requests (updates): validate, then apply. Validators throw nothing; they return the reason.
// ---------------------------------------------------------------------------------------------------------

export type Validation = { ok: true } | { ok: false; error: string };
const bad = (error: string): Validation => ({ ok: false, error });

function knownRequest<T>(s: BalanceLogicState, requestId: string): T | undefined {
  return s.requests.find((r) => r.id === requestId)?.result as T | undefined;
}
function remember(s: BalanceLogicState, requestId: string, result: unknown): void {
  s.requests.push({ id: requestId, result });
  if (s.requests.length > RECENT_REQUESTS) s.requests.splice(0, s.requests.length - RECENT_REQUESTS);
}

function requestIdProblem(requestId: unknown): string | undefined {
  return typeof requestId === 'string' && requestId.length > 0 && requestId.length <= 128
    ? undefined
    : 'requestId: must be a non-empty string of at most 128 characters';
}

function openForRequests(s: BalanceLogicState, nowMs: number): string | undefined {
  const stage = stageOf(s, nowMs);
  if (stage === 'resolved') return 'balance is already resolved';
  if (stage === 'placed') return 'balance is placed with an agency; recall it first';
  if (s.stopped) return `outreach is stopped (${s.stopped})`;
  return undefined;
}

function approverProblem(a: Approver | undefined, field = 'approver'): string | undefined {
  if (a === undefined) return undefined;
  if (typeof a.userId !== 'string' || a.userId.length === 0) return `${field}.userId: must be a non-empty string`;
  if (!['staff', 'manager', 'finance_lead'].includes(a.role)) return `${field}.role: must be staff, manager or finance_lead`;
  return undefined;
}

export function validateAcceptPlan(s: BalanceLogicState, r: AcceptPlanRequest, nowMs: number): Validation {
  const idp = requestIdProblem(r?.requestId);
  if (idp) return bad(idp);
  if (knownRequest(s, r.requestId)) return { ok: true };
  const closed = openForRequests(s, nowMs);
  if (closed) return bad(`acceptPlan: ${closed}`);
  if (s.disputes.length > 0) return bad('acceptPlan: a dispute is open; resolve it first');
  if (s.insuranceHold) return bad('acceptPlan: the balance is rebilled to insurance; wait for the remittance');
  if (s.plan) return bad(`acceptPlan: plan ${s.plan.planId} is already active`);
  if (!isLocalDate(r.firstDueDate)) return bad('firstDueDate: must be a real date YYYY-MM-DD');
  if (r.firstDueDate < localDateOf(nowMs, s.timeZone)) return bad("firstDueDate: must not be before today in the patient's time zone");
  if (typeof r.autopay !== 'boolean') return bad('autopay: must be true or false');
  if (r.autopay && !r.cardOnFileId) return bad('cardOnFileId: is required when autopay is true');
  const ap = approverProblem(r.approver);
  if (ap) return bad(ap);
  const decision = validatePlanRequest(s.policy, s.balanceCents, r.installments, r.approver, s.hardship?.planLimits);
  if (!decision.ok) return bad(`installments: ${decision.reason}`);
  if (decision.needsApproval && !decision.approved) {
    return bad(`approver: ${r.installments} installments need a ${decision.requiredRole}'s approval`);
  }
  return { ok: true };
}

export function applyAcceptPlan(
  s: BalanceLogicState,
  r: AcceptPlanRequest,
  nowMs: number,
  taskQueues: PaymentPlanInput['taskQueues'],
): { result: AcceptPlanResult; commands: BalanceCommand[] } {
  const known = knownRequest<AcceptPlanResult>(s, r.requestId);
  if (known) return { result: known, commands: [] };
  const schedule = buildSchedule({
    totalCents: s.balanceCents,
    installments: r.installments,
    firstDueDate: r.firstDueDate,
    timeZone: s.timeZone,
    intervalDays: s.policy.plan.intervalDays,
    reminderDaysBefore: s.policy.plan.reminderDaysBefore,
  });
  s.planCount++;
  const planId = `p${s.planCount}`;
  const planWorkflowId = paymentPlanWorkflowId(s.workflowId, planId);
  s.plan = {
    planId,
    planWorkflowId,
    status: 'starting',
    totalCents: s.balanceCents,
    remainingCents: s.balanceCents,
    installments: schedule.installments,
  };
  if (s.planOfferedAt === null) s.planOfferedAt = toIso(nowMs);
  const input: PaymentPlanInput = {
    planId,
    parentWorkflowId: s.workflowId,
    tenantId: s.tenantId,
    clinicId: s.clinicId,
    accountId: s.accountId,
    policyVersion: s.policy.version,
    installments: schedule.installments,
    totalCents: s.balanceCents,
    timeZone: s.timeZone,
    reminderDaysBefore: s.policy.plan.reminderDaysBefore,
    retryScheduleDays: [...s.policy.plan.retryScheduleDays],
    dayLengthMs: s.policy.dayLengthMs,
    autopay: r.autopay,
    ...(r.cardOnFileId ? { cardOnFileId: r.cardOnFileId } : {}),
    ...(r.chargeCapCents !== undefined ? { chargeCapCents: r.chargeCapCents } : {}),
    contact: s.contact,
    language: s.language,
    weeklyMessageCap: s.policy.weeklyMessageCap,
    ...(taskQueues ? { taskQueues } : {}),
  };
  const result: AcceptPlanResult = {
    planId,
    planWorkflowId,
    installments: schedule.installments,
    ...(r.approver && r.installments > s.policy.plan.maxTermWithoutApproval ? { approvedBy: r.approver.userId } : {}),
  };
  remember(s, r.requestId, result);
  syncPause(s, nowMs);
  return { result, commands: [{ kind: 'start_plan', workflowId: planWorkflowId, input }] };
}

export function validateApplyHardship(s: BalanceLogicState, r: ApplyHardshipRequest, nowMs: number): Validation {
  const idp = requestIdProblem(r?.requestId);
  if (idp) return bad(idp);
  if (knownRequest(s, r.requestId)) return { ok: true };
  const closed = openForRequests(s, nowMs);
  if (closed) return bad(`applyHardship: ${closed}`);
  if (hardshipActive(s, nowMs)) return bad(`applyHardship: a hardship term runs until ${s.hardship!.reviewAt}`);
  if (r.verifiedBy === undefined) return bad('verifiedBy: is required (the staff member who verified the application)');
  const ap = approverProblem(r.verifiedBy, 'verifiedBy');
  if (ap) return bad(ap);
  const d = validateHardship(s.policy, { outcome: r.outcome, termMonths: r.termMonths, verifiedAt: nowMs, timeZone: s.timeZone, balanceCents: s.balanceCents });
  if (!d.ok) return bad(`${d.error === 'invalid_term' ? 'termMonths' : 'outcome'}: ${d.reason}`);
  return { ok: true };
}

export function applyApplyHardship(
  s: BalanceLogicState,
  r: ApplyHardshipRequest,
  nowMs: number,
): { result: ApplyHardshipResult; commands: BalanceCommand[] } {
  const known = knownRequest<ApplyHardshipResult>(s, r.requestId);
  if (known) return { result: known, commands: [] };
  const d = validateHardship(s.policy, { outcome: r.outcome, termMonths: r.termMonths, verifiedAt: nowMs, timeZone: s.timeZone, balanceCents: s.balanceCents });
  if (!d.ok) throw new RangeError(d.reason); // validated already; unreachable
  // The reduction shows at once; accounts posts the matching ledger adjustment, whose ledgerChanged agrees.
  s.balanceCents -= d.reductionCents;
  const commands: BalanceCommand[] = [];
  // A short-day policy (demo, tests) counts the term in policy days, 30 to a month, so it ends visibly.
  const reviewAt = s.policy.dayLengthMs === MS_PER_DAY ? d.reviewAt : later(nowMs, r.termMonths * 30, s);
  s.hardship = { kind: d.kind, reviewAt, planLimits: d.planLimits };
  // Staff verified it: the wait for verification is over (the term's own pause takes over).
  if (s.hardshipRequest) s.hardshipRequest = null;
  if (d.reductionCents > 0) balanceMoved(s, `hardship:${r.requestId}`, nowMs, commands);
  const result: ApplyHardshipResult = { reviewAt, reductionCents: d.reductionCents, balanceCents: s.balanceCents, planLimits: d.planLimits };
  remember(s, r.requestId, result);
  syncPause(s, nowMs);
  return { result, commands };
}

function settlementFacts(s: BalanceLogicState, nowMs: number) {
  return {
    startAt: s.startAt,
    balanceCents: s.balanceCents,
    segment: segmentNow(s, nowMs),
    documentedAttempts: totalAttempts(s),
    openDispute: s.disputes.length > 0,
    activePlan: s.plan !== null,
    hardshipReview: hardshipActive(s, nowMs),
    insuranceHold: s.insuranceHold,
    deceased: s.stopped === 'deceased',
    bankruptcy: s.stopped === 'bankruptcy',
  };
}

export function validateOfferSettlement(s: BalanceLogicState, r: OfferSettlementRequest, nowMs: number): Validation {
  const idp = requestIdProblem(r?.requestId);
  if (idp) return bad(idp);
  if (knownRequest(s, r.requestId)) return { ok: true };
  const closed = openForRequests(s, nowMs);
  if (closed) return bad(`offerSettlement: ${closed}`);
  if (s.settlement?.accepted) return bad(`offerSettlement: offer ${s.settlement.offerId} is already accepted`);
  const ap = approverProblem(r.approver);
  if (ap) return bad(ap);
  if (r.validDays !== undefined && (!Number.isInteger(r.validDays) || r.validDays < 1 || r.validDays > 90)) {
    return bad('validDays: must be a whole number of days from 1 to 90');
  }
  const d = validateSettlementOffer(s.policy, settlementFacts(s, nowMs), r.discountPct, nowMs, r.approver);
  if (!d.ok) {
    const field = d.error === 'approval_required' || d.error === 'approver_role_insufficient' ? 'approver' : d.error === 'not_eligible' ? 'offerSettlement' : 'discountPct';
    return bad(`${field}: ${d.reason}`);
  }
  return { ok: true };
}

export function applyOfferSettlement(s: BalanceLogicState, r: OfferSettlementRequest, nowMs: number): OfferSettlementResult {
  const known = knownRequest<OfferSettlementResult>(s, r.requestId);
  if (known) return known;
  const d = validateSettlementOffer(s.policy, settlementFacts(s, nowMs), r.discountPct, nowMs, r.approver);
  if (!d.ok) throw new RangeError(d.reason);
  s.settlementCount++;
  const offerId = `s${s.settlementCount}`;
  const expiresAt = later(nowMs, r.validDays ?? DEFAULT_SETTLEMENT_VALID_DAYS, s);
  s.settlement = { offerId, discountPct: d.discountPct, settlementCents: d.settlementCents, expiresAt, accepted: false, paidCents: 0 };
  const result: OfferSettlementResult = {
    offerId,
    discountPct: d.discountPct,
    settlementCents: d.settlementCents,
    expiresAt,
    ...(d.approvedBy ? { approvedBy: d.approvedBy } : {}),
  };
  remember(s, r.requestId, result);
  return result;
}

export function validateAcceptSettlement(s: BalanceLogicState, r: AcceptSettlementRequest, nowMs: number): Validation {
  const idp = requestIdProblem(r?.requestId);
  if (idp) return bad(idp);
  if (knownRequest(s, r.requestId)) return { ok: true };
  const closed = openForRequests(s, nowMs);
  if (closed) return bad(`acceptSettlement: ${closed}`);
  if (!s.settlement || s.settlement.offerId !== r.offerId) return bad(`offerId: no open settlement offer ${String(r.offerId)}`);
  if (toMs(s.settlement.expiresAt) <= nowMs) return bad(`offerId: offer ${r.offerId} expired at ${s.settlement.expiresAt}`);
  if (s.settlement.accepted) return bad(`offerId: offer ${r.offerId} is already accepted`);
  return { ok: true };
}

export function applyAcceptSettlement(
  s: BalanceLogicState,
  r: AcceptSettlementRequest,
  nowMs: number,
): { result: AcceptSettlementResult; commands: BalanceCommand[] } {
  const known = knownRequest<AcceptSettlementResult>(s, r.requestId);
  if (known) return { result: known, commands: [] };
  const st = s.settlement!;
  st.accepted = true;
  const commands: BalanceCommand[] = [];
  if (s.plan) commands.push({ kind: 'cancel_plan', planWorkflowId: s.plan.planWorkflowId, reason: 'settlement' });
  const result: AcceptSettlementResult = { offerId: st.offerId, settlementCents: st.settlementCents, payBy: st.expiresAt };
  remember(s, r.requestId, result);
  syncPause(s, nowMs);
  return { result, commands };
}

export function validatePromiseToPay(s: BalanceLogicState, r: PromiseToPayRequest, nowMs: number): Validation {
  const idp = requestIdProblem(r?.requestId);
  if (idp) return bad(idp);
  if (knownRequest(s, r.requestId)) return { ok: true };
  const closed = openForRequests(s, nowMs);
  if (closed) return bad(`promiseToPay: ${closed}`);
  let by: number;
  try {
    by = toMs(r.by, 'by');
  } catch {
    return bad('by: must be an ISO-8601 UTC instant');
  }
  if (by <= nowMs) return bad('by: must be in the future');
  if (by > nowMs + MAX_PROMISE_DAYS * dayMs(s)) return bad(`by: must be within ${MAX_PROMISE_DAYS} days`);
  if (!Number.isInteger(r.amountCents) || r.amountCents < 1 || r.amountCents > s.balanceCents) {
    return bad(`amountCents: must be whole cents from 1 to the balance (${s.balanceCents})`);
  }
  return { ok: true };
}

export function applyPromiseToPay(s: BalanceLogicState, r: PromiseToPayRequest, nowMs: number): PromiseToPayResult {
  const known = knownRequest<PromiseToPayResult>(s, r.requestId);
  if (known) return known;
  s.promiseUntil = later(toMs(r.by), PROMISE_GRACE_DAYS, s);
  const result: PromiseToPayResult = { promiseId: `ptp:${r.requestId}`, pausedUntil: s.promiseUntil };
  remember(s, r.requestId, result);
  syncPause(s, nowMs);
  return result;
}

/** The plan child is running (its start was recorded). */
export function markPlanStarted(s: BalanceLogicState, planId: string): void {
  if (s.plan?.planId === planId) s.plan.status = 'active';
}

// ---------------------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------------------

export function viewOf(s: BalanceLogicState, nowMs: number, next: { summary: string; at: string | null }): BalanceView {
  return {
    workflowId: s.workflowId,
    tenantId: s.tenantId,
    clinicId: s.clinicId,
    accountId: s.accountId,
    stage: stageOf(s, nowMs),
    segment: segmentNow(s, nowMs),
    balanceCents: s.balanceCents,
    policyId: s.policy.policyId,
    policyVersion: s.policy.version,
    daysSinceFirstStatement: daysSince(s.startAt, nowMs, dayMs(s)),
    nextStep: next.summary,
    nextActionAt: next.at,
    attemptsByChannel: { ...s.attemptsByChannel },
    sentSteps: s.sentSteps.map((x) => ({ ...x })),
    skippedSteps: [...s.cadence.skipped],
    openHolds: {
      disputes: [...s.disputes],
      insuranceHold: s.insuranceHold,
      stopped: s.stopped,
      promiseToPayUntil: s.promiseUntil,
      complaintReviewUntil: s.complaintUntil,
    },
    optedOut: [...s.optedOut],
    plan: s.plan
      ? { planId: s.plan.planId, planWorkflowId: s.plan.planWorkflowId, status: 'active', remainingCents: s.plan.remainingCents }
      : s.lastPlanOutcome
        ? { planId: s.lastPlanOutcome.planId, planWorkflowId: paymentPlanWorkflowId(s.workflowId, s.lastPlanOutcome.planId), status: s.lastPlanOutcome.status, remainingCents: s.lastPlanOutcome.remainingCents }
        : null,
    hardship: s.hardship ? { kind: s.hardship.kind, reviewAt: s.hardship.reviewAt } : null,
    hardshipRequest: s.hardshipRequest ? { ...s.hardshipRequest } : null,
    settlement: s.settlement
      ? { offerId: s.settlement.offerId, settlementCents: s.settlement.settlementCents, expiresAt: s.settlement.expiresAt, accepted: s.settlement.accepted }
      : null,
    placement: s.placement
      ? {
          status: s.placement.status,
          ...(s.placement.agencyId ? { agencyId: s.placement.agencyId } : {}),
          ...(s.placement.placementId ? { placementId: s.placement.placementId } : {}),
          ...(s.placement.failedGates ? { failedGates: [...s.placement.failedGates] } : {}),
        }
      : null,
    finalNoticeSentAt: s.finalNoticeSentAt,
    resolution: s.resolution,
    runNumber: s.runNumber,
  };
}
