import type { Consumer, Kafka } from 'kafkajs';
import { runConsumer, type ConsumerOptions } from './consumer';

/**
 * One consumer group's life inside a service: joined when the app has booted, left when it shuts down. The
 * method names are NestJS's lifecycle hooks, so a provider that extends this is started and stopped by Nest;
 * the subclass only says which group reads what and how a message is applied.
 */
export abstract class ConsumerHost {
  private consumer: Consumer | undefined;

  protected abstract consumerKafka(): Kafka;
  protected abstract consumerOptions(): ConsumerOptions;

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await runConsumer(this.consumerKafka(), this.consumerOptions());
  }

  /** Health checks ask this: false until the group has been joined for the first time. */
  get running(): boolean {
    return this.consumer !== undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
