import { Module, type DynamicModule } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { connectProducer, createKafka } from '@courtesy/kafka';
import { createTemporalClient } from '@courtesy/temporal';
import { createLogger } from '@courtesy/logging';
import type { AccountsConfig } from '../config';
import { CONFIG, KAFKA, KAFKA_PRODUCER, TEMPORAL_CLIENT } from '../tokens';
import { AccountsAdminGuard } from '../admin/admin.guard';
import { LedgerService } from '../ledger/ledger.service';
import { BalanceSignaller } from '../workflow/balance-signaller';
import { WorkflowSignalRelay } from '../workflow/signal-relay';
import { PayFactsController } from './pay-facts.controller';
import { PaymentsFactsConsumer } from './payments-facts.consumer';

/**
 * Payments → accounts: the pay page's read API and the payments.events.v1 consumer. Self-contained (its own
 * Kafka and Temporal clients) so it plugs into AccountsModule with one import and calls the ledger's existing
 * code instead of changing it.
 */
@Module({})
export class PaymentFactsModule {
  static forRoot(config: AccountsConfig): DynamicModule {
    return {
      module: PaymentFactsModule,
      controllers: [PayFactsController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: KAFKA, useFactory: () => createKafka(config, 'courtesy-accounts-payments', createLogger('accounts.payments.kafka')) },
        { provide: KAFKA_PRODUCER, inject: [KAFKA], useFactory: (kafka: Kafka) => connectProducer(kafka) },
        { provide: TEMPORAL_CLIENT, useFactory: () => createTemporalClient(config) },
        AccountsAdminGuard,
        BalanceSignaller,
        LedgerService,
        WorkflowSignalRelay,
        PaymentsFactsConsumer,
        {
          provide: 'PAYMENT_FACTS_SHUTDOWN',
          inject: [KAFKA_PRODUCER, TEMPORAL_CLIENT],
          useFactory: (producer: { disconnect(): Promise<void> }, temporal: { connection: { close(): Promise<void> } }) => ({
            async onApplicationShutdown() {
              await producer.disconnect();
              await temporal.connection.close();
            },
          }),
        },
      ],
    };
  }
}
