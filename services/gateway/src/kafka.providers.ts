import type { Provider } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { CoalescingSender, connectProducer, createKafka } from '@courtesy/kafka';
import { createLogger } from '@courtesy/logging';
import type { GatewayConfig } from './config';
import { CONFIG } from './tokens';

export const KAFKA = Symbol('KAFKA');
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');
export const EVENT_SENDER = Symbol('EVENT_SENDER');

export const kafkaProviders: Provider[] = [
  {
    provide: KAFKA,
    inject: [CONFIG],
    useFactory: (config: GatewayConfig): Kafka =>
      createKafka(config, 'courtesy-gateway', createLogger('gateway.kafka')),
  },
  {
    provide: KAFKA_PRODUCER,
    inject: [KAFKA],
    useFactory: (kafka: Kafka): Promise<Producer> => connectProducer(kafka),
  },
  {
    provide: EVENT_SENDER,
    inject: [KAFKA_PRODUCER],
    useFactory: (producer: Producer) => new CoalescingSender(producer),
  },
];
