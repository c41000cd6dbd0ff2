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
import type { PlacementConfig } from './config';
import { CONFIG, KAFKA, KAFKA_PRODUCER, TEMPORAL_CLIENT } from './tokens';
import { AgenciesController } from './agencies/agencies.controller';
import { AgenciesService } from './agencies/agencies.service';
import { PlacementAdminGuard } from './agencies/admin.guard';
import { AgencyUpdatesService } from './updates/agency-updates.service';
import { RecoveryService } from './recovery/recovery.service';
import { PlacementWorker } from './worker/placement-worker';
import { SettlementsController } from './settlements/settlements.controller';

/** Publishes the outbox on placement.events.v1 for the life of the app and closes the clients it shares. */
class PlacementLifecycle implements OnApplicationShutdown {
  readonly relay: OutboxRelay;
  constructor(
    db: DataSource,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {
    this.relay = new OutboxRelay(db, producer, createLogger('placement.outbox'));
    this.relay.start();
  }
  async onApplicationShutdown() {
    await this.relay.stop();
    await this.producer.disconnect();
    await this.temporal.connection.close();
  }
}

@Module({})
export class PlacementModule {
  static forRoot(config: PlacementConfig): DynamicModule {
    const health = healthParts({
      inject: [DataSource, KAFKA, TEMPORAL_CLIENT, PlacementWorker],
      useFactory: (db: DataSource, kafka: Kafka, temporal: Client, worker: PlacementWorker) => [
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
      module: PlacementModule,
      imports: [TypeOrmModule.forRoot(databaseOptions(config, { entities, migrations })), ...health.imports],
      controllers: [...health.controllers, AgenciesController, SettlementsController],
      providers: [
        ...health.providers,
        { provide: CONFIG, useValue: config },
        { provide: KAFKA, useFactory: () => createKafka(config, 'courtesy-placement', createLogger('placement.kafka')) },
        { provide: KAFKA_PRODUCER, inject: [KAFKA], useFactory: (kafka: Kafka) => connectProducer(kafka) },
        { provide: TEMPORAL_CLIENT, useFactory: () => createTemporalClient(config) },
        PlacementLifecycle,
        PlacementAdminGuard,
        AgenciesService,
        AgencyUpdatesService,
        RecoveryService,
        PlacementWorker,
      ],
      exports: [AgenciesService, PlacementWorker],
    };
  }
}
