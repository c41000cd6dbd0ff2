import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger } from '@courtesy/logging';
import { PinoNestLogger } from '@courtesy/service-kit';
import { PaymentsModule } from './app.module';
import type { PaymentsConfig } from './config';

export async function createPaymentsApp(config: PaymentsConfig): Promise<{ app: INestApplication; url: string }> {
  // rawBody: processor webhook signatures are computed over the exact bytes received.
  const app = await NestFactory.create<NestExpressApplication>(PaymentsModule.forRoot(config), {
    rawBody: true,
    logger: new PinoNestLogger(createLogger('payments')),
  });
  // No blanket 'trust proxy': the pay page takes X-Forwarded-For only from the gateway's proxy (pay-page/client-address.ts).
  app.useBodyParser('urlencoded', { extended: false, limit: '32kb' });
  await app.listen(config.PORT, config.HOST);
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://${config.HOST}:${address.port}` };
}
