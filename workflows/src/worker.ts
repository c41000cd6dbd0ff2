import { NativeConnection, Worker, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { connectionOptions, dataConverterFor, type TemporalSettings } from '@courtesy/temporal';
import { TaskQueues } from './shared/task-queues';

export const workflowsPath = require.resolve('./workflows');

/** Bundling takes seconds; callers that start several workers (tests) bundle once and pass it in. */
export function bundleWorkflows(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath, logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: console.warn, error: console.error } });
}

export async function createBalanceWorker(
  settings: TemporalSettings,
  opts: { bundle?: WorkflowBundle; taskQueue?: string } = {},
): Promise<Worker> {
  const connection = await NativeConnection.connect(connectionOptions(settings));
  return Worker.create({
    connection,
    namespace: settings.TEMPORAL_NAMESPACE,
    taskQueue: opts.taskQueue ?? TaskQueues.balances,
    dataConverter: dataConverterFor(settings),
    ...(opts.bundle ? { workflowBundle: opts.bundle } : { workflowsPath }),
  });
}
