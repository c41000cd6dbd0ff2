// Bundled into the Temporal workflow sandbox by the payments worker: deterministic code only.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ScheduledRunResult } from './scheduled-payments.service';

export interface ScheduledPaymentActivities {
  chargeDueScheduledPayments(request: { asOf: string }): Promise<ScheduledRunResult>;
}

/** Started daily by the `payments:scheduled-payments` Schedule: charges what patients scheduled for today or before. */
export async function ScheduledPaymentsWorkflow(): Promise<ScheduledRunResult> {
  const { chargeDueScheduledPayments } = proxyActivities<ScheduledPaymentActivities>({
    startToCloseTimeout: '30 minutes',
    retry: { initialInterval: '1 minute', maximumInterval: '1 hour' },
  });
  return chargeDueScheduledPayments({ asOf: workflowInfo().startTime.toISOString() });
}
