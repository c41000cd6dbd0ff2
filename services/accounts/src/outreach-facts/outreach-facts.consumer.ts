import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Kafka, Producer } from 'kafkajs';
import { Topics, outreachFactSchema, type OutreachFact } from '@courtesy/contracts';
import { ConsumerHost, PoisonMessageError, claimInbox, type ConsumedMessage, type ConsumerOptions } from '@courtesy/kafka';
import { createLogger } from '@courtesy/logging';
import {
  callOutcomeSignal,
  mailReturnedSignal,
  messageDeliveredSignal,
  messageFailedSignal,
  optedOutSignal,
  patientRepliedSignal,
} from '@courtesy/workflows';
import type { AccountsConfig } from '../config';
import { CONFIG, KAFKA, KAFKA_PRODUCER } from '../tokens';
import { BalanceSignaller } from '../workflow/balance-signaller';

const log = createLogger('accounts.outreach-facts');

/**
 * Turns `outreach.events.v1` facts (opt-outs, replies, delivery, call outcomes, returned mail) into signals on
 * the balance workflow. The inbox row and the signal share one transaction: the signal is sent before the
 * commit, so a crash re-delivers and re-signals, and the workflow drops the repeated event ID.
 */
@Injectable()
export class OutreachFactsConsumer extends ConsumerHost {

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(CONFIG) private readonly config: AccountsConfig,
    private readonly signaller: BalanceSignaller,
  ) {
    super();
  }

  protected consumerKafka(): Kafka {
    return this.kafka;
  }

  protected consumerOptions(): ConsumerOptions {
    return {
      groupId: `${this.config.ACCOUNTS_CONSUMER_GROUP}-outreach`,
      topic: Topics.outreachEvents,
      handle: (m) => this.handle(m),
      dlqProducer: this.producer,
      log,
    };
  }

  async handle(message: ConsumedMessage): Promise<void> {
    const fact = parse(message);
    await this.db.transaction(async (tx) => {
      if (!(await claimInbox(tx, `${fact.tenantId}:outreach:${fact.eventId}`, message.topic))) return;
      const delivered = await this.signal(fact);
      log.info({ eventId: fact.eventId, type: fact.type, accountId: fact.accountId, delivered }, 'outreach fact applied');
    });
  }

  /** False when the workflow has finished: a fact about a closed balance changes nothing. */
  private signal(fact: OutreachFact): Promise<boolean> {
    const { eventId, workflowId } = fact;
    switch (fact.type) {
      case 'outreach.opted_out':
        return this.signaller.fact(workflowId, optedOutSignal, { eventId, channels: fact.channels });
      case 'outreach.patient_replied':
        return this.signaller.fact(workflowId, patientRepliedSignal, { eventId, channel: fact.channel, intent: fact.intent });
      case 'outreach.message_delivered':
        return this.signaller.fact(workflowId, messageDeliveredSignal, { eventId, attemptId: fact.attemptId, channel: fact.channel });
      case 'outreach.message_failed':
        return this.signaller.fact(workflowId, messageFailedSignal, { eventId, attemptId: fact.attemptId, channel: fact.channel, reason: fact.reason });
      case 'outreach.call_outcome':
        return this.signaller.fact(workflowId, callOutcomeSignal, {
          eventId,
          attemptId: fact.attemptId,
          outcome: fact.outcome,
          promiseBy: fact.promiseBy,
          promiseAmountCents: fact.promiseAmountCents,
        });
      case 'outreach.mail_returned':
        return this.signaller.fact(workflowId, mailReturnedSignal, { eventId, attemptId: fact.attemptId });
      case 'outreach.attempt_sent':
        // The workflow learnt it from its activity's result; only the scorecard's projection reads this fact.
        return Promise.resolve(false);
    }
  }
}

function parse(message: ConsumedMessage): OutreachFact {
  let raw: unknown;
  try {
    raw = JSON.parse(message.value.toString('utf8'));
  } catch {
    throw new PoisonMessageError('message is not JSON');
  }
  const r = outreachFactSchema.safeParse(raw);
  if (!r.success) throw new PoisonMessageError(`schema mismatch: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}
