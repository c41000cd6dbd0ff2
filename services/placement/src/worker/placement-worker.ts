import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { connectionOptions, dataConverterFor } from '@courtesy/temporal';
import { createLogger } from '@courtesy/logging';
import { WorkerHost } from '@courtesy/service-kit';
import type { PlacementConfig } from '../config';
import { CONFIG, TEMPORAL_CLIENT } from '../tokens';
import { createPlacementActivities } from './placement-activities';

export const placementWorkflowsPath = require.resolve('../workflows');

/** Bundled once per process, the way workflows/src/worker.ts bundles the balance workflows. */
export function bundlePlacementWorkflows(): Promise<WorkflowBundle> {
  const quiet = () => undefined;
  return bundleWorkflowCode({
    workflowsPath: placementWorkflowsPath,
    logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error },
  });
}

@Injectable()
export class PlacementWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly host: WorkerHost;

  constructor(
    @Inject(CONFIG) config: PlacementConfig,
    @Inject(TEMPORAL_CLIENT) temporal: Client,
    @InjectDataSource() db: DataSource,
  ) {
    this.host = new WorkerHost(
      async () =>
        Worker.create({
          connection: await NativeConnection.connect(connectionOptions(config)),
          namespace: config.TEMPORAL_NAMESPACE,
          taskQueue: config.TEMPORAL_PLACEMENT_TASK_QUEUE,
          dataConverter: dataConverterFor(config),
          workflowBundle: await bundlePlacementWorkflows(),
          activities: createPlacementActivities({
            db,
            temporal,
            taskQueue: config.TEMPORAL_PLACEMENT_TASK_QUEUE,
            dropDir: config.PLACEMENT_DROP_DIR,
            ackWaitMs: config.PLACEMENT_ACK_WAIT_MS,
          }),
        }),
      createLogger('placement.worker'),
    );
  }

  onApplicationBootstrap() {
    return this.host.start();
  }

  onApplicationShutdown() {
    return this.host.stop();
  }
}
