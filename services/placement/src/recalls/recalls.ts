/**
 * Calling an account back from its agency (a payment or dispute at the clinic, an insurance rebill, an
 * approved hardship, the clinic's decision). The placement stops counting as live at once; the agency learns
 * of it from a RECALL line in its next file, and its confirmation is tracked.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { RecallRequest } from '@courtesy/workflows';
import { publishFact } from '../placements/placement-events';
import { BAD_INPUT, checkRecallRequest } from '../placements/placement-request';
import { rows } from '../placements/sql';

interface PlacementRow {
  placement_id: string;
  tenant_id: string;
  agency_id: string;
  clinic_id: string;
  account_id: string;
  balance_workflow_id: string;
  status: string;
}

export interface RecallView {
  recallId: string;
  placementId: string;
  agencyId: string;
  reason: string;
  requestedAt: string;
  noticeBatchId: string | null;
  confirmedAt: string | null;
}

export class Recalls {
  constructor(
    private readonly db: DataSource,
    /** Called after a recall is recorded so the agency's next batch exists to carry the notice. */
    private readonly onRecorded: (tenantId: string, agencyId: string, recallId: string) => Promise<unknown> = async () => undefined,
  ) {}

  /** Idempotent: a second request for the same placement changes nothing and returns the first recall. */
  async request(input: RecallRequest): Promise<RecallView> {
    const request = checkRecallRequest(input);
    const recall = await this.record(request);
    if (recall.noticeBatchId === null) await this.onRecorded(request.tenantId, recall.agencyId, recall.recallId);
    return recall;
  }

  private async record(request: RecallRequest): Promise<RecallView> {
    return this.db.transaction(async (tx) => {
      const [p] = await rows<PlacementRow>(tx, 'select * from placements where placement_id = $1 for update', [request.placementId]);
      if (!p || p.tenant_id !== request.tenantId || p.balance_workflow_id !== request.balanceWorkflowId) {
        throw ApplicationFailure.nonRetryable(
          `recall.placementId: no placement ${request.placementId} for ${request.balanceWorkflowId}`,
          BAD_INPUT,
        );
      }
      const [existing] = await rows<Record<string, any>>(tx, 'select * from recalls where placement_id = $1', [p.placement_id]);
      if (existing) return view(existing);
      if (p.status !== 'placed') {
        // Returned or closed by the agency already: nothing is with them to recall.
        throw ApplicationFailure.nonRetryable(`recall.placementId: placement ${p.placement_id} is ${p.status}, not with the agency`, BAD_INPUT);
      }
      await tx.query(`update placements set status = 'recalled' where placement_id = $1`, [p.placement_id]);
      const [r] = await rows<Record<string, any>>(
        tx,
        `insert into recalls (placement_id, tenant_id, agency_id, reason, requested_at) values ($1, $2, $3, $4, $5) returning *`,
        [p.placement_id, p.tenant_id, p.agency_id, request.reason, request.requestedAt],
      );
      await publishFact(tx, {
        type: 'placement.recall_requested',
        eventId: `recall-requested:${r!.recall_id}`,
        tenantId: p.tenant_id,
        clinicId: p.clinic_id,
        accountId: p.account_id,
        agencyId: p.agency_id,
        placementId: p.placement_id,
        reason: request.reason,
      });
      return view(r!);
    });
  }
}

export function view(r: Record<string, any>): RecallView {
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  return {
    recallId: r.recall_id,
    placementId: r.placement_id,
    agencyId: r.agency_id,
    reason: r.reason,
    requestedAt: iso(r.requested_at)!,
    noticeBatchId: r.notice_batch_id,
    confirmedAt: iso(r.confirmed_at),
  };
}
