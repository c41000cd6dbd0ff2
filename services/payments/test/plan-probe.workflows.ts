// Bundle entry for the plan-charge tests: the real PaymentPlanWorkflow and a stand-in parent that records what
// the plan tells it (BalanceWorkflow's own tests cover the real parent).
import { condition, setHandler } from '@temporalio/workflow';
import { planFinishedSignal, planProgressSignal, type PaymentPlanResult, type PlanProgress } from '../../../workflows/src/shared/balance-messages';

export { PaymentPlanWorkflow } from '../../../workflows/src/workflows/payment-plan';

export async function PlanParentProbe(): Promise<{ finished: PaymentPlanResult[]; progress: PlanProgress[] }> {
  const finished: PaymentPlanResult[] = [];
  const progress: PlanProgress[] = [];
  setHandler(planFinishedSignal, (result) => void finished.push(result));
  setHandler(planProgressSignal, (p) => void progress.push(p));
  await condition(() => finished.length > 0);
  return { finished, progress };
}
