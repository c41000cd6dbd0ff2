import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { connectionOptions, dataConverterFor } from '@courtesy/temporal';
import { createLogger } from '@courtesy/logging';
import { WorkerHost } from '@courtesy/service-kit';
import type { PaymentsConfig } from '../config';
import { CONFIG } from '../tokens';
import { PaymentsActivitiesProvider } from './payments-activities';
import { CreditSweepService } from '../credit/credit-sweep.service';
import type { CreditActivities } from '../credit/credit-sweep.workflow';

/** The Temporal worker on task queue `payments`, running the plan activities for the life of the app. */
@Injectable()
export class PaymentsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly host: WorkerHost;

  constructor(@Inject(CONFIG) config: PaymentsConfig, activities: PaymentsActivitiesProvider, credits: CreditSweepService) {
    const creditActivities: CreditActivities = {
      sweepCreditBalances: ({ runKey, detectedAt }) => credits.sweep(runKey, new Date(detectedAt)),
    };
    this.host = new WorkerHost(
      async () =>
        Worker.create({
          connection: await NativeConnection.connect(connectionOptions(config)),
          namespace: config.TEMPORAL_NAMESPACE,
          taskQueue: config.TEMPORAL_PAYMENTS_TASK_QUEUE,
          dataConverter: dataConverterFor(config),
          activities: { ...activities.activities(), ...creditActivities },
          // The only workflow payments runs itself: the weekly credit sweep.
          workflowsPath: require.resolve('../credit/credit-sweep.workflow'),
          // Card charges wait on the processor; a modest cap keeps one replica from flooding it.
          maxConcurrentActivityTaskExecutions: 20,
        }),
      createLogger('payments.worker'),
    );
  }

  onApplicationBootstrap() {
    return this.host.start();
  }

  onApplicationShutdown() {
    return this.host.stop();
  }
}
