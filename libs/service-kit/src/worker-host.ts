import type { Worker } from '@temporalio/worker';
import type { Logger } from '@courtesy/logging';

/**
 * Runs a Temporal worker for the life of a Nest app: started after the app is wired, drained on shutdown so
 * in-flight activities finish (or are retried elsewhere) instead of being cut off mid-send.
 */
export class WorkerHost {
  private worker: Worker | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly create: () => Promise<Worker>,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    this.worker = await this.create();
    const worker = this.worker;
    this.running = worker.run().catch((err) => {
      this.log.fatal({ err }, 'temporal worker stopped unexpectedly');
      throw err;
    });
    this.log.info({ taskQueue: worker.options.taskQueue }, 'temporal worker started');
  }

  get state(): string {
    return this.worker?.getState() ?? 'NOT_STARTED';
  }

  async stop(): Promise<void> {
    if (!this.worker) return;
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
  }
}
