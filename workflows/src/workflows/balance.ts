/**
 * BalanceWorkflow: the whole life of one patient balance, from the first reminder to resolved, placed or
 * closed. Every decision is made by balance-logic.ts (pure); this file wires it to Temporal: signals and
 * updates feed the state, `condition(..., timeout)` sleeps until the next step or until any fact arrives,
 * activities reach outreach and placement, a child runs the payment plan.
 *
 * Nothing here puts patient data in plaintext: the workflow ID, search attributes, timer and activity
 * summaries and current details hold step keys, stages, figures and dates only.
 */
import {
  ActivityFailure,
  CancellationScope,
  ParentClosePolicy,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { daysSince } from '../domain/cadence';
import { defaultPolicy } from '../domain/policy';
import {
  acceptPlanUpdate,
  acceptSettlementUpdate,
  applyHardshipUpdate,
  balanceStateQuery,
  callOutcomeSignal,
  cancelPlanSignal,
  complaintSignal,
  contactChangedSignal,
  disputeOpenedSignal,
  disputeResolvedSignal,
  hardshipRequestedSignal,
  ledgerChangedSignal,
  mailReturnedSignal,
  messageDeliveredSignal,
  messageFailedSignal,
  offerSettlementUpdate,
  optedOutSignal,
  outreachStoppedSignal,
  patientRepliedSignal,
  paymentReceivedSignal,
  placementAcceptedSignal,
  placementRejectedSignal,
  planBalanceChangedSignal,
  planFinishedSignal,
  planPaymentReceivedSignal,
  planProgressSignal,
  policyChangedSignal,
  promiseToPayUpdate,
  rebilledSignal,
  rebillResolvedSignal,
  recallFromAgencySignal,
  type BalanceView,
} from '../shared/balance-messages';
import type { BalanceStart } from '../shared/balance-types';
import type { AttemptOutcome, OutreachActivities, OutreachRequestBase } from '../shared/outreach-activities';
import { CHANNEL_ACTIVITY } from '../shared/outreach-activities';
import type { PlacementActivities } from '../shared/placement-activities';
import { SearchAttributes } from '../shared/search-attributes';
import { TaskQueues } from '../shared/task-queues';
import {
  applyAcceptPlan,
  applyAcceptSettlement,
  applyApplyHardship,
  applyFact,
  applyOfferSettlement,
  applyPromiseToPay,
  applyRouteAnswer,
  applySendOutcome,
  decide,
  initialState,
  markPlanStarted,
  outreachForbidden,
  responseDueDate,
  segmentNow,
  stageOf,
  validateAcceptPlan,
  validateAcceptSettlement,
  validateApplyHardship,
  validateOfferSettlement,
  validatePromiseToPay,
  viewOf,
  type BalanceCommand,
  type BalanceDecision,
  type BalanceFact,
  type BalanceLogicState,
  type Validation,
} from './balance-logic';

/** Kept for callers of the walking skeleton's type name. */
export type BalanceState = BalanceView;

/**
 * Continue-as-new well before Temporal's hard limits; a balance that lives for months wakes a few dozen
 * times, so this is reached only by very chatty accounts (or when the server suggests it).
 */
const HISTORY_EVENTS_BEFORE_CONTINUE = 2_000;

const validator = (v: Validation) => {
  if (!v.ok) throw new RangeError(v.error);
};

export async function BalanceWorkflow(start: BalanceStart): Promise<BalanceView> {
  const info = workflowInfo();
  const queues = {
    outreach: start.taskQueues?.outreach ?? TaskQueues.outreach,
    payments: start.taskQueues?.payments ?? TaskQueues.payments,
    placement: start.taskQueues?.placement ?? TaskQueues.placement,
  };
  // Outreach retries forever at a gentle pace: a worker outage delays a reminder, it never skips one, and the
  // attempt key keeps retries from sending twice.
  const outreach = proxyActivities<OutreachActivities>({
    taskQueue: queues.outreach,
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
  });
  const placement = proxyActivities<PlacementActivities>({
    taskQueue: queues.placement,
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
  });

  const s: BalanceLogicState = start.carried
    ? { ...start.carried, runNumber: start.carried.runNumber + 1 }
    : initialState(start, info.workflowId, start.policy ?? defaultPolicy({ dayLengthMs: start.dayLengthMs }));
  const pending: BalanceCommand[] = [];
  /** Bumped by every fact and request, so a sleeping condition wakes and re-plans at once. */
  let revision = 0;
  let lastDecision: { summary: string; at: string | null } = { summary: 'starting', at: null };

  const now = () => Date.now();
  const onFact = <T>(type: BalanceFact['type']) => (fact: T) => {
    pending.push(...applyFact(s, { type, fact } as BalanceFact, now()));
    revision++;
  };
  setHandler(ledgerChangedSignal, onFact('ledgerChanged'));
  setHandler(paymentReceivedSignal, onFact('paymentReceived'));
  setHandler(contactChangedSignal, onFact('contactChanged'));
  setHandler(mailReturnedSignal, onFact('mailReturned'));
  setHandler(messageDeliveredSignal, onFact('messageDelivered'));
  setHandler(messageFailedSignal, onFact('messageFailed'));
  setHandler(patientRepliedSignal, onFact('patientReplied'));
  setHandler(optedOutSignal, onFact('optedOut'));
  setHandler(callOutcomeSignal, onFact('callOutcome'));
  setHandler(rebilledSignal, onFact('rebilled'));
  setHandler(rebillResolvedSignal, onFact('rebillResolved'));
  setHandler(disputeOpenedSignal, onFact('disputeOpened'));
  setHandler(disputeResolvedSignal, onFact('disputeResolved'));
  setHandler(complaintSignal, onFact('complaint'));
  setHandler(outreachStoppedSignal, onFact('outreachStopped'));
  setHandler(policyChangedSignal, onFact('policyChanged'));
  setHandler(recallFromAgencySignal, onFact('recallFromAgency'));
  setHandler(placementAcceptedSignal, onFact('placementAccepted'));
  setHandler(placementRejectedSignal, onFact('placementRejected'));
  setHandler(planFinishedSignal, onFact('planFinished'));
  setHandler(planProgressSignal, onFact('planProgress'));
  // Added while balances were running: a history that received this signal before the handler existed ignored it.
  const onHardshipRequested = onFact('hardshipRequested');
  setHandler(hardshipRequestedSignal, (fact) => {
    if (patched('hardship-requested-signal')) onHardshipRequested(fact);
  });

  const childQueues = { outreach: queues.outreach, payments: queues.payments };
  setHandler(
    acceptPlanUpdate,
    (r) => {
      const { result, commands } = applyAcceptPlan(s, r, now(), childQueues);
      pending.push(...commands);
      revision++;
      return result;
    },
    { validator: (r) => validator(validateAcceptPlan(s, r, now())) },
  );
  setHandler(
    applyHardshipUpdate,
    (r) => {
      const { result, commands } = applyApplyHardship(s, r, now());
      pending.push(...commands);
      revision++;
      return result;
    },
    { validator: (r) => validator(validateApplyHardship(s, r, now())) },
  );
  setHandler(
    offerSettlementUpdate,
    (r) => {
      const result = applyOfferSettlement(s, r, now());
      revision++;
      return result;
    },
    { validator: (r) => validator(validateOfferSettlement(s, r, now())) },
  );
  setHandler(
    acceptSettlementUpdate,
    (r) => {
      const { result, commands } = applyAcceptSettlement(s, r, now());
      pending.push(...commands);
      revision++;
      return result;
    },
    { validator: (r) => validator(validateAcceptSettlement(s, r, now())) },
  );
  setHandler(
    promiseToPayUpdate,
    (r) => {
      const result = applyPromiseToPay(s, r, now());
      revision++;
      return result;
    },
    { validator: (r) => validator(validatePromiseToPay(s, r, now())) },
  );
  setHandler(balanceStateQuery, () => viewOf(s, now(), lastDecision));

  // Search attributes: written only when one of them changes, so a quiet month costs no actions.
  let lastAttributes = '';
  const publish = (nextActionAt: string | null) => {
    const t = now();
    const attrs = {
      stage: stageOf(s, t),
      segment: segmentNow(s, t),
      balance: s.balanceCents,
      days: daysSince(s.startAt, t, s.policy.dayLengthMs),
      next: nextActionAt,
    };
    // Days alone do not trigger a write; they are refreshed with the next real change.
    const key = JSON.stringify({ ...attrs, days: undefined });
    if (key === lastAttributes) return;
    lastAttributes = key;
    upsertSearchAttributes({
      [SearchAttributes.TenantId.name]: [s.tenantId],
      [SearchAttributes.ClinicId.name]: [s.clinicId],
      [SearchAttributes.Stage.name]: [attrs.stage],
      [SearchAttributes.Segment.name]: [attrs.segment],
      [SearchAttributes.BalanceCents.name]: [attrs.balance],
      [SearchAttributes.DaysSinceFirstStatement.name]: [attrs.days],
      [SearchAttributes.NextActionAt.name]: nextActionAt ? [new Date(nextActionAt)] : [],
    });
  };

  const runCommands = async () => {
    while (pending.length > 0) {
      const c = pending.shift()!;
      switch (c.kind) {
        case 'start_plan':
          await startChild('PaymentPlanWorkflow', {
            workflowId: c.workflowId,
            taskQueue: info.taskQueue,
            args: [c.input],
            // The plan outlives a continue-as-new of its parent; it reports back by signal (planFinished).
            parentClosePolicy: ParentClosePolicy.ABANDON,
            staticSummary: `Plan ${c.input.planId} for balance ${s.accountId}`,
          });
          markPlanStarted(s, c.input.planId);
          break;
        case 'plan_balance_changed':
          await signalQuietly(c.planWorkflowId, () => getExternalWorkflowHandle(c.planWorkflowId).signal(planBalanceChangedSignal, c.change));
          break;
        case 'plan_payment':
          await signalQuietly(c.planWorkflowId, () => getExternalWorkflowHandle(c.planWorkflowId).signal(planPaymentReceivedSignal, c.payment));
          break;
        case 'cancel_plan':
          await signalQuietly(c.planWorkflowId, () => getExternalWorkflowHandle(c.planWorkflowId).signal(cancelPlanSignal, { reason: c.reason }));
          break;
        case 'recall':
          await placement.requestRecall.executeWithOptions(
            { taskQueue: queues.placement, startToCloseTimeout: '1 minute', summary: `recall ${c.request.reason}` },
            [c.request],
          );
          break;
      }
    }
  };

  const send = async (d: Extract<BalanceDecision, { kind: 'send' }>): Promise<void> => {
    const base: OutreachRequestBase = {
      attemptKey: d.attemptKey,
      workflowId: s.workflowId,
      tenantId: s.tenantId,
      clinicId: s.clinicId,
      accountId: s.accountId,
      stepKey: d.stepKey,
      templateKey: d.templateKey,
      tone: d.tone,
      segment: segmentNow(s, now()),
      language: s.language,
      balanceCents: s.balanceCents,
      policyVersion: s.policy.version,
      weeklyMessageCap: s.policy.weeklyMessageCap,
      contact: s.contact,
      holds: { disputed: s.disputes.length > 0, insuranceHold: s.insuranceHold, stopped: s.stopped !== null },
      // Templates that name a deadline (the final notice above all) need it; without it outreach refuses the send.
      figures: { clinicName: s.clinicName, dueDate: responseDueDate(s, d.finalNotice, now()) },
    };
    const name = CHANNEL_ACTIVITY[d.channel];
    const opts = {
      taskQueue: queues.outreach,
      startToCloseTimeout: '1 minute',
      retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
      summary: `${d.stepKey} by ${d.channel} (attempt ${d.attempt})`,
    } as const;
    const call = (): Promise<AttemptOutcome> => {
      switch (name) {
        case 'mailStatement':
          return outreach.mailStatement.executeWithOptions(opts, [{ ...base, dueDate: responseDueDate(s, d.finalNotice, now()) }]);
        case 'createCallTask':
          return outreach.createCallTask.executeWithOptions(opts, [{ ...base, purpose: d.purpose }]);
        case 'sendEmail':
          return outreach.sendEmail.executeWithOptions(opts, [base]);
        case 'sendText':
          return outreach.sendText.executeWithOptions(opts, [base]);
      }
    };
    // A payment, dispute or hold that arrives while the attempt is still retrying cancels it: no message
    // may go out after the balance is paid or while it is disputed. The attempt key is kept for later.
    const outcome = await CancellationScope.cancellable(async () => {
      const scope = CancellationScope.current();
      const result = await Promise.race([call(), condition(() => outreachForbidden(s)).then(() => 'stop' as const)]);
      scope.cancel();
      return result;
    }).catch((err: unknown): AttemptOutcome | 'stop' => {
      if (isCancellation(err)) return 'stop';
      // A non-retryable failure (a request outreach refuses): try the step again a day later, never loop.
      if (err instanceof ActivityFailure) {
        return { status: 'deferred', attemptId: d.attemptKey, until: new Date(now() + s.policy.dayLengthMs).toISOString(), rule: 'activity_failed' };
      }
      throw err;
    });
    if (outcome !== 'stop') applySendOutcome(s, d, outcome, now());
  };

  const place = async (d: Extract<BalanceDecision, { kind: 'place' }>) => {
    const answer = await placement.routePlacement.executeWithOptions(
      { taskQueue: queues.placement, startToCloseTimeout: '1 minute', summary: 'route placement by policy' },
      [
        {
          balanceWorkflowId: s.workflowId,
          tenantId: s.tenantId,
          clinicId: s.clinicId,
          accountId: s.accountId,
          balanceCents: s.balanceCents,
          policyVersion: s.policy.version,
          facts: d.facts,
          requestedAt: new Date(now()).toISOString(),
          // Placement re-checks the gates against this snapshot and rejects a request without one.
          policy: s.policy,
        },
      ],
    );
    applyRouteAnswer(s, answer, now());
  };

  for (;;) {
    await runCommands();
    const d = decide(s, now());
    lastDecision = { summary: d.summary, at: d.kind === 'wait' ? d.until : d.kind === 'complete' ? null : new Date(now()).toISOString() };
    setCurrentDetails(`**${stageOf(s, now())}** — ${d.summary}`);
    publish(d.kind === 'wait' ? d.until : null);
    if (d.kind === 'complete') {
      await runCommands();
      return viewOf(s, now(), lastDecision);
    }
    if (d.kind === 'send') {
      await send(d);
      continue;
    }
    if (d.kind === 'place') {
      await place(d);
      continue;
    }
    // Waiting: a natural boundary to start a fresh history when it has grown long.
    const i = workflowInfo();
    if (i.continueAsNewSuggested || i.historyLength > (start.historyEventsBeforeContinue ?? HISTORY_EVENTS_BEFORE_CONTINUE)) {
      await continueAsNew<typeof BalanceWorkflow>({ ...start, carried: s });
    }
    const seen = revision;
    const woke = () => revision !== seen || pending.length > 0;
    if (d.until === null) await condition(woke);
    // At least 1 ms: a wait that is already due must still yield, never spin.
    else await condition(woke, Math.max(1, Date.parse(d.until) - now()), { summary: d.summary.slice(0, 200) });
  }
}

/** A signal to a child that already finished is not an error: the plan's own end was (or will be) reported. */
async function signalQuietly(_target: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch {
    // The external workflow has completed or does not exist.
  }
}
