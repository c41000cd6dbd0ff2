import { condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';

export const receivedQuery = defineQuery<Array<{ signal: string; payload: unknown }>>('received');

// The signal names of workflows/src/shared/balance-messages.ts, which BalanceWorkflow handles.
const OUTREACH_SIGNALS = ['optedOut', 'patientReplied', 'messageDelivered', 'messageFailed', 'callOutcome', 'mailReturned'];

/** Stands in for BalanceWorkflow under the same ID: records every outreach signal it is sent, as sent. */
export async function FactRecorder(): Promise<void> {
  const received: Array<{ signal: string; payload: unknown }> = [];
  for (const name of OUTREACH_SIGNALS) {
    setHandler(defineSignal<[unknown]>(name), (payload) => void received.push({ signal: name, payload }));
  }
  setHandler(receivedQuery, () => received);
  await condition(() => false);
}
