export * from './shared/task-queues';
export * from './shared/search-attributes';
export * from './shared/balance-types';
export { ledgerChangedSignal, stateQuery, type BalanceState } from './workflows/balance';
export type { BalanceWorkflow } from './workflows/balance';
export * from './worker';
