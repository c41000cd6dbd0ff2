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
import type { AccountsConfig } from './config';
import { CONFIG, KAFKA, KAFKA_PRODUCER, TEMPORAL_CLIENT } from './tokens';
import { ClinicsService } from './clinics/clinics.service';
import { ClinicsAdminController } from './admin/clinics.controller';
import { AccountViewController } from './read-model/account-view.controller';
import { BalancesController } from './read-model/balances.controller';
import { AccountsAdminGuard } from './admin/admin.guard';
import { LedgerService } from './ledger/ledger.service';
import { EhrEventsConsumer } from './ledger/ehr-events.consumer';
import { BalanceSignaller } from './workflow/balance-signaller';
import { WorkflowSignalRelay } from './workflow/signal-relay';
import { PlacementFactsModule } from './placement-facts/placement-facts.module';
import { PaymentFactsModule } from './payment-facts/payment-facts.module';
import { OutreachFactsModule } from './outreach-facts/outreach-facts.module';
import { PoliciesAdminController } from './policies/policies.controller';
import { PoliciesService } from './policies/policies.service';
import { StaffWorkModule } from './staff-work/staff-work.module';
import { ScorecardModule } from './scorecard/scorecard.module';
import { StaffStoryController } from './staff-story/staff-story.controller';

/** Publishes the outbox for the life of the app and closes the clients it shares. */
class AccountsLifecycle implements OnApplicationShutdown {
  readonly relay: OutboxRelay;
  constructor(
    db: DataSource,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {
    this.relay = new OutboxRelay(db, producer, createLogger('accounts.outbox'));
    this.relay.start();
  }
  async onApplicationShutdown() {
    await this.relay.stop();
    await this.producer.disconnect();
    await this.temporal.connection.close();
  }
}

@Module({})
export class AccountsModule {
  static forRoot(config: AccountsConfig): DynamicModule {
    const health = healthParts({
      inject: [DataSource, KAFKA, TEMPORAL_CLIENT, EhrEventsConsumer],
      useFactory: (db: DataSource, kafka: Kafka, temporal: Client, consumer: EhrEventsConsumer) => [
        { name: 'postgres', check: () => db.query('select 1') },
        {
          name: 'kafka',
          check: async () => {
            if (!consumer.running) throw new Error('ehr.events.v1 consumer not running');
            return describeCluster(kafka);
          },
        },
        { name: 'temporal', check: () => temporal.workflowService.getSystemInfo({}) },
      ],
    });
    return {
      module: AccountsModule,
      imports: [
        TypeOrmModule.forRoot(databaseOptions(config, { entities, migrations })),
        TypeOrmModule.forFeature(entities),
        ...health.imports,
        PlacementFactsModule.forRoot(config),
        PaymentFactsModule.forRoot(config),
        OutreachFactsModule.forRoot(config),
        StaffWorkModule.forRoot(config),
        ScorecardModule.forRoot(config),
      ],
      controllers: [...health.controllers, ClinicsAdminController, PoliciesAdminController, AccountViewController, BalancesController, StaffStoryController],
      providers: [
        ...health.providers,
        { provide: CONFIG, useValue: config },
        { provide: KAFKA, useFactory: () => createKafka(config, 'courtesy-accounts', createLogger('accounts.kafka')) },
        { provide: KAFKA_PRODUCER, inject: [KAFKA], useFactory: (kafka: Kafka) => connectProducer(kafka) },
        { provide: TEMPORAL_CLIENT, useFactory: () => createTemporalClient(config) },
        AccountsLifecycle,
        ClinicsService,
        AccountsAdminGuard,
        BalanceSignaller,
        PoliciesService,
        LedgerService,
        WorkflowSignalRelay,
        EhrEventsConsumer,
      ],
      exports: [ClinicsService],
    };
  }
}
