import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { createLogger } from '@courtesy/logging';
import { PinoNestLogger } from '@courtesy/service-kit';
import { GatewayModule } from './app.module';
import type { GatewayConfig } from './config';

export async function createGatewayApp(config: GatewayConfig): Promise<{ app: INestApplication; url: string }> {
  const app = await NestFactory.create(GatewayModule.forRoot(config), {
    bodyParser: false,
    logger: new PinoNestLogger(createLogger('gateway')),
  });
  await app.listen(config.PORT, config.HOST);
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://${config.HOST}:${address.port}` };
}
