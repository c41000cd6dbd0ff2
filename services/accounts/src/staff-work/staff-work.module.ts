import { Module, type DynamicModule } from '@nestjs/common';
import { createTemporalClient } from '@courtesy/temporal';
import type { AccountsConfig } from '../config';
import { CONFIG, TEMPORAL_CLIENT } from '../tokens';
import { AccountsAdminGuard } from '../admin/admin.guard';
import { ApprovalsService } from './approvals.service';
import { StaffWorkController } from './staff-work.controller';

/** The staff console's queues, approvals and call promises; plugs into AccountsModule with one import. */
@Module({})
export class StaffWorkModule {
  static forRoot(config: AccountsConfig): DynamicModule {
    return {
      module: StaffWorkModule,
      controllers: [StaffWorkController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: TEMPORAL_CLIENT, useFactory: () => createTemporalClient(config) },
        AccountsAdminGuard,
        ApprovalsService,
        {
          provide: 'STAFF_WORK_SHUTDOWN',
          inject: [TEMPORAL_CLIENT],
          useFactory: (temporal: { connection: { close(): Promise<void> } }) => ({
            async onApplicationShutdown() {
              await temporal.connection.close();
            },
          }),
        },
      ],
    };
  }
}
