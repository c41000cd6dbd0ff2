import { loadConfig, ConfigError } from '@courtesy/config';
import { createLogger } from '@courtesy/logging';
import { balancesWorkerConfigSchema } from './config';
import { createBalanceWorker } from './worker';

/** The balances worker: runs BalanceWorkflow and PaymentPlanWorkflow code (task queue `balances`). */
async function main() {
  const log = createLogger('balances-worker');
  const config = loadConfig('balances-worker', balancesWorkerConfigSchema);
  const worker = await createBalanceWorker(config, { taskQueue: config.TEMPORAL_BALANCES_TASK_QUEUE });
  log.info({ taskQueue: config.TEMPORAL_BALANCES_TASK_QUEUE }, 'balances worker started');
  // Worker.run() installs SIGINT/SIGTERM handlers that drain in-flight workflow tasks before exiting.
  await worker.run();
  log.info('balances worker stopped');
}

main().catch((err) => {
  if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
  else createLogger('balances-worker').fatal({ err }, 'balances worker failed');
  process.exit(1);
});
