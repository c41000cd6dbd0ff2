// Entry point bundled into the Temporal workflow sandbox: deterministic code only.
export { BalanceWorkflow } from './workflows/balance';
export { PaymentPlanWorkflow } from './workflows/payment-plan';
