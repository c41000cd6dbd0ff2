// Entry point of the payments worker's workflow bundle: the two jobs payments runs on its own Schedules.
export { CreditSweepWorkflow } from '../credit/credit-sweep.workflow';
export { ScheduledPaymentsWorkflow } from '../scheduled/scheduled-payments.workflow';
