import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { PlacementRequest } from '@courtesy/workflows';
import {
  batchQuery,
  fileAcknowledgedSignal,
  placementRequestedSignal,
  recallQueuedSignal,
  type BatchView,
  type FileAcknowledgement,
  type PlacementBatchActivities,
  type PlacementBatchStart,
} from './placement-messages';

/** Requests checked per activity call: bounds history growth on a busy day (about one event per account). */
const REQUESTS_PER_ACTIVITY = 200;

const { acceptPlacements, deliverPlacementFile, recordAcknowledgement, forwardPlacement } =
  proxyActivities<PlacementBatchActivities>({
    // A part of up to REQUESTS_PER_ACTIVITY requests, each its own short transaction plus one signal.
    startToCloseTimeout: '5 minutes',
    retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes', nonRetryableErrorTypes: ['BadPlacementInput'] },
  });

/**
 * One agency's placements for one day: checks each request against the gates as it arrives (the activity
 * answers the balance workflow), closes at the agency's cut-off, writes and delivers the file (with recall notices due),
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
      const requests = queue.splice(0, REQUESTS_PER_ACTIVITY);
      const part = await acceptPlacements({ batch, requests, now: new Date().toISOString() });
      view.accepted += part.accepted;
      view.rejected += part.rejected;
      for (const request of part.late) {
        await forwardPlacement({ request, after: batch });
        view.forwarded++;
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
