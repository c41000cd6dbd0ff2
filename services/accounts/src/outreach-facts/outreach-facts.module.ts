import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import type { Client } from '@temporalio/client';
import { connectProducer, createKafka } from '@courtesy/kafka';
import { createTemporalClient } from '@courtesy/temporal';
import { createLogger } from '@courtesy/logging';
import type { AccountsConfig } from '../config';
import { CONFIG, KAFKA, KAFKA_PRODUCER, TEMPORAL_CLIENT } from '../tokens';
import { BalanceSignaller } from '../workflow/balance-signaller';
import { OutreachFactsConsumer } from './outreach-facts.consumer';

/** Closes this module's own clients after the consumer has stopped. */
class OutreachFactsClients implements OnApplicationShutdown {
  constructor(
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}
  async onApplicationShutdown() {
    await this.producer.disconnect();
    await this.temporal.connection.close();
  }
}

/**
 * Outreach → accounts → workflow: the outreach.events.v1 consumer. Self-contained (its own Kafka and Temporal
 * clients) so it plugs into AccountsModule with one import.
 */
@Module({})
export class OutreachFactsModule {
  static forRoot(config: AccountsConfig): DynamicModule {
    return {
      module: OutreachFactsModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: KAFKA, useFactory: () => createKafka(config, 'courtesy-accounts-outreach', createLogger('accounts.outreach.kafka')) },
        { provide: KAFKA_PRODUCER, inject: [KAFKA], useFactory: (kafka: Kafka) => connectProducer(kafka) },
        { provide: TEMPORAL_CLIENT, useFactory: () => createTemporalClient(config) },
        BalanceSignaller,
        OutreachFactsConsumer,
        OutreachFactsClients,
      ],
      exports: [OutreachFactsConsumer],
    };
  }
}
