import { Inject, Injectable } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { Topics } from '@courtesy/contracts';
import { ConsumerHost, type ConsumerOptions } from '@courtesy/kafka';
import { createLogger } from '@courtesy/logging';
import type { AccountsConfig } from '../config';
import { CONFIG, KAFKA, KAFKA_PRODUCER } from '../tokens';
import { LedgerService } from './ledger.service';

@Injectable()
export class EhrEventsConsumer extends ConsumerHost {

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(CONFIG) private readonly config: AccountsConfig,
    private readonly ledger: LedgerService,
  ) {
    super();
  }

  protected consumerKafka(): Kafka {
    return this.kafka;
  }

  protected consumerOptions(): ConsumerOptions {
    return {
      groupId: this.config.ACCOUNTS_CONSUMER_GROUP,
      topic: Topics.ehrEvents,
      // Runs of one partition in one transaction each: one commit per run instead of one per event.
      handleBatch: (run) => this.ledger.handleBatch(run),
      dlqProducer: this.producer,
      partitionsConsumedConcurrently: this.config.ACCOUNTS_CONSUMER_CONCURRENCY,
      log: createLogger('accounts.consumer'),
    };
  }
}
