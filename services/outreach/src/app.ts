import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { createLogger } from '@courtesy/logging';
import { PinoNestLogger } from '@courtesy/service-kit';
import { OutreachModule } from './app.module';
import type { OutreachConfig } from './config';

export async function createOutreachApp(config: OutreachConfig): Promise<{ app: INestApplication; url: string }> {
  const app = await NestFactory.create(OutreachModule.forRoot(config), { logger: new PinoNestLogger(createLogger('outreach')) });
  await app.listen(config.PORT, config.HOST);
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://${config.HOST}:${address.port}` };
}
