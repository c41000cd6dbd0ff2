import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { createLogger } from '@courtesy/logging';
import { PinoNestLogger } from '@courtesy/service-kit';
import { PaymentsModule } from './app.module';
import type { PaymentsConfig } from './config';

export async function createPaymentsApp(config: PaymentsConfig): Promise<{ app: INestApplication; url: string }> {
  const app = await NestFactory.create(PaymentsModule.forRoot(config), { logger: new PinoNestLogger(createLogger('payments')) });
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://${config.HOST}:${address.port}` };
}
