// Bundle for the placement tests: the real PlacementWorkflow plus a stand-in for BalanceWorkflow that only
// records how placement answered it.
import { condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';
import type { PlacementAccepted, PlacementRejected } from '@courtesy/workflows';

export { PlacementWorkflow } from '../../src/workflows';

export type Answer =
  | ({ kind: 'accepted' } & PlacementAccepted & { eventId: string })
  | ({ kind: 'rejected' } & PlacementRejected & { eventId: string });

export const answersQuery = defineQuery<Answer[]>('answers');
const accepted = defineSignal<[PlacementAccepted & { eventId: string }]>('placementAccepted');
const rejected = defineSignal<[PlacementRejected & { eventId: string }]>('placementRejected');
export const finishSignal = defineSignal('finish');

export async function StandInBalanceWorkflow(): Promise<Answer[]> {
  const answers: Answer[] = [];
  let done = false;
  setHandler(accepted, (a) => void answers.push({ kind: 'accepted', ...a }));
  setHandler(rejected, (r) => void answers.push({ kind: 'rejected', ...r }));
  setHandler(answersQuery, () => answers);
  setHandler(finishSignal, () => void (done = true));
  await condition(() => done);
  return answers;
}
