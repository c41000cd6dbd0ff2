import { proxyActivities } from '@temporalio/workflow';
import type { OutreachActivities, OutreachRequestBase } from '@courtesy/workflows';

/**
 * Drives a batch of sends on the outreach task queue the way BalanceWorkflow does (same activity contract,
 * same attempt keys), with short timeouts so a killed worker's activities are retried within seconds.
 */
export async function SendBatch(input: { taskQueue: string; texts: OutreachRequestBase[]; emails: OutreachRequestBase[] }): Promise<string[]> {
  const act = proxyActivities<OutreachActivities>({
    taskQueue: input.taskQueue,
    startToCloseTimeout: '8 seconds',
    retry: { initialInterval: '500 milliseconds', maximumInterval: '2 seconds', backoffCoefficient: 2 },
  });
  const outcomes = await Promise.all([...input.texts.map((r) => act.sendText(r)), ...input.emails.map((r) => act.sendEmail(r))]);
  return outcomes.map((o) => o.status);
}
