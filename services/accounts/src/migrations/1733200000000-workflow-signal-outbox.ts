import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signals for balance workflows, written in the ledger transaction and sent after commit by the signal relay, so
 * the ledger never waits on Temporal and a signal is sent if and only if its ledger change committed.
 */
export class WorkflowSignalOutbox1733200000000 implements MigrationInterface {
  name = 'WorkflowSignalOutbox1733200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table workflow_signals (
        id bigserial primary key,
        workflow_id text not null,
        signal_name text not null,
        payload jsonb not null,
        -- Present for the ledger change that may have to start the workflow (signal-with-start).
        start_args jsonb,
        created_at timestamptz not null default now(),
        attempts integer not null default 0,
        not_before timestamptz not null default now(),
        last_error text
      )`);
    await q.query('create index workflow_signals_by_workflow on workflow_signals (workflow_id, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table workflow_signals');
  }
}
