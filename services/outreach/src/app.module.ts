import { entities, migrations } from './database';
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Transporter } from 'nodemailer';
import type { Kafka, Producer } from 'kafkajs';
import { OutboxRelay, connectProducer, createKafka, describeCluster } from '@courtesy/kafka';
import { createLogger } from '@courtesy/logging';
import { databaseOptions, healthParts } from '@courtesy/service-kit';
import type { OutreachConfig } from './config';
import { CONFIG, KAFKA, KAFKA_PRODUCER, MAIL_RECEIPTS, MAIL_TRANSPORT, SMS_TRANSPORT, STATEMENT_PRINTER } from './tokens';
import { MaildevReceipts } from './email/mail-receipts';
import { EmailSender } from './email/email-sender';
import { createMailTransport } from './email/mail-transport';
import { OutreachActivitiesProvider } from './worker/outreach-activities';
import { OutreachWorker } from './worker/outreach-worker';
import { AttemptLog } from './attempts/attempt-log';
import { AttemptRunner } from './attempts/attempt-runner';
import { AttemptsController } from './attempts/attempts.controller';
import { ContactPointsService } from './contact-points/contact-points.service';
import { TextSender } from './sms/text-sender';
import { PayLinkClient } from './pay-links/pay-link-client';
import { TwilioSmsTransport } from './sms/twilio-transport';
import { SandboxSmsTransport } from './sms/sandbox-transport';
import { StatementMailer } from './statement/statement-mailer';
import { FileDropPrinter } from './statement/print-drop';
import { CallTaskQueuer } from './call-tasks/call-task-queuer';
import { CallTasksService } from './call-tasks/call-tasks.service';
import { CallTasksController } from './call-tasks/call-tasks.controller';
import { InboundService } from './inbound/inbound.service';
import { InboundController } from './inbound/inbound.controller';
import { InternalGuard } from './internal-api/internal.guard';
import { StaffQueuesController } from './staff-queues/staff-queues.controller';
import { StaffQueuesService } from './staff-queues/staff-queues.service';

/** Publishes outreach's facts for the life of the app and closes the clients it shares. */
class OutreachLifecycle implements OnApplicationShutdown {
  readonly relay: OutboxRelay;
  constructor(
    db: DataSource,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(MAIL_TRANSPORT) private readonly transport: Transporter,
  ) {
    this.relay = new OutboxRelay(db, producer, createLogger('outreach.outbox'));
    this.relay.start();
  }
  async onApplicationShutdown() {
    await this.relay.stop();
    await this.producer.disconnect();
    this.transport.close();
  }
}

@Module({})
export class OutreachModule {
  static forRoot(config: OutreachConfig): DynamicModule {
    const twilio =
      config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN && config.TWILIO_MESSAGING_SERVICE_SID
        ? { accountSid: config.TWILIO_ACCOUNT_SID, authToken: config.TWILIO_AUTH_TOKEN, messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID, apiBaseUrl: config.TWILIO_API_BASE_URL }
        : undefined;
    const shared: DynamicModule = {
      module: class OutreachInfraModule {},
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: MAIL_TRANSPORT, useFactory: () => createMailTransport(config.SMTP_URL) },
        { provide: KAFKA, useFactory: () => createKafka(config, 'courtesy-outreach', createLogger('outreach.kafka')) },
        { provide: KAFKA_PRODUCER, inject: [KAFKA], useFactory: (kafka: Kafka) => connectProducer(kafka) },
      ],
      exports: [CONFIG, MAIL_TRANSPORT, KAFKA, KAFKA_PRODUCER],
      global: true,
    };
    const health = healthParts({
      inject: [DataSource, MAIL_TRANSPORT, KAFKA, OutreachWorker],
      useFactory: (db: DataSource, mail: Transporter, kafka: Kafka, worker: OutreachWorker) => [
        { name: 'postgres', check: () => db.query('select 1') },
        { name: 'smtp', check: () => mail.verify() },
        { name: 'kafka', check: () => describeCluster(kafka) },
        {
          name: 'temporal-worker',
          check: async () => {
            if (worker.host.state !== 'RUNNING') throw new Error(`worker is ${worker.host.state}`);
          },
        },
      ],
    });
    return {
      module: OutreachModule,
      imports: [shared, TypeOrmModule.forRoot(databaseOptions(config, { entities, migrations })), TypeOrmModule.forFeature(entities), ...health.imports],
      controllers: [...health.controllers, InboundController, AttemptsController, CallTasksController, StaffQueuesController],
      providers: [
        ...health.providers,
        {
          provide: SMS_TRANSPORT,
          inject: [DataSource],
          // No credentials: the sandbox records texts (GET /internal/sandbox/messages) instead of sending.
          useFactory: (db: DataSource) => (twilio ? new TwilioSmsTransport(twilio) : new SandboxSmsTransport(db)),
        },
        { provide: STATEMENT_PRINTER, useFactory: () => new FileDropPrinter(config.STATEMENT_DROP_DIR) },
        { provide: MAIL_RECEIPTS, useValue: config.MAIL_RECEIPTS_URL ? new MaildevReceipts(config.MAIL_RECEIPTS_URL) : null },
        OutreachLifecycle,
        InternalGuard,
        AttemptLog,
        AttemptRunner,
        ContactPointsService,
        TextSender,
        PayLinkClient,
        EmailSender,
        StatementMailer,
        CallTaskQueuer,
        CallTasksService,
        StaffQueuesService,
        InboundService,
        OutreachActivitiesProvider,
        OutreachWorker,
      ],
      exports: [OutreachWorker, InboundService, CallTasksService, AttemptLog],
    };
  }
}
