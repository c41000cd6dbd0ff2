import { entities, migrations } from './database';
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import type { Client } from '@temporalio/client';
import { createKafka, describeCluster } from '@courtesy/kafka';
import { createTemporalClient } from '@courtesy/temporal';
import { createLogger } from '@courtesy/logging';
import { databaseOptions, healthParts } from '@courtesy/service-kit';
import type { PlacementConfig } from './config';

const KAFKA = Symbol('KAFKA');
const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');

class ClientsShutdown implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly temporal: Client) {}
  async onApplicationShutdown() {
    await this.temporal.connection.close();
  }
}

@Module({})
export class PlacementModule {
  static forRoot(config: PlacementConfig): DynamicModule {
    const health = healthParts({
      inject: [DataSource, KAFKA, TEMPORAL_CLIENT],
      useFactory: (db: DataSource, kafka: Kafka, temporal: Client) => [
        { name: 'postgres', check: () => db.query('select 1') },
        { name: 'kafka', check: () => describeCluster(kafka) },
        { name: 'temporal', check: () => temporal.workflowService.getSystemInfo({}) },
      ],
    });
    return {
      module: PlacementModule,
      imports: [TypeOrmModule.forRoot(databaseOptions(config, { entities, migrations })), ...health.imports],
      controllers: health.controllers,
      providers: [
        ...health.providers,
        { provide: KAFKA, useFactory: () => createKafka(config, 'courtesy-placement', createLogger('placement.kafka')) },
        { provide: TEMPORAL_CLIENT, useFactory: () => createTemporalClient(config) },
        ClientsShutdown,
      ],
    };
  }
}
