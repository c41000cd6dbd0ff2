import type { SignalDefinition } from '@temporalio/common';
import type { BalanceStart } from '@courtesy/workflows';
import type { SqlRunner } from '@courtesy/kafka';

/** A signal for one balance workflow, waiting in `workflow_signals` until the relay has sent it. */
export interface PendingSignal {
  workflowId: string;
  signal: SignalDefinition<[never]> | SignalDefinition<[any]>;
  payload: unknown;
  /** Set for the ledger change: the workflow is started with these arguments if it is not running. */
  start?: BalanceStart;
}

/**
 * Written in the same transaction as the ledger change it announces, in the order the workflow must hear them.
 * One multi-row insert: the ledger transaction stays one round trip longer, not one per signal.
 */
export async function enqueueSignals(tx: SqlRunner, signals: PendingSignal[]): Promise<void> {
  if (signals.length === 0) return;
  const values: unknown[] = [];
  const rows = signals.map((s, i) => {
    values.push(s.workflowId, s.signal.name, JSON.stringify(s.payload), s.start ? JSON.stringify(s.start) : null);
    const b = i * 4;
    return `($${b + 1}, $${b + 2}, $${b + 3}::jsonb, $${b + 4}::jsonb)`;
  });
  await tx.query(`insert into workflow_signals (workflow_id, signal_name, payload, start_args) values ${rows.join(', ')}`, values);
}
