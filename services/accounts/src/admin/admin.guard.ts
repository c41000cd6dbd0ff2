import { Inject, Injectable } from '@nestjs/common';
import { AdminTokenGuard } from '@courtesy/service-kit';
import type { AccountsConfig } from '../config';
import { CONFIG } from '../tokens';

@Injectable()
export class AccountsAdminGuard extends AdminTokenGuard {
  constructor(@Inject(CONFIG) config: AccountsConfig) {
    super(config.ADMIN_TOKEN);
  }
}
