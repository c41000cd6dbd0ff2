import { evaluatePlacementGates, GATE_NAMES, type PlacementFacts } from './placement-gates';
import { toIso, toMs } from './local-time';
import {
  defaultPolicy,
  nonprofitHospitalPreset,
  planOfferBeforePlacementPreset,
  stateWaitingPeriodPreset,
} from './policy';

const DAY = 86_400_000;
const START = '2024-01-01T00:00:00Z';
const day = (n: number, extraMs = 0) => toIso(toMs(START) + n * DAY + extraMs);

/** A silent balance on day 95 that meets every default gate. */
const facts: PlacementFacts = {
  startAt: START,
  balanceCents: 20_000,
  attemptsByChannel: { sms: 1, letter: 2, call: 1, email: 1 },
  finalNoticeSentAt: day(55),
  planOfferedAt: null,
  openDispute: false,
  activePlan: false,
  hardshipReview: false,
  insuranceHold: false,
  deceased: false,
  bankruptcy: false,
};

describe('evaluatePlacementGates', () => {
  it('lists every gate, in order, and passes a balance that meets them all', () => {
    const result = evaluatePlacementGates(defaultPolicy(), facts, day(95));
    expect(result.gates.map((g) => g.gate)).toEqual([...GATE_NAMES]);
    expect(result).toMatchObject({
      eligible: true,
      failed: [],
      ageDays: 95,
      policyId: 'default',
      policyVersion: 1,
      evaluatedAt: day(95),
    });
    expect(result.gates.every((g) => g.pass && g.detail.length > 0)).toBe(true);
  });

  it.each<[string, Partial<PlacementFacts>, string, string[]]>([
    ['day 89: before the window', {}, day(89), ['age_window']],
    ['day 90: window opens', {}, day(90), []],
    ['last millisecond of day 120', {}, day(121, -1), []],
    ['day 121: window closed', {}, day(121), ['age_window']],
    ['balance one cent under minimum', { balanceCents: 4_999 }, day(95), ['min_balance']],
    ['balance at minimum', { balanceCents: 5_000 }, day(95), []],
    ['credit balance', { balanceCents: -100 }, day(95), ['min_balance']],
    ['fractional balance', { balanceCents: 5_000.5 }, day(95), ['min_balance']],
    [
      'no call documented',
      { attemptsByChannel: { sms: 1, letter: 2, email: 1 } },
      day(95),
      ['documented_attempts'],
    ],
    [
      'too few attempts in total',
      { attemptsByChannel: { letter: 2, call: 1 } },
      day(95),
      ['documented_attempts'],
    ],
    [
      'one letter only',
      { attemptsByChannel: { sms: 2, letter: 1, call: 1, email: 1 } },
      day(95),
      ['documented_attempts'],
    ],
    [
      'negative attempt count',
      { attemptsByChannel: { sms: -1, letter: 2, call: 1, email: 5 } },
      day(95),
      ['documented_attempts'],
    ],
    ['no final notice', { finalNoticeSentAt: null }, day(95), ['final_notice_lead']],
    ['final notice omitted', { finalNoticeSentAt: undefined }, day(95), ['final_notice_lead']],
    ['final notice 29 days ago', { finalNoticeSentAt: day(66) }, day(95), ['final_notice_lead']],
    [
      'final notice a millisecond short of 30 days',
      { finalNoticeSentAt: day(65, 1) },
      day(95),
      ['final_notice_lead'],
    ],
    ['final notice exactly 30 days ago', { finalNoticeSentAt: day(65) }, day(95), []],
    ['final notice stamped in the future', { finalNoticeSentAt: day(96) }, day(95), ['final_notice_lead']],
    ['open dispute', { openDispute: true }, day(95), ['no_open_dispute']],
    ['active plan', { activePlan: true }, day(95), ['no_active_plan']],
    ['hardship review', { hardshipReview: true }, day(95), ['no_hardship_review']],
    ['insurance hold', { insuranceHold: true }, day(95), ['no_insurance_hold']],
    ['deceased', { deceased: true }, day(95), ['not_deceased_or_bankrupt']],
    ['bankruptcy', { bankruptcy: true }, day(95), ['not_deceased_or_bankrupt']],
    [
      'several at once, in gate order',
      { bankruptcy: true, openDispute: true, balanceCents: 0 },
      day(80),
      ['age_window', 'min_balance', 'final_notice_lead', 'no_open_dispute', 'not_deceased_or_bankrupt'],
    ],
  ])('default policy: %s', (_name, change, now, failed) => {
    const result = evaluatePlacementGates(defaultPolicy(), { ...facts, ...change }, now);
    expect(result.failed).toEqual(failed);
    expect(result.eligible).toBe(failed.length === 0);
  });

  it.each<[string, () => ReturnType<typeof defaultPolicy>, Partial<PlacementFacts>, string, string[]]>([
    [
      'state 180: day 95 is too early',
      () => stateWaitingPeriodPreset(180),
      {},
      day(95),
      ['age_window', 'waiting_period'],
    ],
    ['state 180: day 185 passes', () => stateWaitingPeriodPreset(180), {}, day(185), []],
    [
      'state 240: day 239',
      () => stateWaitingPeriodPreset(240),
      {},
      day(239),
      ['age_window', 'waiting_period'],
    ],
    ['state 240: day 240', () => stateWaitingPeriodPreset(240), {}, day(240), []],
    ['nonprofit: day 119', () => nonprofitHospitalPreset(), {}, day(119), ['age_window', 'waiting_period']],
    ['nonprofit: day 120', () => nonprofitHospitalPreset(), {}, day(120), []],
    ['plan offer required, none made', () => planOfferBeforePlacementPreset(), {}, day(95), ['plan_offered']],
    [
      'plan offered 25 days ago',
      () => planOfferBeforePlacementPreset(),
      { planOfferedAt: day(70) },
      day(95),
      ['plan_offered'],
    ],
    [
      'plan offered 30 days ago',
      () => planOfferBeforePlacementPreset(),
      { planOfferedAt: day(65) },
      day(95),
      [],
    ],
  ])('preset %s', (_name, policy, change, now, failed) => {
    expect(evaluatePlacementGates(policy(), { ...facts, ...change }, now).failed).toEqual(failed);
  });

  it('explains a failing gate', () => {
    const result = evaluatePlacementGates(
      defaultPolicy(),
      { ...facts, attemptsByChannel: { letter: 1 }, finalNoticeSentAt: day(80) },
      day(95),
    );
    const detail = Object.fromEntries(result.gates.map((g) => [g.gate, g.detail]));
    expect(detail['documented_attempts']).toBe('short: total 1/4, letter 1/2, call 0/1');
    expect(detail['final_notice_lead']).toBe(
      'final notice sent 2024-03-21T00:00:00.000Z; placement allowed from 2024-04-20T00:00:00.000Z (30 days later)',
    );
    expect(detail['age_window']).toBe('day 95; window is day 90–120');
  });

  it('counts policy days of the demo length', () => {
    const demo = defaultPolicy({ dayLengthMs: 10_000 });
    const t = (n: number) => toIso(toMs(START) + n * 10_000);
    expect(evaluatePlacementGates(demo, { ...facts, finalNoticeSentAt: t(60) }, t(95)).eligible).toBe(true);
    expect(evaluatePlacementGates(demo, { ...facts, finalNoticeSentAt: t(60) }, t(89)).failed).toEqual([
      'age_window',
      'final_notice_lead',
    ]);
  });

  it('rejects a malformed instant instead of guessing', () => {
    expect(() =>
      evaluatePlacementGates(defaultPolicy(), { ...facts, finalNoticeSentAt: '2024-02-25' }, day(95)),
    ).toThrow(/finalNoticeSentAt/);
  });
});
