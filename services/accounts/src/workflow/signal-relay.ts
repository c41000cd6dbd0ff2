import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { BalanceStart } from '@courtesy/workflows';
import { createLogger } from '@courtesy/logging';
import type { AccountsConfig } from '../config';
import { CONFIG } from '../tokens';
import { BalanceSignaller } from './balance-signaller';

const log = createLogger('accounts.signal-relay');

interface SignalRow {
  id: string;
  signal_name: string;
  payload: unknown;
  start_args: BalanceStart | null;
}

/** How long a workflow whose signal failed waits before the next try: doubling from 1 s, at most a minute. */
export const retryDelaySeconds = (attempts: number): number => Math.min(60, 2 ** Math.max(0, attempts - 1));

/**
 * Sends the `workflow_signals` rows the ledger committed. One workflow's signals go out in the order they were
 * written, by whichever replica holds that workflow's advisory lock; different workflows go out concurrently, so
 * the ledger runs at Postgres speed and Temporal is fed at its own pace. A failure leaves the row (and everything
 * after it for that workflow) for a later try with backoff; the workflow dedupes by event ID, so a signal sent
 * twice (crash between send and delete) changes nothing.
 */
@Injectable()
export class WorkflowSignalRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private kicked = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly signaller: BalanceSignaller,
    @Inject(CONFIG) private readonly config: AccountsConfig,
  ) {}

  onApplicationBootstrap() {
    this.loop = this.run();
  }

  /**
   * Before, not on, application shutdown: Nest runs a module's shutdown hooks side by side, and the Temporal
   * connection and the pool close in them; a dispatch still in flight then failed and counted a retry.
   */
  async beforeApplicationShutdown() {
    this.stopped = true;
    this.kick();
    await this.loop;
  }

  /** Something was committed: look now rather than at the next poll. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /**
   * Sends everything pending for one workflow, in order, and resolves when it is sent. Used by callers that must
   * know the ledger change reached the workflow before they go on (an Update that depends on the new balance).
   */
  async flush(workflowId: string): Promise<void> {
    const outcome = await this.dispatch(workflowId, true);
    if (outcome !== 'sent') throw new Error(`signals for ${workflowId} are not sent yet (${outcome})`);
  }

  /** Sends the pending signals of one workflow; 'busy' when another dispatcher holds it. */
  async dispatch(workflowId: string, wait = false): Promise<'sent' | 'busy' | 'failed'> {
    return this.db.transaction(async (em) => {
      const lockSql = wait ? 'select pg_advisory_xact_lock(hashtextextended($1, 7)) is null as locked' : 'select pg_try_advisory_xact_lock(hashtextextended($1, 7)) as locked';
      const [{ locked }] = await em.query(lockSql, [workflowId]);
      if (!wait && !locked) return 'busy';
      const rows: SignalRow[] = await em.query(
        'select id, signal_name, payload, start_args from workflow_signals where workflow_id = $1 order by id',
        [workflowId],
      );
      const done: string[] = [];
      let failure: unknown;
      for (const row of rows) {
        try {
          await this.signaller.send(workflowId, row.signal_name, row.payload, row.start_args ?? undefined);
          done.push(row.id);
        } catch (err) {
          failure = err;
          break;
        }
      }
      if (done.length) await em.query('delete from workflow_signals where id = any($1::bigint[])', [done]);
      if (failure === undefined) return 'sent';
      const failedId = rows[done.length]!.id;
      await em.query('update workflow_signals set attempts = attempts + 1, last_error = $1 where id = $2', [
        String((failure as Error)?.message ?? failure).slice(0, 500),
        failedId,
      ]);
      // TypeORM answers an UPDATE with [rows, count]; read the count back plainly instead.
      const [{ attempts }] = await em.query('select attempts from workflow_signals where id = $1', [failedId]);
      await em.query(`update workflow_signals set not_before = now() + $2::int * interval '1 second' where workflow_id = $1`, [
        workflowId,
        retryDelaySeconds(attempts),
      ]);
      log.warn({ workflowId, attempts, err: failure }, 'signal not sent; will retry');
      return 'failed';
    });
  }

  /** Sends what is due, a page of workflows at a time, until nothing is left. */
  async drain(): Promise<number> {
    let sent = 0;
    // Each dispatch holds a connection while Temporal answers; leave the rest of the pool to the consumers.
    const concurrency = Math.max(1, Math.min(this.config.ACCOUNTS_SIGNAL_CONCURRENCY, this.config.DATABASE_POOL_SIZE - 4));
    for (;;) {
      const due: Array<{ workflow_id: string }> = await this.db.query(
        `select workflow_id from workflow_signals where not_before <= now()
          group by workflow_id order by min(id) limit $1`,
        [concurrency * 8],
      );
      if (due.length === 0 || this.stopped) return sent;
      let next = 0;
      let progressed = 0;
      await Promise.all(
        Array.from({ length: Math.min(concurrency, due.length) }, async () => {
          while (next < due.length) {
            const { workflow_id } = due[next++];
            if ((await this.dispatch(workflow_id)) === 'sent') progressed++;
          }
        }),
      );
      sent += progressed;
      // Everything left is busy elsewhere or backing off: wait for the next poll instead of spinning.
      if (progressed === 0) return sent;
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.kicked = false;
      try {
        await this.drain();
      } catch (err) {
        log.error({ err }, 'signal relay failed; retrying');
      }
      if (this.stopped) break;
      if (this.kicked) continue;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, this.config.ACCOUNTS_SIGNAL_POLL_MS);
      });
      clearTimeout(this.timer);
      this.wake = undefined;
    }
  }
}
