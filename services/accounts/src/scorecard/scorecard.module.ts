import { Module, type DynamicModule } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { connectProducer, createKafka } from '@courtesy/kafka';
import { createLogger } from '@courtesy/logging';
import type { AccountsConfig } from '../config';
import { CONFIG, KAFKA, KAFKA_PRODUCER } from '../tokens';
import { AccountsAdminGuard } from '../admin/admin.guard';
import { ScorecardController } from './scorecard.controller';
import { ScorecardProjector } from './scorecard-projector';
import { ScorecardService } from './scorecard.service';

/**
 * The weekly scorecard: its projection of published facts (own consumer group, own Kafka clients) and the
 * admin endpoints that compute it in SQL. Plugs into AccountsModule with one import.
 */
@Module({})
export class ScorecardModule {
  static forRoot(config: AccountsConfig): DynamicModule {
    return {
      module: ScorecardModule,
      controllers: [ScorecardController],
      providers: [
        { provide: CONFIG, useValue: config },
        {
          provide: KAFKA,
          useFactory: () =>
            createKafka(config, 'courtesy-accounts-scorecard', createLogger('accounts.scorecard.kafka')),
        },
        { provide: KAFKA_PRODUCER, inject: [KAFKA], useFactory: (kafka: Kafka) => connectProducer(kafka) },
        AccountsAdminGuard,
        ScorecardService,
        ScorecardProjector,
        {
          provide: 'SCORECARD_SHUTDOWN',
          inject: [KAFKA_PRODUCER],
          useFactory: (producer: { disconnect(): Promise<void> }) => ({
            async onApplicationShutdown() {
              await producer.disconnect();
            },
          }),
        },
      ],
      exports: [ScorecardService, ScorecardProjector],
    };
  }
}
