import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { createLogger } from '@courtesy/logging';
import { PinoNestLogger } from '@courtesy/service-kit';
import { PlacementModule } from './app.module';
import type { PlacementConfig } from './config';

export async function createPlacementApp(config: PlacementConfig): Promise<{ app: INestApplication; url: string }> {
  const app = await NestFactory.create(PlacementModule.forRoot(config), { logger: new PinoNestLogger(createLogger('placement')) });
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://${config.HOST}:${address.port}` };
}
