import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { SignalDefinition } from '@temporalio/common';
import {
  SearchAttributes,
  balanceWorkflowId,
  ledgerChangedSignal,
  policyChangedSignal,
  type BalanceStart,
  type LedgerChanged,
  type domain,
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
  /** The workflow type signal-with-start starts; a test may stand a recorder in for it. */
  workflowType = 'BalanceWorkflow';

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CONFIG) private readonly config: AccountsConfig,
  ) {}

  workflowIdFor(tenantId: string, clinicId: string, accountId: string): string {
    return balanceWorkflowId(tenantId, clinicId, accountId);
  }

  async ledgerChanged(start: BalanceStart, change: LedgerChanged): Promise<string> {
    const workflowId = this.workflowIdFor(start.tenantId, start.clinicId, start.accountId);
    await this.send(workflowId, ledgerChangedSignal.name, change, start);
    return workflowId;
  }

  /**
   * A fact about a running balance (dispute, rebill, returned mail, contact change). Returns false when the
   * workflow has finished: a fact about a resolved balance changes nothing.
   */
  async fact<T>(workflowId: string, signal: SignalDefinition<[T]>, payload: T): Promise<boolean> {
    try {
      await this.client.workflow.getHandle(workflowId).signal(signal, payload);
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  }

  /**
   * Sends one stored signal by name. With start arguments it is a signal-with-start; without, a fact for a
   * workflow that has finished is dropped (a fact about a resolved balance changes nothing).
   */
  async send(workflowId: string, signalName: string, payload: unknown, start?: BalanceStart): Promise<void> {
    if (start) {
      await this.client.workflow.signalWithStart(this.workflowType, {
        workflowId,
        taskQueue: this.config.TEMPORAL_BALANCES_TASK_QUEUE,
        args: [start],
        signal: signalName,
        signalArgs: [payload],
        typedSearchAttributes: [
          { key: SearchAttributes.TenantId, value: start.tenantId },
          { key: SearchAttributes.ClinicId, value: start.clinicId },
          { key: SearchAttributes.BalanceCents, value: start.balanceCents },
          { key: SearchAttributes.Stage, value: 'soft' },
        ],
        staticSummary: `Balance ${start.accountId} at clinic ${start.clinicId}`,
      });
      return;
    }
    try {
      await this.client.workflow.getHandle(workflowId).signal(signalName, payload);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  }

  policyChanged(workflowId: string, policy: domain.CollectionPolicy, eventId: string): Promise<boolean> {
    return this.fact(workflowId, policyChangedSignal, { eventId, policy });
  }
}
