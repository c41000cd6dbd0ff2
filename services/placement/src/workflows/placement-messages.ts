/**
 * Messages of PlacementWorkflow and the activities it calls. Answers to balance workflows (the
 * placementAccepted / placementRejected signals of workflows/src/shared/balance-messages.ts) are sent by the
 * acceptPlacements activity.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { PlacementAccepted, PlacementRejected, PlacementRequest } from '@courtesy/workflows';
import type { BatchRef } from '../batches/batch-schedule';

export type PlacementBatchStart = BatchRef & {
  /** How long the delivered file waits for the agency's acknowledgement (ms of workflow time). */
  ackWaitMs: number;
};

export const placementRequestedSignal = defineSignal<[PlacementRequest]>('placementRequested');

/** A recall is waiting for this agency's next file; the signal only makes sure that batch exists. */
export const recallQueuedSignal = defineSignal<[{ recallId: string }]>('recallQueued');

export interface FileAcknowledgement {
  fileName: string;
  sha256: string;
  receivedAt: string;
  reference?: string;
}
export const fileAcknowledgedSignal = defineSignal<[FileAcknowledgement]>('fileAcknowledged');

export interface BatchView {
  batchId: string;
  status: 'collecting' | 'delivering' | 'awaiting_ack' | 'acknowledged' | 'unacknowledged';
  accepted: number;
  rejected: number;
  forwarded: number;
  fileName: string | null;
}
export const batchQuery = defineQuery<BatchView>('batch');

/** What the batch activities answer for one request. */
export type AcceptVerdict =
  | { outcome: 'accepted'; accepted: PlacementAccepted }
  | { outcome: 'rejected'; rejected: PlacementRejected; rejectionId: string }
  /** The batch was already delivered (a signal raced the cut-off): the request goes to the next batch. */
  | { outcome: 'late' };

export interface AcceptedBatchPart {
  accepted: number;
  rejected: number;
  /** Requests that raced the cut-off; the workflow forwards them to the next batch. */
  late: PlacementRequest[];
}

export interface DeliveredFile {
  fileName: string;
  manifestName: string;
  sha256: string;
  records: { place: number; recall: number };
}

/** Activities PlacementWorkflow calls; the placement worker registers them beside PlacementActivities. */
export interface PlacementBatchActivities {
  /** Checks each request, records the verdict and answers its balance workflow. */
  acceptPlacements(input: { batch: BatchRef; requests: PlacementRequest[]; now: string }): Promise<AcceptedBatchPart>;
  deliverPlacementFile(input: { batch: BatchRef }): Promise<DeliveredFile>;
  recordAcknowledgement(input: { batch: BatchRef; ack: FileAcknowledgement | null }): Promise<void>;
  /** Routes a request that missed this batch to the agency's next one (signal-with-start). */
  forwardPlacement(input: { request: PlacementRequest; after: BatchRef }): Promise<{ placementWorkflowId: string }>;
}
