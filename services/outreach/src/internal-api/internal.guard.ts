import { Inject, Injectable } from '@nestjs/common';
import { AdminTokenGuard } from '@courtesy/service-kit';
import type { OutreachConfig } from '../config';
import { CONFIG } from '../tokens';

/** Outreach's HTTP API is internal: the gateway (and operators) call it with ADMIN_TOKEN. */
@Injectable()
export class InternalGuard extends AdminTokenGuard {
  constructor(@Inject(CONFIG) config: OutreachConfig) {
    super(config.ADMIN_TOKEN);
  }
}
