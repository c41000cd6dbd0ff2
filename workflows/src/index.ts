export * from './shared/task-queues';
export * from './shared/search-attributes';
export * from './shared/balance-types';
export * from './shared/outreach-activities';
export * from './shared/payments-activities';
export * from './shared/placement-activities';
// Pure domain logic under a namespace, for services that re-check it (placement gates, credit reporting).
export * as domain from './domain';
export * from './shared/balance-messages';
export type { BalanceState } from './workflows/balance';
export type { BalanceWorkflow } from './workflows/balance';
export * from './worker';
