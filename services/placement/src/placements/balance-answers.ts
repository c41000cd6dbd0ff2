import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { placementAcceptedSignal, placementRejectedSignal, type PlacementRequest } from '@courtesy/workflows';
import { createLogger } from '@courtesy/logging';
import type { AcceptVerdict } from '../workflows/placement-messages';

const log = createLogger('placement.answers');

/**
 * Tells the balance workflow what placement decided. Sent from the activity, not from PlacementWorkflow, so a
 * day's batch of thousands of accounts does not carry two history events per answer. Each answer has a
 * stable eventId, so a retried activity signals again harmlessly: the balance workflow ignores IDs it applied.
 */
export async function answerBalance(temporal: Client, request: PlacementRequest, verdict: AcceptVerdict): Promise<void> {
  if (verdict.outcome === 'late') return;
  const handle = temporal.workflow.getHandle(request.balanceWorkflowId);
  try {
    if (verdict.outcome === 'accepted') {
      await handle.signal(placementAcceptedSignal, { ...verdict.accepted, eventId: `placement-accepted:${verdict.accepted.placementId}` });
    } else {
      await handle.signal(placementRejectedSignal, { ...verdict.rejected, eventId: `placement-rejected:${verdict.rejectionId}` });
    }
  } catch (err) {
    // Paid in full (or otherwise finished) meanwhile: the verdict is recorded either way.
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    log.warn({ balanceWorkflowId: request.balanceWorkflowId, outcome: verdict.outcome }, 'balance workflow no longer running; answer not delivered');
  }
}
