import { Inject, Injectable } from '@nestjs/common';
import { AdminTokenGuard } from '@courtesy/service-kit';
import type { PlacementConfig } from '../config';
import { CONFIG } from '../tokens';

@Injectable()
export class PlacementAdminGuard extends AdminTokenGuard {
  constructor(@Inject(CONFIG) config: PlacementConfig) {
    super(config.ADMIN_TOKEN);
  }
}
