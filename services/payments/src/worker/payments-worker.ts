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
import { ScheduledPaymentsService } from '../scheduled/scheduled-payments.service';
import type { ScheduledPaymentActivities } from '../scheduled/scheduled-payments.workflow';

/** The Temporal worker on task queue `payments`, running the plan activities for the life of the app. */
@Injectable()
export class PaymentsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly host: WorkerHost;

  constructor(
    @Inject(CONFIG) config: PaymentsConfig,
    activities: PaymentsActivitiesProvider,
    credits: CreditSweepService,
    scheduled: ScheduledPaymentsService,
  ) {
    const creditActivities: CreditActivities = {
      sweepCreditBalances: ({ runKey, detectedAt }) => credits.sweep(runKey, new Date(detectedAt)),
    };
    const scheduledActivities: ScheduledPaymentActivities = {
      chargeDueScheduledPayments: ({ asOf }) => scheduled.chargeDue(new Date(asOf)),
    };
    this.host = new WorkerHost(
      async () =>
        Worker.create({
          connection: await NativeConnection.connect(connectionOptions(config)),
          namespace: config.TEMPORAL_NAMESPACE,
          taskQueue: config.TEMPORAL_PAYMENTS_TASK_QUEUE,
          dataConverter: dataConverterFor(config),
          activities: { ...activities.activities(), ...creditActivities, ...scheduledActivities },
          // Payments' own scheduled jobs: the weekly credit sweep and the daily scheduled-payments run.
          workflowsPath: require.resolve('./workflows'),
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
