import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger } from '@courtesy/logging';
import { PinoNestLogger } from '@courtesy/service-kit';
import { PlacementModule } from './app.module';
import type { PlacementConfig } from './config';

export async function createPlacementApp(config: PlacementConfig): Promise<{ app: INestApplication; url: string }> {
  const app = await NestFactory.create<NestExpressApplication>(PlacementModule.forRoot(config), {
    logger: new PinoNestLogger(createLogger('placement')),
  });
  // Agencies upload their update files as text/csv.
  app.useBodyParser('text', { type: ['text/csv', 'text/plain'], limit: '20mb' });
  await app.listen(config.PORT, config.HOST);
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://${config.HOST}:${address.port}` };
}
