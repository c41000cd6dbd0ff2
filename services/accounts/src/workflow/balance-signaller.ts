import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import {
  SearchAttributes,
  balanceWorkflowId,
  ledgerChangedSignal,
  type BalanceStart,
  type BalanceWorkflow,
  type LedgerChanged,
} from '@courtesy/workflows';
import type { AccountsConfig } from '../config';
import { CONFIG, TEMPORAL_CLIENT } from '../tokens';

/**
 * Accounts is the only writer to balance workflows from Kafka facts. Signal-with-start means the first fact
 * starts the workflow and every later one reaches the running one; if the workflow already finished (balance
 * was paid) a new charge starts a fresh run under the same ID.
 */
@Injectable()
export class BalanceSignaller {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CONFIG) private readonly config: AccountsConfig,
  ) {}

  workflowIdFor(tenantId: string, clinicId: string, accountId: string): string {
    return balanceWorkflowId(tenantId, clinicId, accountId);
  }

  async ledgerChanged(start: BalanceStart, change: LedgerChanged): Promise<string> {
    const workflowId = this.workflowIdFor(start.tenantId, start.clinicId, start.accountId);
    await this.client.workflow.signalWithStart<typeof BalanceWorkflow, [LedgerChanged]>('BalanceWorkflow', {
      workflowId,
      taskQueue: this.config.TEMPORAL_BALANCES_TASK_QUEUE,
      args: [start],
      signal: ledgerChangedSignal,
      signalArgs: [change],
      typedSearchAttributes: [
        { key: SearchAttributes.TenantId, value: start.tenantId },
        { key: SearchAttributes.ClinicId, value: start.clinicId },
        { key: SearchAttributes.BalanceCents, value: start.balanceCents },
        { key: SearchAttributes.Stage, value: 'soft' },
      ],
      staticSummary: `Balance ${start.accountId} at clinic ${start.clinicId}`,
    });
    return workflowId;
  }
}
