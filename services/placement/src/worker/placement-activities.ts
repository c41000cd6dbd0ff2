import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { PlacementActivities } from '@courtesy/workflows';
import { BatchDelivery } from '../batches/batch-delivery';
import { PlacementDesk } from '../placements/placement-desk';
import { PlacementRouter } from '../placements/placement-router';
import { Recalls } from '../recalls/recalls';
import type { AcceptedBatchPart, PlacementBatchActivities } from '../workflows/placement-messages';
import { answerBalance } from '../placements/balance-answers';

export interface PlacementActivityDeps {
  db: DataSource;
  temporal: Client;
  taskQueue: string;
  dropDir: string;
  ackWaitMs: number;
  now?: () => number | Promise<number>;
}

/**
 * Everything registered on task queue `placement`: the contract BalanceWorkflow calls (routePlacement,
 * requestRecall) and the steps of PlacementWorkflow.
 */
export function createPlacementActivities(deps: PlacementActivityDeps): PlacementActivities & PlacementBatchActivities {
  const router = new PlacementRouter(deps.db, deps.temporal, deps.taskQueue, deps.ackWaitMs, deps.now);
  const desk = new PlacementDesk(deps.db);
  const delivery = new BatchDelivery(deps.db, deps.dropDir);
  const recalls = new Recalls(deps.db, (tenantId, agencyId, recallId) => router.ensureNextBatch(tenantId, agencyId, recallId));
  return {
    routePlacement: (request) => router.route(request),
    requestRecall: async (request) => {
      await recalls.request(request);
    },
    acceptPlacements: async ({ batch, requests, now }) => {
      const part: AcceptedBatchPart = { accepted: 0, rejected: 0, late: [] };
      const verdicts = await desk.acceptPart(batch, requests, now);
      // Answers go out after the commit, so a balance workflow never hears of a placement that was rolled back.
      for (const [i, verdict] of verdicts.entries()) {
        const request = requests[i]!;
        if (verdict.outcome === 'late') part.late.push(request);
        else {
          part[verdict.outcome]++;
          if (typeof request.balanceWorkflowId === 'string') await answerBalance(deps.temporal, request, verdict);
        }
      }
      return part;
    },
    deliverPlacementFile: ({ batch }) => delivery.deliver(batch),
    recordAcknowledgement: ({ batch, ack }) => delivery.acknowledge(batch, ack),
    forwardPlacement: ({ request, after }) => router.forward(request, after),
  };
}
