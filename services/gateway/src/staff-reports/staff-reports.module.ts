import { Module, type DynamicModule } from '@nestjs/common';
import type { GatewayConfig } from '../config';
import { ACCOUNTS_ADMIN, AccountsAdminClient } from './accounts-admin-client';
import { PoliciesController } from './policies.controller';
import { ReportsController } from './reports.controller';

/** The console's scorecard and clinic policies; guarded and audited through StaffModule (global). */
@Module({})
export class StaffReportsModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: StaffReportsModule,
      controllers: [ReportsController, PoliciesController],
      providers: [
        {
          provide: ACCOUNTS_ADMIN,
          useValue: new AccountsAdminClient(config.ACCOUNTS_URL, config.ADMIN_TOKEN),
        },
      ],
    };
  }
}
