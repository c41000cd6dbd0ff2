import { condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';

export const signalsQuery = defineQuery<Array<{ signal: string; eventId: string }>>('signals');

const NAMES = ['ledgerChanged', 'disputeOpened', 'mailReturned', 'contactChanged'];

/** Stands in for BalanceWorkflow: records, in arrival order, the event ID of every signal it hears. */
export async function SignalRecorder(): Promise<void> {
  const got: Array<{ signal: string; eventId: string }> = [];
  for (const name of NAMES) {
    setHandler(defineSignal<[{ eventId: string }]>(name), (p) => void got.push({ signal: name, eventId: p.eventId }));
  }
  setHandler(signalsQuery, () => got);
  await condition(() => false);
}
