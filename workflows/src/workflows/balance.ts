import {
  condition,
  defineQuery,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { BalanceStart } from '../shared/balance-types';
import type { OutreachActivities } from '../shared/outreach-activities';
import { SearchAttributes } from '../shared/search-attributes';
import { TaskQueues } from '../shared/task-queues';

import { ledgerChangedSignal } from '../shared/balance-messages';

export interface BalanceState {
  stage: 'soft' | 'resolved';
  balanceCents: number;
  emailsSent: number;
  nextActionAt: string | null;
}
const stateQuery = defineQuery<BalanceState>('state');


/** First reminder day in the walking skeleton; the policy-driven cadence replaces it. */
const FIRST_EMAIL_DAY = 0;

export async function BalanceWorkflow(start: BalanceStart): Promise<BalanceState> {
  const outreach = proxyActivities<OutreachActivities>({
    taskQueue: start.taskQueues?.outreach ?? TaskQueues.outreach,
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes' },
  });
  const applied = new Set(start.appliedEventIds ?? []);
  const state: BalanceState = { stage: 'soft', balanceCents: start.balanceCents, emailsSent: 0, nextActionAt: null };

  setHandler(ledgerChangedSignal, (change) => {
    if (applied.has(change.eventId)) return;
    applied.add(change.eventId);
    state.balanceCents = change.balanceCents;
    upsertSearchAttributes({ [SearchAttributes.BalanceCents.name]: [state.balanceCents] });
  });
  setHandler(stateQuery, () => state);

  const dueAt = Date.parse(start.startedAt) + FIRST_EMAIL_DAY * start.dayLengthMs;
  state.nextActionAt = new Date(dueAt).toISOString();
  upsertSearchAttributes({
    [SearchAttributes.Stage.name]: [state.stage],
    [SearchAttributes.BalanceCents.name]: [state.balanceCents],
    [SearchAttributes.NextActionAt.name]: [new Date(dueAt)],
  });

  const paidBeforeDue = await condition(() => state.balanceCents <= 0, Math.max(0, dueAt - Date.now()));
  if (!paidBeforeDue) {
    const workflowId = workflowInfo().workflowId;
    const outcome = await outreach.sendEmail({
      attemptKey: `${workflowId}:email-1:1`,
      workflowId,
      tenantId: start.tenantId,
      clinicId: start.clinicId,
      accountId: start.accountId,
      stepKey: 'email-1',
      templateKey: 'balance_notice',
      tone: 'friendly',
      segment: 'fresh',
      language: start.contact.language ?? 'en',
      balanceCents: state.balanceCents,
      policyVersion: 1,
      weeklyMessageCap: 3,
      contact: start.contact,
      holds: { disputed: false, insuranceHold: false, stopped: false },
      figures: { clinicName: start.clinicName },
    });
    if (outcome.status === 'sent') state.emailsSent++;
  }
  state.nextActionAt = null;
  await condition(() => state.balanceCents <= 0);
  state.stage = 'resolved';
  upsertSearchAttributes({
    [SearchAttributes.Stage.name]: [state.stage],
    [SearchAttributes.BalanceCents.name]: [state.balanceCents],
  });
  return state;
}
