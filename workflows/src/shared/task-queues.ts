/** Temporal task queues: one per worker kind. */
export const TaskQueues = {
  balances: 'balances',
  outreach: 'outreach',
  payments: 'payments',
  placement: 'placement',
} as const;

/** Opaque IDs only: a workflow ID must never carry a name, phone or anything readable about the patient. */
export function balanceWorkflowId(tenantId: string, clinicId: string, accountId: string): string {
  return `balance:${tenantId}:${clinicId}:${accountId}`;
}
