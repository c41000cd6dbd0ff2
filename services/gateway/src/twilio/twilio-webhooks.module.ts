import { Module, type DynamicModule } from '@nestjs/common';
import type { GatewayConfig } from '../config';
import { OutreachClient } from './outreach-client';
import { StaffOutreachController } from './staff-outreach.controller';
import { TwilioWebhooksController } from './twilio-webhooks.controller';
import { TWILIO_SETTINGS } from './twilio-settings';
import { UnsubscribeController } from './unsubscribe.controller';
import { GatewayAdminGuard } from '../admin/admin.guard';
import { CONFIG } from '../tokens';

/** Patient- and staff-facing doors into outreach: Twilio webhooks, the unsubscribe page, attempt log and call queue. */
@Module({})
export class TwilioWebhooksModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: TwilioWebhooksModule,
      controllers: [TwilioWebhooksController, UnsubscribeController, StaffOutreachController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: TWILIO_SETTINGS, useValue: { authToken: config.TWILIO_AUTH_TOKEN, publicBaseUrl: config.PUBLIC_BASE_URL } },
        { provide: OutreachClient, useValue: new OutreachClient(config.OUTREACH_URL, config.ADMIN_TOKEN) },
        GatewayAdminGuard,
      ],
    };
  }
}
