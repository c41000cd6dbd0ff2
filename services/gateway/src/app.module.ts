import { entities, migrations } from './database';
import {
  Inject,
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Kafka, Producer } from 'kafkajs';
import { describeCluster } from '@courtesy/kafka';
import { databaseOptions, healthParts } from '@courtesy/service-kit';
import type { GatewayConfig } from './config';
import { CONFIG } from './tokens';
import { KAFKA, KAFKA_PRODUCER, kafkaProviders } from './kafka.providers';
import { IntegratorsService } from './integrators/integrators.service';
import { ApiKeyGuard } from './integrators/api-key.guard';
import { IntegratorKeysController } from './admin/integrator-keys.controller';
import { AccountsController } from './accounts-view/accounts.controller';
import { BalancesController } from './accounts-view/balances.controller';
import { DocsController } from './docs/docs.controller';
import { TwilioWebhooksModule } from './twilio/twilio-webhooks.module';
import { GatewayAdminGuard } from './admin/admin.guard';
import { IngestService } from './ingest/ingest.service';
import { EventsController } from './ingest/events.controller';
import { RateLimiter } from './ingest/rate-limiter';
import { jsonBodyMiddleware } from './ingest/json-body.middleware';
import { CodecModule } from './codec/codec.module';
import { PayPageProxyModule } from './pay-page-proxy/pay-page-proxy.module';
import { StaffModule } from './staff/staff.module';
import { StaffWorkModule } from './staff-work/staff-work.module';
import { StaffReportsModule } from './staff-reports/staff-reports.module';

class KafkaShutdown implements OnApplicationShutdown {
  constructor(@Inject(KAFKA_PRODUCER) private readonly producer: Producer) {}
  async onApplicationShutdown() {
    await this.producer.disconnect();
  }
}

@Module({})
export class GatewayModule implements NestModule {
  constructor(@Inject(CONFIG) private readonly config: GatewayConfig) {}

  static forRoot(config: GatewayConfig): DynamicModule {
    const configProvider = { provide: CONFIG, useValue: config };
    const health = healthParts({
      inject: [DataSource, KAFKA],
      useFactory: (db: DataSource, kafka: Kafka) => [
        { name: 'postgres', check: () => db.query('select 1') },
        { name: 'kafka', check: () => describeCluster(kafka) },
      ],
    });
    return {
      module: GatewayModule,
      imports: [
        TypeOrmModule.forRoot(databaseOptions(config, { entities, migrations })),
        TypeOrmModule.forFeature(entities),
        ...health.imports,
        CodecModule.forRoot(config),
        TwilioWebhooksModule.forRoot(config),
        PayPageProxyModule.forRoot(config),
        StaffModule.forRoot(config),
        StaffWorkModule.forRoot(config),
        StaffReportsModule.forRoot(config),
      ],
      controllers: [
        ...health.controllers,
        EventsController,
        AccountsController,
        BalancesController,
        IntegratorKeysController,
        DocsController,
      ],
      providers: [
        ...health.providers,
        configProvider,
        ...kafkaProviders,
        KafkaShutdown,
        IntegratorsService,
        ApiKeyGuard,
        GatewayAdminGuard,
        IngestService,
        // Per key and replica, counted in events so one batch of 500 weighs 500.
        {
          provide: RateLimiter,
          useValue: new RateLimiter(config.INGEST_RATE_PER_SECOND, config.INGEST_BURST),
        },
      ],
      exports: [IntegratorsService],
    };
  }

  configure(consumer: MiddlewareConsumer) {
    consumer
      .apply(jsonBodyMiddleware(this.config.INGEST_MAX_BODY_BYTES))
      .forRoutes('v1/*path', 'admin/*path');
  }
}
