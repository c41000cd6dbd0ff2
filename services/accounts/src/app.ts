import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { createLogger } from '@courtesy/logging';
import { PinoNestLogger } from '@courtesy/service-kit';
import { AccountsModule } from './app.module';
import type { AccountsConfig } from './config';

export async function createAccountsApp(config: AccountsConfig): Promise<{ app: INestApplication; url: string }> {
  const app = await NestFactory.create(AccountsModule.forRoot(config), { logger: new PinoNestLogger(createLogger('accounts')) });
  await app.listen(config.PORT, config.HOST);
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://${config.HOST}:${address.port}` };
}
