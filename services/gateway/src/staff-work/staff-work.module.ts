import { Module, type DynamicModule } from '@nestjs/common';
import type { GatewayConfig } from '../config';
import { ACCOUNTS_API, InternalApi, OUTREACH_API, PAYMENTS_API, PLACEMENT_API } from './internal-api';
import { AccountContext } from './account-context';
import { QueuesController } from './queues.controller';
import { CallsController } from './calls.controller';
import { ApprovalsController } from './approvals.controller';

/**
 * The staff console's work: queues, calls and approvals. Guarded and audited by StaffModule (global); every
 * read and action goes to the owning service's internal API with the operator token.
 */
@Module({})
export class StaffWorkModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: StaffWorkModule,
      controllers: [QueuesController, CallsController, ApprovalsController],
      providers: [
        { provide: ACCOUNTS_API, useValue: new InternalApi('accounts', config.ACCOUNTS_URL, config.ADMIN_TOKEN) },
        { provide: OUTREACH_API, useValue: new InternalApi('outreach', config.OUTREACH_URL, config.ADMIN_TOKEN) },
        { provide: PAYMENTS_API, useValue: new InternalApi('payments', config.PAYMENTS_URL, config.ADMIN_TOKEN) },
        { provide: PLACEMENT_API, useValue: new InternalApi('placement', config.PLACEMENT_URL, config.ADMIN_TOKEN) },
        AccountContext,
      ],
    };
  }
}
