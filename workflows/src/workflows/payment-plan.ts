/**
 * PaymentPlanWorkflow: one accepted payment plan, a child of BalanceWorkflow (task queue `balances`).
 *
 * The loop asks the pure `nextPlanAction` what is due next, sleeps until then (any signal wakes it to ask
 * again), runs the action and records the outcome. Money decisions (what is owed, how a changed balance is
 * spread) are plan-schedule functions; this file only sequences them with timers and activities.
 */
import {
  CancellationScope,
  condition,
  continueAsNew,
  defineQuery,
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  applyPayment,
  DEFAULT_DUE_LOCAL_TIME,
  outstandingCents,
  rebalance,
  type PlanSchedule,
} from '../domain/plan-schedule';
import {
  chargeIdempotencyKey,
  freshProgress,
  nextPlanAction,
  reminderChannelsFor,
  type InstallmentProgress,
  type PlanAction,
  type PlanClock,
  type PlanRulesView,
} from '../domain/plan-collection';
import type { OutreachActivities, OutreachRequestBase } from '../shared/outreach-activities';
import type { PaymentsActivities, PlanRef } from '../shared/payments-activities';
import {
  cancelPlanSignal,
  planBalanceChangedSignal,
  planFinishedSignal,
  planPaymentReceivedSignal,
  planProgressSignal,
  type PaymentPlanInput,
  type PaymentPlanOutcome,
  type PaymentPlanResult,
  type PlanProgress,
} from '../shared/balance-messages';
import { SearchAttributes } from '../shared/search-attributes';
import { TaskQueues } from '../shared/task-queues';

export interface PaymentPlanView {
  planId: string;
  status: 'active' | PaymentPlanOutcome;
  schedule: PlanSchedule;
  remainingCents: number;
  paidCents: number;
  missedInstallments: number;
  /** The next thing the plan will do, in plain words (installment numbers and instants, no patient data). */
  nextStep: string;
  nextActionAt: string | null;
  reminders: { seq: number; channel: 'sms' | 'email'; attemptKey: string }[];
  charges: { seq: number; attempt: number; idempotencyKey: string; status: string }[];
  callTasks: { seq: number; purpose: string }[];
}
export const paymentPlanStateQuery = defineQuery<PaymentPlanView>('planState');

/** How many applied event / payment IDs to remember; a plan sees a few dozen facts in its life. */
const DEDUPE_MEMORY = 500;
/** A two-year plan with retries stays far below this; the bound keeps any one run's history small. */
const DEFAULT_EVENTS_BEFORE_CONTINUE = 2_000;

/** Everything a new run needs to carry on exactly where the previous one stopped (continue-as-new). */
export interface PlanCarried {
  anchorMs: number;
  schedule: PlanSchedule;
  progress: [number, InstallmentProgress][];
  appliedEvents: string[];
  view: Pick<PaymentPlanView, 'paidCents' | 'missedInstallments' | 'reminders' | 'charges' | 'callTasks'>;
}

/** The parent's input plus what only the workflow itself (or a test) sets. */
export type PaymentPlanRunInput = PaymentPlanInput & {
  carried?: PlanCarried;
  /** Continue-as-new once this run's history has this many events (default 2,000; tests use fewer). */
  historyEventsBeforeContinue?: number;
};

