import { segmentOf, type SegmentFacts } from './segmentation';

const base: SegmentFacts = {
  ageDays: 0,
  balanceCents: 10_000,
  disputeHint: false,
  engaged: false,
  returnedMail: false,
  failedCalls: 0,
};

describe('segmentOf', () => {
  it.each<[string, Partial<SegmentFacts>, string, string, string]>([
    ['day 0', { ageDays: 0 }, 'fresh', 'fresh', 'text_pay_link'],
    ['day 30 is still fresh', { ageDays: 30 }, 'fresh', 'fresh', 'text_pay_link'],
    ['day 31 without engagement stalls', { ageDays: 31 }, 'early_stall', 'stalled', 'statement_then_call'],
    [
      'fresh wins over high value',
      { ageDays: 10, engaged: true, balanceCents: 500_000 },
      'fresh',
      'fresh',
      'text_pay_link',
    ],
    [
      'engaged at exactly the high line',
      { ageDays: 31, engaged: true, balanceCents: 50_000 },
      'high_value_engaged',
      'engaged_high_balance',
      'offer_structured_plan',
    ],
    [
      'engaged one cent under the line',
      { ageDays: 31, engaged: true, balanceCents: 49_999 },
      'early_stall',
      'stalled',
      'statement_then_call',
    ],
    [
      'asked for a plan counts as engaged',
      { ageDays: 60, askedForPlan: true, balanceCents: 200_000 },
      'high_value_engaged',
      'engaged_high_balance',
      'offer_structured_plan',
    ],
    [
      'high balance but silent at day 89',
      { ageDays: 89, balanceCents: 200_000 },
      'early_stall',
      'stalled',
      'statement_then_call',
    ],
    [
      'silent at day 90',
      { ageDays: 90 },
      'silent_aged',
      'silent_aged',
      'final_notice_then_placement_by_policy',
    ],
    [
      'engaged high value at day 90',
      { ageDays: 90, engaged: true, balanceCents: 60_000 },
      'high_value_engaged',
      'engaged_high_balance',
      'offer_structured_plan',
    ],
    [
      'engaged high value past day 90 is not silent',
      { ageDays: 140, engaged: true, balanceCents: 60_000 },
      'high_value_engaged',
      'engaged_high_balance',
      'offer_structured_plan',
    ],
    [
      'engaged small balance past day 90',
      { ageDays: 150, engaged: true },
      'early_stall',
      'stalled',
      'statement_then_call',
    ],
    [
      'returned mail at day 120',
      { ageDays: 120, returnedMail: true },
      'silent_aged',
      'silent_aged',
      'address_check',
    ],
    [
      'one failed call is not enough to doubt contact',
      { ageDays: 120, failedCalls: 1 },
      'silent_aged',
      'silent_aged',
      'final_notice_then_placement_by_policy',
    ],
    ['two failed calls', { ageDays: 120, failedCalls: 2 }, 'silent_aged', 'silent_aged', 'address_check'],
    [
      'dispute hint when fresh',
      { ageDays: 5, disputeHint: true },
      'documentation_doubt',
      'dispute_hint',
      'offer_review_with_eob_summary',
    ],
    [
      'dispute hint when aged and silent',
      { ageDays: 200, disputeHint: true, returnedMail: true },
      'documentation_doubt',
      'dispute_hint',
      'offer_review_with_eob_summary',
    ],
    [
      'dispute hint from a high-value engaged patient',
      { ageDays: 45, disputeHint: true, engaged: true, balanceCents: 900_000 },
      'documentation_doubt',
      'dispute_hint',
      'offer_review_with_eob_summary',
    ],
    ['credit balance', { ageDays: 45, balanceCents: -500 }, 'early_stall', 'stalled', 'statement_then_call'],
  ])('%s → %s', (_name, facts, segment, rule, firstMove) => {
    const d = segmentOf({ ...base, ...facts });
    expect([d.segment, d.rule, d.firstMove]).toEqual([segment, rule, firstMove]);
    expect(d.reason.length).toBeGreaterThan(0);
  });

  it.each<[Partial<SegmentFacts>, string, string]>([
    [{ ageDays: 12 }, 'fresh', 'day 12 is within the first 30 days'],
    [
      { ageDays: 45, askedForPlan: true, balanceCents: 75_000 },
      'high_value_engaged',
      'balance 75000 ≥ 50000 cents and the patient asked for a plan (day 45)',
    ],
    [
      { ageDays: 100, returnedMail: true, failedCalls: 3 },
      'silent_aged',
      'day 100 ≥ 90 with no engagement (mail returned, 3 failed call(s))',
    ],
    [{ ageDays: 100 }, 'silent_aged', 'day 100 ≥ 90 with no engagement'],
    [
      { ageDays: 100, engaged: true },
      'early_stall',
      'day 100 ≥ 90 but the patient is engaged; balance below 50000 cents',
    ],
  ])('explains %p', (facts, segment, reason) => {
    expect(segmentOf({ ...base, ...facts })).toMatchObject({ segment, reason });
  });

  it.each<[Partial<SegmentFacts>, string]>([
    [{ ageDays: 10 }, 'friendly'],
    [{ ageDays: 40 }, 'helpful'],
    [{ ageDays: 40, disputeHint: true }, 'reassuring'],
    [{ ageDays: 40, engaged: true, balanceCents: 80_000 }, 'collaborative'],
    [{ ageDays: 100 }, 'neutral'],
  ])('tone for %p is %s', (facts, tone) => {
    expect(segmentOf({ ...base, ...facts }).tone).toBe(tone);
  });

  it('uses the policy thresholds', () => {
    const rules = { freshMaxDays: 14, agedMinDays: 60, highBalanceCents: 20_000 };
    expect(segmentOf({ ...base, ageDays: 15 }, rules).segment).toBe('early_stall');
    expect(segmentOf({ ...base, ageDays: 60 }, rules).segment).toBe('silent_aged');
    expect(segmentOf({ ...base, ageDays: 20, engaged: true, balanceCents: 20_000 }, rules).segment).toBe(
      'high_value_engaged',
    );
  });

  it.each<[Partial<SegmentFacts>, RegExp]>([
    [{ balanceCents: 12.5 }, /balanceCents/],
    [{ balanceCents: 100_000_001 }, /balanceCents/],
    [{ ageDays: -1 }, /ageDays/],
    [{ ageDays: Number.NaN }, /ageDays/],
    [{ failedCalls: -1 }, /failedCalls/],
  ])('rejects %p', (facts, message) => {
    expect(() => segmentOf({ ...base, ...facts })).toThrow(message);
  });
});
