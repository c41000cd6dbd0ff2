/**
 * The contract between BalanceWorkflow and the placement service (task queue `placement`). BalanceWorkflow
 * checks the gates itself, then signal-with-starts the agency's PlacementWorkflow for the day; placement checks
 * the same gates again before it accepts, and answers the balance workflow by signal.
 */
import type { GateName } from '../domain/placement-gates';
import type { PlacementFacts } from '../domain/placement-gates';
import type { CollectionPolicy } from '../domain/policy';

export interface PlacementRequest {
  /** Balance workflow to answer (signals `placementAccepted` / `placementRejected` / recall confirmations). */
  balanceWorkflowId: string;
  tenantId: string;
  clinicId: string;
  accountId: string;
  balanceCents: number;
  policyVersion: number;
  /** The facts BalanceWorkflow evaluated the gates on; placement re-evaluates them against the policy. */
  facts: PlacementFacts;
  requestedAt: string;
  /**
   * The policy snapshot the workflow follows (version `policyVersion`). Placement re-validates it and re-runs
   * the gates at its own clock; without it placement rejects (it cannot place without a written policy).
   */
  policy?: CollectionPolicy;
  /** For the credit-reporting eligibility placement shows (never acts on): balance when first billed. */
  originalBalanceCents?: number;
  /** The patient's two-letter US state, for the same display; unknown means not eligible. */
  patientState?: string;
}

export interface PlacementAccepted {
  agencyId: string;
  placementId: string;
  placementWorkflowId: string;
}

export interface PlacementRejected {
  /** Every gate that failed, by name. */
  failedGates: GateName[];
  reason: string;
}

export interface RecallRequest {
  balanceWorkflowId: string;
  tenantId: string;
  clinicId: string;
  accountId: string;
  placementId: string;
  reason: 'payment' | 'dispute' | 'insurance_rebill' | 'hardship' | 'clinic_decision' | 'resolved';
  requestedAt: string;
}

/** Task-queue-`placement` activities callable from BalanceWorkflow. */
export interface PlacementActivities {
  /** Resolves which agency serves the clinic and the ID of that agency's PlacementWorkflow for the day. */
  routePlacement(request: PlacementRequest): Promise<{ agencyId: string; placementWorkflowId: string } | { rejected: PlacementRejected }>;
  requestRecall(request: RecallRequest): Promise<void>;
}
