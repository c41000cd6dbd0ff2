// Bundle for the journey test: the real BalanceWorkflow (and its plan child) beside the real PlacementWorkflow.
export { BalanceWorkflow, PaymentPlanWorkflow } from '../../../../workflows/src/workflows';
export { PlacementWorkflow } from '../../src/workflows';
