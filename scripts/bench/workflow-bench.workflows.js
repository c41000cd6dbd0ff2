// Bundle entry for `npm run bench:workflow`: the real BalanceWorkflow (built) beside an empty workflow that
// does the least a long-lived workflow can (one query handler, then wait), so their start rates compare.
import { condition, defineQuery, setHandler } from '@temporalio/workflow';

export { BalanceWorkflow } from '../../workflows/dist/workflows/balance';

const stateQuery = defineQuery('state');

export async function EmptyWorkflow() {
  setHandler(stateQuery, () => ({ ok: true }));
  await condition(() => false);
}
