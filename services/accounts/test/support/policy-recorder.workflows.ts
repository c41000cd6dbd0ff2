import { condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';

export const policiesQuery = defineQuery<Array<{ eventId: string; version: number }>>('policies');

/** Stands in for a running BalanceWorkflow: records the policy versions it is signalled. */
export async function PolicyRecorder(): Promise<void> {
  const got: Array<{ eventId: string; version: number }> = [];
  setHandler(defineSignal<[{ eventId: string; policy: { version: number } }]>('policyChanged'), (p) => void got.push({ eventId: p.eventId, version: p.policy.version }));
  setHandler(policiesQuery, () => got);
  await condition(() => false);
}
