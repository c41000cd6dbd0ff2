import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { connectionOptions, dataConverterFor } from '@courtesy/temporal';
import { createLogger } from '@courtesy/logging';
import { WorkerHost } from '@courtesy/service-kit';
import type { OutreachConfig } from '../config';
import { CONFIG } from '../tokens';
import { OutreachActivitiesProvider } from './outreach-activities';

@Injectable()
export class OutreachWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly host: WorkerHost;

  constructor(@Inject(CONFIG) config: OutreachConfig, activities: OutreachActivitiesProvider) {
    this.host = new WorkerHost(
      async () =>
        Worker.create({
          connection: await NativeConnection.connect(connectionOptions(config)),
          namespace: config.TEMPORAL_NAMESPACE,
          taskQueue: config.TEMPORAL_OUTREACH_TASK_QUEUE,
          dataConverter: dataConverterFor(config),
          activities: activities.activities(),
          // Sends are I/O bound; a modest cap keeps SMTP and Twilio from being flooded by one replica.
          maxConcurrentActivityTaskExecutions: 50,
        }),
      createLogger('outreach.worker'),
    );
  }

  onApplicationBootstrap() {
    return this.host.start();
  }

  onApplicationShutdown() {
    return this.host.stop();
  }
}
