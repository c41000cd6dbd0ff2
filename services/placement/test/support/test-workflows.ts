// Bundle for the placement tests: the real PlacementWorkflow plus a stand-in for BalanceWorkflow that only
// records how placement answered it.
import { condition, defineQuery, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';
import { defaultPolicy } from '../../../../workflows/src/domain/policy';
import { validateSettlementOffer } from '../../../../workflows/src/domain/settlement';
import type { OfferSettlementRequest, OfferSettlementResult } from '../../../../workflows/src/shared/balance-messages';
import type { PlacementAccepted, PlacementRejected } from '@courtesy/workflows';

export { PlacementWorkflow } from '../../src/workflows';

export type Answer =
  | ({ kind: 'accepted' } & PlacementAccepted & { eventId: string })
  | ({ kind: 'rejected' } & PlacementRejected & { eventId: string });

export const answersQuery = defineQuery<Answer[]>('answers');
const accepted = defineSignal<[PlacementAccepted & { eventId: string }]>('placementAccepted');
const rejected = defineSignal<[PlacementRejected & { eventId: string }]>('placementRejected');
export const finishSignal = defineSignal('finish');

export async function StandInBalanceWorkflow(): Promise<Answer[]> {
  const answers: Answer[] = [];
  let done = false;
  setHandler(accepted, (a) => void answers.push({ kind: 'accepted', ...a }));
  setHandler(rejected, (r) => void answers.push({ kind: 'rejected', ...r }));
  setHandler(answersQuery, () => answers);
  setHandler(finishSignal, () => void (done = true));
  await condition(() => done);
  return answers;
}

// A stand-in for BalanceWorkflow's settlement Update: the same domain validator on fixed facts (day 200,
// silent and aged, documented attempts, default policy: manager above 10 %, finance lead above 25 %).

const offerSettlement = defineUpdate<OfferSettlementResult, [OfferSettlementRequest]>('offerSettlement');

export async function StandInSettlementWorkflow(startAt: string): Promise<void> {
  const policy = defaultPolicy();
  const facts = {
    startAt,
    balanceCents: 40_000,
    segment: 'silent_aged' as const,
    documentedAttempts: 6,
    openDispute: false,
    activePlan: false,
    hardshipReview: false,
    insuranceHold: false,
    deceased: false,
    bankruptcy: false,
  };
  let offers = 0;
  setHandler(
    offerSettlement,
    (r) => {
      const d = validateSettlementOffer(policy, facts, r.discountPct, Date.now(), r.approver);
      if (!d.ok) throw new Error(d.reason);
      offers++;
      return { offerId: `s${offers}`, discountPct: d.discountPct, settlementCents: d.settlementCents, expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), ...(d.approvedBy ? { approvedBy: d.approvedBy } : {}) };
    },
    {
      validator: (r) => {
        const d = validateSettlementOffer(policy, facts, r.discountPct, Date.now(), r.approver);
        if (!d.ok) throw new Error(`${d.error === 'approval_required' || d.error === 'approver_role_insufficient' ? 'approver' : 'discountPct'}: ${d.reason}`);
      },
    },
  );
  await condition(() => false);
}
