import { roleSatisfies, type ApproverRole } from './approvals';
import { toIso, toMs } from './local-time';
import { defaultPolicy } from './policy';
import {
  maxDiscountPct,
  requiredApprover,
  settlementEligibility,
  validateSettlementOffer,
  type SettlementFacts,
} from './settlement';

const DAY = 86_400_000;
const START = '2024-01-01T00:00:00Z';
const day = (n: number) => toIso(toMs(START) + n * DAY);
const policy = defaultPolicy();

/** Day 200, silent and aged, six documented attempts. */
const facts: SettlementFacts = {
  startAt: START,
  balanceCents: 40_000,
  segment: 'silent_aged',
  documentedAttempts: 6,
  openDispute: false,
  activePlan: false,
  hardshipReview: false,
  insuranceHold: false,
  deceased: false,
  bankruptcy: false,
};

describe('maxDiscountPct', () => {
  it.each([
    [0, 0],
    [119, 0],
    [120, 20],
    [179, 20],
    [180, 30],
    [364, 30],
    [365, 40],
    [2000, 40],
  ])('day %i → %i%%', (age, pct) => {
    expect(maxDiscountPct(policy, age)).toBe(pct);
  });
});

describe('requiredApprover', () => {
  it.each([
    [0, 'none'],
    [10, 'none'],
    [11, 'manager'],
    [25, 'manager'],
    [26, 'finance_lead'],
    [40, 'finance_lead'],
  ])('%i%% → %s', (pct, role) => {
    expect(requiredApprover(policy, pct)).toBe(role);
  });
});

describe('roleSatisfies', () => {
  it.each<[unknown, 'none' | 'manager' | 'finance_lead', boolean]>([
    ['staff', 'none', true],
    ['staff', 'manager', false],
    ['manager', 'manager', true],
    ['manager', 'finance_lead', false],
    ['finance_lead', 'manager', true],
    ['finance_lead', 'finance_lead', true],
    ['admin', 'manager', false],
    [undefined, 'manager', false],
  ])('%p for %s → %p', (role, required, expected) => {
    expect(roleSatisfies(role, required)).toBe(expected);
  });
});

describe('settlementEligibility', () => {
  it('an aged, silent, documented balance is eligible', () => {
    expect(settlementEligibility(policy, facts, day(200))).toMatchObject({
      eligible: true,
      failed: [],
      ageDays: 200,
      maxDiscountPct: 30,
    });
  });

  it.each<[string, Partial<SettlementFacts>, string, string[]]>([
    ['day 119', {}, day(119), ['min_age']],
    ['day 120', {}, day(120), []],
    ['a fresh segment is not low probability', { segment: 'fresh' }, day(200), ['low_probability']],
    [
      'engaged high value is not low probability',
      { segment: 'high_value_engaged' },
      day(200),
      ['low_probability'],
    ],
    ['four attempts', { documentedAttempts: 4 }, day(200), ['min_attempts']],
    ['paid', { balanceCents: 0 }, day(200), ['positive_balance']],
    ['fractional balance', { balanceCents: 10.5 }, day(200), ['positive_balance']],
    ['dispute', { openDispute: true }, day(200), ['no_open_dispute']],
    ['plan', { activePlan: true }, day(200), ['no_active_plan']],
    ['hardship', { hardshipReview: true }, day(200), ['no_hardship_review']],
    ['hold', { insuranceHold: true }, day(200), ['no_insurance_hold']],
    ['bankruptcy', { bankruptcy: true }, day(200), ['not_deceased_or_bankrupt']],
  ])('%s', (_name, change, now, failed) => {
    expect(settlementEligibility(policy, { ...facts, ...change }, now).failed).toEqual(failed);
  });
});

describe('validateSettlementOffer', () => {
  const by = (role: ApproverRole) => ({ userId: 'mgr-7', role });

  it.each<[string, number, ReturnType<typeof by> | undefined, object]>([
    [
      '10% needs no approval',
      10,
      undefined,
      { ok: true, requiredApprover: 'none', discountCents: 4_000, settlementCents: 36_000 },
    ],
    [
      '20% without approval is refused',
      20,
      undefined,
      { ok: false, error: 'approval_required', requiredApprover: 'manager' },
    ],
    [
      '20% with a manager',
      20,
      by('manager'),
      { ok: true, requiredApprover: 'manager', approvedBy: 'mgr-7', settlementCents: 32_000 },
    ],
    ['20% with staff', 20, by('staff'), { ok: false, error: 'approver_role_insufficient' }],
    [
      '30% with a manager',
      30,
      by('manager'),
      { ok: false, error: 'approver_role_insufficient', requiredApprover: 'finance_lead' },
    ],
    [
      '30% with a finance lead',
      30,
      by('finance_lead'),
      { ok: true, requiredApprover: 'finance_lead', discountCents: 12_000 },
    ],
    [
      '31% exceeds the day-200 cap',
      31,
      by('finance_lead'),
      { ok: false, error: 'exceeds_max_discount', reason: '31% exceeds the 30% allowed at day 200' },
    ],
    ['0% is not a settlement', 0, undefined, { ok: false, error: 'invalid_discount' }],
    ['fractional percent', 12.5, by('manager'), { ok: false, error: 'invalid_discount' }],
  ])('%s', (_name, pct, approver, expected) => {
    expect(validateSettlementOffer(policy, facts, pct, day(200), approver)).toMatchObject(expected);
  });

  it('an approver on an offer that needs none is not recorded as approving it', () => {
    expect(validateSettlementOffer(policy, facts, 5, day(200), by('manager'))).not.toHaveProperty(
      'approvedBy',
    );
  });

  it('rounds the discount down so the patient never gets more than policy allows', () => {
    expect(
      validateSettlementOffer(policy, { ...facts, balanceCents: 33_333 }, 15, day(200), by('manager')),
    ).toMatchObject({
      discountCents: 4_999,
      settlementCents: 28_334,
    });
  });

  it('refuses an ineligible balance with the failed checks', () => {
    expect(validateSettlementOffer(policy, { ...facts, openDispute: true }, 10, day(100))).toEqual({
      ok: false,
      error: 'not_eligible',
      reason: 'not eligible: min_age, no_open_dispute',
    });
  });
});