export async function PaymentPlanWorkflow(input: PaymentPlanRunInput): Promise<PaymentPlanResult> {
  const workflowId = workflowInfo().workflowId;
  const outreach = proxyActivities<OutreachActivities>({
    taskQueue: input.taskQueues?.outreach ?? TaskQueues.outreach,
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes' },
  });
  // A charge is idempotent by key at the processor, so retrying the activity is safe; declines are answers,
  // not errors, and never retried by Temporal.
  const payments = proxyActivities<PaymentsActivities>({
    taskQueue: input.taskQueues?.payments ?? TaskQueues.payments,
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes' },
  });
  const ref: PlanRef = {
    planId: input.planId,
    workflowId,
    tenantId: input.tenantId,
    clinicId: input.clinicId,
    accountId: input.accountId,
  };
  const carried = input.carried;
  // The compression anchor must survive continue-as-new, or every due date would move.
  const clock: PlanClock = { anchorMs: carried?.anchorMs ?? Date.now(), dayLengthMs: input.dayLengthMs };
  const rules: PlanRulesView = {
    retryScheduleDays: input.retryScheduleDays,
    autopay: input.autopay && input.cardOnFileId !== undefined,
    reminderChannels: reminderChannelsFor(input.contact),
  };

  let schedule: PlanSchedule = carried?.schedule ?? {
    timeZone: input.timeZone,
    localTime: DEFAULT_DUE_LOCAL_TIME,
    reminderDaysBefore: input.reminderDaysBefore,
    installments: input.installments.map((i) => ({ ...i })),
  };
  const progress = new Map<number, InstallmentProgress>(carried?.progress ?? []);
  const progressOf = (seq: number) => {
    let p = progress.get(seq);
    if (p === undefined) progress.set(seq, (p = freshProgress()));
    return p;
  };
  const view: PaymentPlanView = {
    planId: input.planId,
    status: 'active',
    schedule,
    remainingCents: outstandingCents(schedule),
    paidCents: 0,
    missedInstallments: 0,
    nextStep: 'set up the plan with payments',
    nextActionAt: null,
    reminders: [],
    charges: [],
    callTasks: [],
    ...carried?.view,
  };

  const appliedEvents: string[] = [...(carried?.appliedEvents ?? [])];
  const seen = (id: string) => {
    if (appliedEvents.includes(id)) return true;
    appliedEvents.push(id);
    if (appliedEvents.length > DEDUPE_MEMORY) appliedEvents.shift();
    return false;
  };
  /** Bumped by every signal that changes what is due, so a sleeping loop wakes up and re-plans. */
  let changes = 0;
  let pendingBalanceCents: number | undefined;
  let cancelReason: string | undefined;

  const recordPayment = (paymentId: string, amountCents: number) => {
    if (seen(`payment:${paymentId}`) || amountCents <= 0) return;
    const applied = applyPayment(schedule, amountCents);
    schedule = applied.schedule;
    view.paidCents += amountCents - applied.unappliedCents;
    changes++;
  };

  setHandler(planPaymentReceivedSignal, (payment) => {
    if (seen(`event:${payment.eventId}`)) return;
    // The ledger's confirmation of this plan's own card charge: the charge result already counted it, and
    // the ledger may know it under another ID, so counting it again would pay an installment twice.
    if (payment.source === 'plan_installment' && payment.planId === input.planId) return;
    recordPayment(payment.paymentId, payment.amountCents);
  });
  setHandler(planBalanceChangedSignal, (change) => {
    if (seen(`event:${change.eventId}`)) return;
    pendingBalanceCents = change.balanceCents;
    changes++;
  });
  setHandler(cancelPlanSignal, (cancel) => {
    cancelReason ??= cancel.reason;
    changes++;
  });
  setHandler(paymentPlanStateQuery, () => ({
    ...view,
    schedule,
    remainingCents: outstandingCents(schedule),
  }));

  const parent = getExternalWorkflowHandle(input.parentWorkflowId);
  const tellParent = async (event: PlanProgress['event'], seq: number) => {
    try {
      await parent.signal(planProgressSignal, {
        planId: input.planId,
        installmentSeq: seq,
        event,
        at: new Date().toISOString(),
      });
    } catch (err) {
      // Progress is informational; a parent that is gone (or between runs) must not stop the plan.
      log.warn('plan progress not delivered to the balance workflow', { event, seq, error: String(err) });
    }
  };

  const outreachBase = (stepKey: string, attempt: number, amountCents: number, dueDate: string): OutreachRequestBase => ({
    attemptKey: `${workflowId}:${stepKey}:${attempt}`,
    workflowId,
    tenantId: input.tenantId,
    clinicId: input.clinicId,
    accountId: input.accountId,
    stepKey,
    templateKey: 'plan_reminder',
    tone: 'collaborative',
    // Plans are the high-value-engaged segment's first move; the template picks wording by tone.
    segment: 'high_value_engaged',
    language: input.language,
    balanceCents: outstandingCents(schedule),
    policyVersion: input.policyVersion,
    weeklyMessageCap: input.weeklyMessageCap,
    contact: input.contact,
    holds: { disputed: false, insuranceHold: false, stopped: false },
    figures: { planPaymentCents: amountCents, planPaymentDate: dueDate },
  });

  const installmentOf = (seq: number) => schedule.installments.find((i) => i.seq === seq)!;
  const owedOn = (seq: number) => {
    const i = installmentOf(seq);
    return Math.max(0, i.amountCents - i.paidCents);
  };

  const remind = async (action: Extract<PlanAction, { kind: 'remind' }>) => {
    const p = progressOf(action.seq);
    const stepKey = `plan-reminder-${action.seq}`;
    const request = outreachBase(stepKey, action.attempt, owedOn(action.seq), installmentOf(action.seq).dueDate);
    p.reminderAttempts = action.attempt;
    const outcome =
      action.channel === 'sms' ? await outreach.sendText(request) : await outreach.sendEmail(request);
    if (outcome.status === 'sent') {
      p.reminderDone = true;
      view.reminders.push({ seq: action.seq, channel: action.channel, attemptKey: request.attemptKey });
    } else if (outcome.status === 'deferred') {
      p.reminderDeferredUntilMs = Date.parse(outcome.until);
    } else {
      p.reminderChannelsRefused.push(action.channel);
    }
  };

  const charge = async (action: Extract<PlanAction, { kind: 'charge' }>) => {
    const p = progressOf(action.seq);
    const idempotencyKey = chargeIdempotencyKey(input.planId, action.seq, action.attempt);
    p.chargeAttempts = action.attempt;
    const outcome = await payments.chargeInstallment({
      ...ref,
      installmentNumber: action.seq,
      attempt: action.attempt,
      amountCents: action.amountCents,
      cardOnFileId: input.cardOnFileId!,
      chargeCapCents: input.chargeCapCents,
      idempotencyKey,
    });
    view.charges.push({ seq: action.seq, attempt: action.attempt, idempotencyKey, status: outcome.status });
    if (outcome.status === 'succeeded') {
      recordPayment(outcome.paymentId, outcome.amountCents);
      await tellParent('paid', action.seq);
      return;
    }
    if (action.attempt === 1) view.missedInstallments++;
    if (outcome.status === 'hard_declined') {
      p.hardDeclined = true;
      await tellParent('missed', action.seq);
    } else if (action.attempt <= input.retryScheduleDays.length) {
      await tellParent('retry_scheduled', action.seq);
    }
  };

  const callTask = async (action: Extract<PlanAction, { kind: 'call' }>) => {
    const p = progressOf(action.seq);
    // With autopay the first decline already counted the miss.
    if (!rules.autopay) view.missedInstallments++;
    const stepKey = `plan-call-${action.seq}`;
    await outreach.createCallTask({
      ...outreachBase(stepKey, 1, owedOn(action.seq), installmentOf(action.seq).dueDate),
      templateKey: `call_plan_${action.purpose}`,
      purpose: action.purpose,
    });
    p.callTaskCreated = true;
    view.callTasks.push({ seq: action.seq, purpose: action.purpose });
    await tellParent('call_task_created', action.seq);
  };

  const applyBalanceChange = async (balanceCents: number) => {
    const result = rebalance(schedule, balanceCents, Date.now());
    if (!result.ok) {
      log.warn('plan could not absorb the balance change', { planId: input.planId, reason: result.reason });
      return;
    }
    schedule = result.schedule;
    if (outstandingCents(schedule) > 0) {
      await payments.rebalancePlan({ ...ref, installments: schedule.installments });
    }
  };

  const finish = async (status: PaymentPlanOutcome, reason?: string): Promise<PaymentPlanResult> => {
    const result: PaymentPlanResult = {
      planId: input.planId,
      status,
      remainingCents: outstandingCents(schedule),
      paidCents: view.paidCents,
      missedInstallments: view.missedInstallments,
      ...(reason !== undefined ? { reason } : {}),
    };
    view.status = status;
    view.nextStep = `plan ${status}`;
    view.nextActionAt = null;
    // Cancelling the schedule and telling the parent must happen even if this run is being cancelled.
    await CancellationScope.nonCancellable(async () => {
      if (status !== 'paid') await payments.cancelPlan({ ...ref, reason: reason ?? status });
      try {
        await parent.signal(planFinishedSignal, result);
      } catch (err) {
        log.warn('plan result not delivered to the balance workflow', { planId: input.planId, error: String(err) });
      }
    });
    return result;
  };

  const upsertNext = (atMs: number | null) => {
    upsertSearchAttributes({
      [SearchAttributes.BalanceCents.name]: [outstandingCents(schedule)],
      [SearchAttributes.NextActionAt.name]: atMs === null ? [] : [new Date(atMs)],
    });
  };

  if (carried === undefined) {
    await payments.createPlanSchedule({
      ...ref,
      installments: schedule.installments,
      autopay: rules.autopay,
      ...(input.cardOnFileId !== undefined ? { cardOnFileId: input.cardOnFileId } : {}),
      ...(input.chargeCapCents !== undefined ? { chargeCapCents: input.chargeCapCents } : {}),
    });
  }

  const eventsBeforeContinue = input.historyEventsBeforeContinue ?? DEFAULT_EVENTS_BEFORE_CONTINUE;
  const continueIfLong = async () => {
    const info = workflowInfo();
    if (!info.continueAsNewSuggested && info.historyLength < eventsBeforeContinue) return;
    const { paidCents, missedInstallments, reminders, charges, callTasks } = view;
    await continueAsNew<typeof PaymentPlanWorkflow>({
      ...input,
      carried: {
        anchorMs: clock.anchorMs,
        schedule,
        progress: [...progress.entries()],
        appliedEvents,
        view: { paidCents, missedInstallments, reminders, charges, callTasks },
      },
    });
  };

  let lastUpsertAt: number | null | undefined;
  for (;;) {
    if (cancelReason !== undefined) return finish('cancelled', cancelReason);
    if (pendingBalanceCents !== undefined) {
      const cents = pendingBalanceCents;
      pendingBalanceCents = undefined;
      await applyBalanceChange(cents);
      continue;
    }
    const action = nextPlanAction(schedule, progress, clock, rules, Date.now());
    if (action.kind === 'paid') return finish('paid');
    // A natural boundary: nothing in flight, every signal so far applied to the state that is carried.
    await continueIfLong();

    view.nextStep = describe(action);
    view.nextActionAt = new Date(action.atMs).toISOString();
    if (lastUpsertAt !== action.atMs) {
      upsertNext(action.atMs);
      lastUpsertAt = action.atMs;
    }
    const waitMs = action.atMs - Date.now();
    if (waitMs > 0) {
      const seenChanges = changes;
      const woken = await condition(() => changes !== seenChanges, waitMs, { summary: describe(action) });
      if (woken) continue;
    }
    switch (action.kind) {
      case 'remind':
        await remind(action);
        break;
      case 'charge':
        await charge(action);
        break;
      case 'call':
        await callTask(action);
        break;
      case 'default':
        return finish('defaulted', action.reason);
    }
  }
}

/** Plain words for Temporal UI and the state query: installment numbers and kinds, never patient data. */
function describe(action: Exclude<PlanAction, { kind: 'paid' }>): string {
  switch (action.kind) {
    case 'remind':
      return `reminder ${action.attempt} for installment ${action.seq} by ${action.channel}`;
    case 'charge':
      return `charge installment ${action.seq}, attempt ${action.attempt}`;
    case 'call':
      return `call task for installment ${action.seq} (${action.purpose})`;
    case 'default':
      return `plan defaults on installment ${action.seq} unless paid (${action.reason})`;
  }
}
