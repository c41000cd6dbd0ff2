import { Module, type DynamicModule } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { connectProducer, createKafka } from '@courtesy/kafka';
import { createTemporalClient } from '@courtesy/temporal';
import { createLogger } from '@courtesy/logging';
import type { AccountsConfig } from '../config';
import { CONFIG, KAFKA, KAFKA_PRODUCER, TEMPORAL_CLIENT } from '../tokens';
import { LedgerService } from '../ledger/ledger.service';
import { BalanceSignaller } from '../workflow/balance-signaller';
import { WorkflowSignalRelay } from '../workflow/signal-relay';
import { PlacementFactsConsumer } from './placement-facts.consumer';

/**
 * Placement → accounts: the placement.events.v1 consumer that posts agency collections to the ledger.
 * Self-contained (its own Kafka and Temporal clients) so it plugs into AccountsModule with one import and
 * calls the ledger's existing code instead of changing it.
 */
@Module({})
export class PlacementFactsModule {
  static forRoot(config: AccountsConfig): DynamicModule {
    return {
      module: PlacementFactsModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: KAFKA, useFactory: () => createKafka(config, 'courtesy-accounts-placement', createLogger('accounts.placement.kafka')) },
        { provide: KAFKA_PRODUCER, inject: [KAFKA], useFactory: (kafka: Kafka) => connectProducer(kafka) },
        { provide: TEMPORAL_CLIENT, useFactory: () => createTemporalClient(config) },
        BalanceSignaller,
        LedgerService,
        WorkflowSignalRelay,
        PlacementFactsConsumer,
        {
          provide: 'PLACEMENT_FACTS_SHUTDOWN',
          inject: [KAFKA_PRODUCER, TEMPORAL_CLIENT],
          useFactory: (producer: { disconnect(): Promise<void> }, temporal: { connection: { close(): Promise<void> } }) => ({
            async onApplicationShutdown() {
              await producer.disconnect();
              await temporal.connection.close();
            },
          }),
        },
      ],
      exports: [PlacementFactsConsumer],
    };
  }
}
