import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { Topics } from '@courtesy/contracts';
import { runConsumer } from '@courtesy/kafka';
import { createLogger } from '@courtesy/logging';
import type { AccountsConfig } from '../config';
import { CONFIG, KAFKA, KAFKA_PRODUCER } from '../tokens';
import { LedgerService } from './ledger.service';

@Injectable()
export class EhrEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: Consumer | undefined;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(CONFIG) private readonly config: AccountsConfig,
    private readonly ledger: LedgerService,
  ) {}

  async onApplicationBootstrap() {
    this.consumer = await runConsumer(this.kafka, {
      groupId: this.config.ACCOUNTS_CONSUMER_GROUP,
      topic: Topics.ehrEvents,
      // Runs of one partition in one transaction each: one commit per run instead of one per event.
      handleBatch: (run) => this.ledger.handleBatch(run),
      dlqProducer: this.producer,
      partitionsConsumedConcurrently: this.config.ACCOUNTS_CONSUMER_CONCURRENCY,
      log: createLogger('accounts.consumer'),
    });
  }

  get running(): boolean {
    return this.consumer !== undefined;
  }

  async onApplicationShutdown() {
    await this.consumer?.disconnect();
  }
}
