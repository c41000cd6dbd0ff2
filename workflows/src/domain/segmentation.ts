/**
 * Segments decide the first move and the tone (domain brief, "Segments"). Every answer carries the rule
 * that fired and a plain reason, because staff and ops must be able to say why a patient got this message.
 */
import type { Channel, Segment, SegmentationRules, Tone } from './policy';
import { assertCents, MAX_CENTS } from './money';

export interface SegmentFacts {
  /** Policy days since the first statement (see cadence.daysSince). */
  ageDays: number;
  balanceCents: number;
  /** An open dispute, a "this looks wrong" reply, or a confused question about the bill. */
  disputeHint: boolean;
  /** Two-way engagement recently: replied, called back, used the pay page, asked about a plan. */
  engaged: boolean;
  askedForPlan?: boolean;
  returnedMail: boolean;
  /** Outbound calls that did not reach the patient (no answer, disconnected). */
  failedCalls: number;
}

export type SegmentRule = 'dispute_hint' | 'fresh' | 'engaged_high_balance' | 'silent_aged' | 'stalled';

export type FirstMove =
  | 'text_pay_link'
  | 'statement_then_call'
  | 'offer_review_with_eob_summary'
  | 'offer_structured_plan'
  | 'address_check'
  | 'final_notice_then_placement_by_policy';

export interface SegmentDecision {
  segment: Segment;
  rule: SegmentRule;
  reason: string;
  firstMove: FirstMove;
  tone: Tone;
  channel: Channel;
}

export const DEFAULT_SEGMENTATION: SegmentationRules = {
  freshMaxDays: 30,
  agedMinDays: 90,
  highBalanceCents: 50_000,
};

/** Two unanswered calls are enough to doubt the number on file and check contact details first. */
export const FAILED_CALLS_FOR_CONTACT_DOUBT = 2;

/**
 * First match wins:
 * 1. dispute or confusion → documentation_doubt, at any age and balance: pushing for money on a bill the
 *    patient doubts costs the relationship and, under Reg F, is unlawful until the dispute is answered;
 * 2. age ≤ freshMaxDays → fresh;
 * 3. engaged (or asked for a plan) with a high balance → high_value_engaged. The brief's table says 31–90 days;
 *    an engaged patient past day 90 stays here rather than being treated as silent;
 * 4. age ≥ agedMinDays and not engaged → silent_aged (address check first when mail came back or calls fail);
 * 5. anything else → early_stall: past fresh, not silent-and-aged, not a high-value conversation.
 */
export function segmentOf(
  facts: SegmentFacts,
  rules: SegmentationRules = DEFAULT_SEGMENTATION,
): SegmentDecision {
  // A credit balance (negative) is a fact, not an error; it simply never reaches the high-balance line.
  assertCents(facts.balanceCents, 'balanceCents', -MAX_CENTS);
  if (!Number.isFinite(facts.ageDays) || facts.ageDays < 0)
    throw new RangeError(`ageDays: must be a non-negative number (got ${facts.ageDays})`);
  if (!Number.isInteger(facts.failedCalls) || facts.failedCalls < 0) {
    throw new RangeError(`failedCalls: must be a non-negative integer (got ${facts.failedCalls})`);
  }

  const age = facts.ageDays;
  const engaged = facts.engaged || facts.askedForPlan === true;
  const high = facts.balanceCents >= rules.highBalanceCents;
  const contactFailing = facts.returnedMail || facts.failedCalls >= FAILED_CALLS_FOR_CONTACT_DOUBT;

  if (facts.disputeHint) {
    return {
      segment: 'documentation_doubt',
      rule: 'dispute_hint',
      reason: 'the patient disputes or questions the bill; explain it before asking for payment',
      firstMove: 'offer_review_with_eob_summary',
      tone: 'reassuring',
      channel: 'email',
    };
  }
  if (age <= rules.freshMaxDays) {
    return {
      segment: 'fresh',
      rule: 'fresh',
      reason: `day ${age} is within the first ${rules.freshMaxDays} days`,
      firstMove: 'text_pay_link',
      tone: 'friendly',
      channel: 'sms',
    };
  }
  if (engaged && high) {
    const why = facts.askedForPlan === true ? 'asked for a plan' : 'is engaged';
    return {
      segment: 'high_value_engaged',
      rule: 'engaged_high_balance',
      reason: `balance ${facts.balanceCents} ≥ ${rules.highBalanceCents} cents and the patient ${why} (day ${age})`,
      firstMove: 'offer_structured_plan',
      tone: 'collaborative',
      channel: 'call',
    };
  }
  if (age >= rules.agedMinDays && !engaged) {
    const signs = [
      facts.returnedMail ? 'mail returned' : undefined,
      facts.failedCalls > 0 ? `${facts.failedCalls} failed call(s)` : undefined,
    ].filter((s) => s !== undefined);
    return {
      segment: 'silent_aged',
      rule: 'silent_aged',
      reason: `day ${age} ≥ ${rules.agedMinDays} with no engagement${signs.length > 0 ? ` (${signs.join(', ')})` : ''}`,
      firstMove: contactFailing ? 'address_check' : 'final_notice_then_placement_by_policy',
      tone: 'neutral',
      channel: 'letter',
    };
  }
  return {
    segment: 'early_stall',
    rule: 'stalled',
    reason:
      age >= rules.agedMinDays
        ? `day ${age} ≥ ${rules.agedMinDays} but the patient is engaged; balance below ${rules.highBalanceCents} cents`
        : `day ${age} is past the first ${rules.freshMaxDays} days with no payment yet`,
    firstMove: 'statement_then_call',
    tone: 'helpful',
    channel: 'letter',
  };
}
