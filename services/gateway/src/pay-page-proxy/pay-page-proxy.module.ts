import { Inject, Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import type { GatewayConfig } from '../config';
import { payPageProxy } from './pay-page-proxy';

const PAY_PAGE_PROXY = Symbol('PAY_PAGE_PROXY');

/** Serves the patient pay page (`/p/<code>...`, any method) at the gateway's public address by proxying to payments. */
@Module({})
export class PayPageProxyModule implements NestModule {
  constructor(@Inject(PAY_PAGE_PROXY) private readonly handler: ReturnType<typeof payPageProxy>) {}

  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: PayPageProxyModule,
      providers: [{ provide: PAY_PAGE_PROXY, useValue: payPageProxy({ target: config.PAYMENTS_URL, adminToken: config.ADMIN_TOKEN }) }],
    };
  }

  configure(consumer: MiddlewareConsumer) {
    // Middleware answers before routing, so no controller (or body parser) ever sees these requests.
    consumer.apply(this.handler).forRoutes('p/*path');
  }
}
