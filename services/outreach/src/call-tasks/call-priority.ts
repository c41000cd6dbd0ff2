import type { CreateCallTaskRequest, OutreachRequestBase } from '@courtesy/workflows';

type Segment = OutreachRequestBase['segment'];

// Engaged, high balances first (a plan is likely); silent aged ones last (the call mostly confirms an address).
const SEGMENT_WEIGHT: Record<Segment, number> = {
  high_value_engaged: 40,
  early_stall: 30,
  documentation_doubt: 25,
  fresh: 20,
  silent_aged: 10,
};

// A patient who asked for a plan or missed an installment is waiting on us; that outranks a cadence call.
const PURPOSE_WEIGHT: Record<CreateCallTaskRequest['purpose'], number> = {
  plan_requested: 40,
  missed_installment: 30,
  hard_decline: 25,
  cadence: 0,
  address_check: 5,
};

/** Higher is called first: segment, then why, then balance (one point per $100, at most 30). Pure. */
export function callPriority(segment: Segment, purpose: CreateCallTaskRequest['purpose'], balanceCents: number): number {
  return (SEGMENT_WEIGHT[segment] ?? 0) + (PURPOSE_WEIGHT[purpose] ?? 0) + Math.min(30, Math.floor(Math.max(0, balanceCents) / 10_000));
}
