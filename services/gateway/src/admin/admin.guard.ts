import { Inject, Injectable } from '@nestjs/common';
import { AdminTokenGuard } from '@courtesy/service-kit';
import type { GatewayConfig } from '../config';
import { CONFIG } from '../tokens';

@Injectable()
export class GatewayAdminGuard extends AdminTokenGuard {
  constructor(@Inject(CONFIG) config: GatewayConfig) {
    super(config.ADMIN_TOKEN);
  }
}
