/**
 * Pure domain logic for BalanceWorkflow, PaymentPlanWorkflow and placement: no I/O, no clock, no randomness.
 * Every function takes the instants it needs, so it is safe inside Temporal's deterministic sandbox.
 */
export * from './money';
export * from './local-time';
export * from './approvals';
export * from './policy';
export * from './segmentation';
export * from './channel-choice';
export * from './cadence';
export * from './plan-schedule';
export * from './hardship';
export * from './placement-gates';
export * from './settlement';
export * from './credit-reporting';
