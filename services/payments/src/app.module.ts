import { entities, migrations } from './database';
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Kafka, Producer } from 'kafkajs';
import type { Client } from '@temporalio/client';
import { OutboxRelay, connectProducer, createKafka, describeCluster } from '@courtesy/kafka';
import { createTemporalClient } from '@courtesy/temporal';
import { createLogger } from '@courtesy/logging';
import { databaseOptions, healthParts } from '@courtesy/service-kit';
import type { PaymentsConfig } from './config';
import { CONFIG, KAFKA, KAFKA_PRODUCER, TEMPORAL_CLIENT } from './tokens';
import { PAYMENT_PROCESSOR, processorFor } from './processor';
import { ChargeService } from './charges/charge.service';
import { AccountFactsClient } from './accounts-client/account-facts';
import { PayLinksService } from './pay-links/pay-links.service';
import { PayLinksController, PaymentsAdminGuard } from './pay-links/pay-links.controller';
import { PlansDueController } from './staff-queues/plans-due.controller';
import { PayPageController } from './pay-page/pay-page.controller';
import { ProcessorWebhooksController } from './webhooks/processor-webhooks.controller';
import { PaymentsActivitiesProvider } from './worker/payments-activities';
import { PaymentsWorker } from './worker/payments-worker';
import { CreditSweepService } from './credit/credit-sweep.service';
import { CreditSweepSchedule } from './credit/credit-schedule';
import { ScheduledPaymentsService } from './scheduled/scheduled-payments.service';

/** Publishes the outbox for the life of the app and closes the clients it shares. */
class PaymentsLifecycle implements OnApplicationShutdown {
  readonly relay: OutboxRelay;
  constructor(
    db: DataSource,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {
    this.relay = new OutboxRelay(db, producer, createLogger('payments.outbox'));
    this.relay.start();
  }
  async onApplicationShutdown() {
    await this.relay.stop();
    await this.producer.disconnect();
    await this.temporal.connection.close();
  }
}

@Module({})
export class PaymentsModule {
  static forRoot(config: PaymentsConfig): DynamicModule {
    const health = healthParts({
      inject: [DataSource, KAFKA, TEMPORAL_CLIENT, PaymentsWorker],
      useFactory: (db: DataSource, kafka: Kafka, temporal: Client, worker: PaymentsWorker) => [
        { name: 'postgres', check: () => db.query('select 1') },
        { name: 'kafka', check: () => describeCluster(kafka) },
        { name: 'temporal', check: () => temporal.workflowService.getSystemInfo({}) },
        {
          name: 'temporal-worker',
          check: async () => {
            if (worker.host.state !== 'RUNNING') throw new Error(`worker is ${worker.host.state}`);
          },
        },
      ],
    });
    return {
      module: PaymentsModule,
      imports: [TypeOrmModule.forRoot(databaseOptions(config, { entities, migrations })), ...health.imports],
      controllers: [...health.controllers, PayPageController, PayLinksController, ProcessorWebhooksController, PlansDueController],
      providers: [
        ...health.providers,
        { provide: CONFIG, useValue: config },
        { provide: KAFKA, useFactory: () => createKafka(config, 'courtesy-payments', createLogger('payments.kafka')) },
        { provide: KAFKA_PRODUCER, inject: [KAFKA], useFactory: (kafka: Kafka) => connectProducer(kafka) },
        { provide: TEMPORAL_CLIENT, useFactory: () => createTemporalClient(config) },
        { provide: PAYMENT_PROCESSOR, useFactory: () => processorFor(config) },
        PaymentsLifecycle,
        PaymentsAdminGuard,
        ChargeService,
        AccountFactsClient,
        PayLinksService,
        PaymentsActivitiesProvider,
        CreditSweepService,
        ScheduledPaymentsService,
        PaymentsWorker,
        CreditSweepSchedule,
      ],
    };
  }
}
