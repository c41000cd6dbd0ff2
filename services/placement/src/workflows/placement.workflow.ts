import {
  condition,
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { PlacementRequest } from '@courtesy/workflows';
import {
  batchQuery,
  fileAcknowledgedSignal,
  placementAcceptedSignal,
  placementRejectedSignal,
  placementRequestedSignal,
  recallQueuedSignal,
  type BatchView,
  type FileAcknowledgement,
  type PlacementBatchActivities,
  type PlacementBatchStart,
} from './placement-messages';

const { acceptPlacement, deliverPlacementFile, recordAcknowledgement, forwardPlacement } =
  proxyActivities<PlacementBatchActivities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes', nonRetryableErrorTypes: ['BadPlacementInput'] },
  });

/**
 * One agency's placements for one day: checks each request against the gates as it arrives and answers the
 * balance workflow, closes at the agency's cut-off, writes and delivers the file (with recall notices due),
 * then waits for the agency's acknowledgement. Signal-with-start by placement's routePlacement activity.
 */
export async function PlacementWorkflow(start: PlacementBatchStart): Promise<BatchView> {
  const batch = {
    batchId: start.batchId,
    tenantId: start.tenantId,
    agencyId: start.agencyId,
    batchDay: start.batchDay,
    cutoffAt: start.cutoffAt,
  };
  const queue: PlacementRequest[] = [];
  const seen = new Set<string>();
  const view: BatchView = { batchId: batch.batchId, status: 'collecting', accepted: 0, rejected: 0, forwarded: 0, fileName: null };
  let ack: FileAcknowledgement | undefined;

  setHandler(placementRequestedSignal, (request) => {
    // A balance workflow retrying its request must not be checked (or answered) twice in one batch.
    if (seen.has(request.balanceWorkflowId)) return;
    seen.add(request.balanceWorkflowId);
    queue.push(request);
  });
  setHandler(fileAcknowledgedSignal, (a) => {
    ack ??= a;
  });
  setHandler(recallQueuedSignal, () => undefined);
  setHandler(batchQuery, () => view);

  const cutoffMs = Date.parse(start.cutoffAt);
  for (;;) {
    while (queue.length > 0) {
      const request = queue.shift()!;
      const verdict = await acceptPlacement({ batch, request, now: new Date().toISOString() });
      if (verdict.outcome === 'late') {
        await forwardPlacement({ request, after: batch });
        view.forwarded++;
        continue;
      }
      const balance = getExternalWorkflowHandle(request.balanceWorkflowId);
      try {
        if (verdict.outcome === 'accepted') {
          view.accepted++;
          await balance.signal(placementAcceptedSignal, { ...verdict.accepted, eventId: `placement-accepted:${verdict.accepted.placementId}` });
        } else {
          view.rejected++;
          await balance.signal(placementRejectedSignal, { ...verdict.rejected, eventId: `placement-rejected:${verdict.rejectionId}` });
        }
      } catch (err) {
        // The balance workflow may have finished meanwhile (paid in full); the verdict is recorded either way.
        log.warn('balance workflow could not be answered', { balanceWorkflowId: request.balanceWorkflowId, error: String(err) });
      }
    }
    const remaining = cutoffMs - Date.now();
    if (remaining <= 0) break;
    await condition(() => queue.length > 0, remaining);
  }

  view.status = 'delivering';
  const file = await deliverPlacementFile({ batch });
  view.fileName = file.fileName;
  // Requests that arrived while the file was being written belong to the next day's batch.
  while (queue.length > 0) {
    await forwardPlacement({ request: queue.shift()!, after: batch });
    view.forwarded++;
  }

  view.status = 'awaiting_ack';
  const acknowledged = await condition(() => ack !== undefined, start.ackWaitMs);
  await recordAcknowledgement({ batch, ack: acknowledged ? ack! : null });
  view.status = acknowledged ? 'acknowledged' : 'unacknowledged';
  while (queue.length > 0) {
    await forwardPlacement({ request: queue.shift()!, after: batch });
    view.forwarded++;
  }
  return view;
}
