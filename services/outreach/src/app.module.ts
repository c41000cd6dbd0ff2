import { entities, migrations } from './database';
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Transporter } from 'nodemailer';
import { databaseOptions, healthParts } from '@courtesy/service-kit';
import type { OutreachConfig } from './config';
import { CONFIG, MAIL_TRANSPORT } from './tokens';
import { EmailSender } from './email/email-sender';
import { createMailTransport } from './email/mail-transport';
import { OutreachActivitiesProvider } from './worker/outreach-activities';
import { OutreachWorker } from './worker/outreach-worker';

class MailShutdown implements OnApplicationShutdown {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: Transporter) {}
  onApplicationShutdown() {
    this.transport.close();
  }
}

@Module({})
export class OutreachModule {
  static forRoot(config: OutreachConfig): DynamicModule {
    const configProvider = { provide: CONFIG, useValue: config };
    const mailProvider = { provide: MAIL_TRANSPORT, useFactory: () => createMailTransport(config.SMTP_URL) };
    const shared: DynamicModule = {
      module: class OutreachInfraModule {},
      providers: [configProvider, mailProvider],
      exports: [CONFIG, MAIL_TRANSPORT],
      global: true,
    };
    const health = healthParts({
      inject: [DataSource, MAIL_TRANSPORT, OutreachWorker],
      useFactory: (db: DataSource, mail: Transporter, worker: OutreachWorker) => [
        { name: 'postgres', check: () => db.query('select 1') },
        { name: 'smtp', check: () => mail.verify() },
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
      imports: [
        shared,
        TypeOrmModule.forRoot(databaseOptions(config, { entities, migrations })),
        TypeOrmModule.forFeature(entities),
        ...health.imports,
      ],
      controllers: health.controllers,
      providers: [...health.providers, MailShutdown, EmailSender, OutreachActivitiesProvider, OutreachWorker],
      exports: [OutreachWorker],
    };
  }
}
