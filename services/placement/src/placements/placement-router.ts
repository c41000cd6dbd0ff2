/**
 * Routing a placement request to the agency that serves the clinic and to that agency's batch for the day:
 * the PlacementWorkflow is signal-with-started, so the first request of the day starts the batch and every
 * later one joins it.
 */
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { PlacementRejected, PlacementRequest } from '@courtesy/workflows';
import { toAgency } from '../agencies/agencies.service';
import type { Agency } from '../agencies/agency';
import { batchFor, type BatchRef } from '../batches/batch-schedule';
import { placementRequestedSignal, recallQueuedSignal, type PlacementBatchStart } from '../workflows/placement-messages';
import { checkPlacementRequest } from './placement-request';
import { rows } from './sql';

export class PlacementRouter {
  constructor(
    private readonly db: DataSource,
    private readonly temporal: Client,
    private readonly taskQueue: string,
    private readonly ackWaitMs: number,
    /** The clock routing reads; tests on the time-skipping server pass the server's. */
    private readonly now: () => number | Promise<number> = Date.now,
  ) {}

  async agencyFor(tenantId: string, clinicId: string): Promise<Agency | undefined> {
    // Several agencies may serve one clinic; the lowest ID wins so routing is predictable until rules exist.
    const [row] = await rows<Parameters<typeof toAgency>[0]>(
      this.db,
      'select * from agencies where tenant_id = $1 and active and $2 = any(clinic_ids) order by agency_id limit 1',
      [tenantId, clinicId],
    );
    return row ? toAgency(row) : undefined;
  }

  async route(input: PlacementRequest): Promise<{ agencyId: string; placementWorkflowId: string } | { rejected: PlacementRejected }> {
    const request = checkPlacementRequest(input);
    const agency = await this.agencyFor(request.tenantId, request.clinicId);
    if (!agency) return { rejected: { failedGates: [], reason: `no active agency serves clinic ${request.clinicId}` } };
    const batch = await this.openBatchFor(agency, await this.now());
    await this.signalWithStart(batch, request);
    return { agencyId: agency.agencyId, placementWorkflowId: batch.batchId };
  }

  /**
   * Makes sure the agency has a batch coming that will carry a recall notice, even on a day when nothing
   * new is placed with it.
   */
  async ensureNextBatch(tenantId: string, agencyId: string, recallId: string): Promise<string> {
    const [row] = await rows<Parameters<typeof toAgency>[0]>(this.db, 'select * from agencies where tenant_id = $1 and agency_id = $2', [
      tenantId,
      agencyId,
    ]);
    const batch = await this.openBatchFor(toAgency(row!), await this.now());
    await this.temporal.workflow.signalWithStart('PlacementWorkflow', {
      workflowId: batch.batchId,
      taskQueue: this.taskQueue,
      args: [{ ...batch, ackWaitMs: this.ackWaitMs } satisfies PlacementBatchStart],
      signal: recallQueuedSignal,
      signalArgs: [{ recallId }],
      staticSummary: `placement batch ${batch.agencyId} ${batch.batchDay}`,
    });
    return batch.batchId;
  }

  /** The first of the agency's batches from `fromMs` on that has not been delivered yet. */
  private async openBatchFor(agency: Agency, fromMs: number): Promise<BatchRef> {
    let batch = batchFor(agency, fromMs);
    for (let i = 0; i < 7; i++) {
      const [b] = await rows<{ status: string }>(this.db, 'select status from placement_batches where batch_id = $1', [batch.batchId]);
      if (!b || b.status === 'open') return batch;
      batch = batchFor(agency, Date.parse(batch.cutoffAt));
    }
    return batch;
  }

  /** A request that missed `after` goes to the agency's first batch that closes later. */
  async forward(request: PlacementRequest, after: BatchRef): Promise<{ placementWorkflowId: string }> {
    const agency = await this.agencyFor(request.tenantId, request.clinicId);
    if (!agency) {
      // The agency stopped serving the clinic in the meantime: the next batch will reject with that reason.
      return { placementWorkflowId: after.batchId };
    }
    const batch = await this.openBatchFor(agency, Math.max(await this.now(), Date.parse(after.cutoffAt)));
    await this.signalWithStart(batch, request);
    return { placementWorkflowId: batch.batchId };
  }

  private async signalWithStart(batch: BatchRef, request: PlacementRequest): Promise<void> {
    const start: PlacementBatchStart = { ...batch, ackWaitMs: this.ackWaitMs };
    await this.temporal.workflow.signalWithStart('PlacementWorkflow', {
      workflowId: batch.batchId,
      taskQueue: this.taskQueue,
      args: [start],
      signal: placementRequestedSignal,
      signalArgs: [request],
      staticSummary: `placement batch ${batch.agencyId} ${batch.batchDay}`,
    });
  }
}
