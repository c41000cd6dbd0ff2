// Bundled into the Temporal workflow sandbox by the payments worker: deterministic code only.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { SweepResult } from './credit-sweep.service';

export interface CreditActivities {
  sweepCreditBalances(request: { runKey: string; detectedAt: string }): Promise<SweepResult>;
}

/**
 * Started weekly by the `payments:credit-sweep` Schedule. The run's start time names the sweep, so a retried
 * activity repeats nothing and the next week's run is a new sweep.
 */
export async function CreditSweepWorkflow(): Promise<SweepResult> {
  const { sweepCreditBalances } = proxyActivities<CreditActivities>({
    startToCloseTimeout: '30 minutes',
    heartbeatTimeout: undefined,
    retry: { initialInterval: '1 minute', maximumInterval: '1 hour' },
  });
  const startedAt = workflowInfo().startTime;
  return sweepCreditBalances({ runKey: startedAt.toISOString().slice(0, 16), detectedAt: startedAt.toISOString() });
}
