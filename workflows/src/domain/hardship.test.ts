import { validateHardship, type HardshipRequest } from './hardship';
import { validatePlanRequest } from './plan-schedule';
import { defaultPolicy, parsePolicy } from './policy';

const policy = defaultPolicy();
const base: HardshipRequest = {
  outcome: { kind: 'longer_timeline' },
  termMonths: 6,
  verifiedAt: '2024-03-15T16:00:00Z',
  timeZone: 'America/New_York',
  balanceCents: 50_000,
};

describe('validateHardship', () => {
  it.each<[string, Partial<HardshipRequest>, object]>([
    [
      'temporary reduction posts an adjustment',
      { outcome: { kind: 'temporary_reduction', reductionPct: 20 } },
      { ok: true, reductionCents: 10_000, planLimits: { maxInstallments: 6, minInstallmentCents: 2_500 } },
    ],
    [
      'reduction rounds down',
      { outcome: { kind: 'temporary_reduction', reductionPct: 33 }, balanceCents: 10_001 },
      { ok: true, reductionCents: 3_300 },
    ],
    [
      'longer timeline allows 12 installments',
      {},
      { ok: true, reductionCents: 0, planLimits: { maxInstallments: 12, minInstallmentCents: 2_500 } },
    ],
    [
      'lower minimum',
      { outcome: { kind: 'lower_minimum', minInstallmentCents: 1_500 } },
      { ok: true, planLimits: { maxInstallments: 12, minInstallmentCents: 1_500 } },
    ],
    [
      'lower minimum at the floor',
      { outcome: { kind: 'lower_minimum', minInstallmentCents: 1_000 } },
      { ok: true },
    ],
    [
      'lower minimum under the floor',
      { outcome: { kind: 'lower_minimum', minInstallmentCents: 999 } },
      { ok: false, error: 'invalid_minimum' },
    ],
    [
      'a "lower" minimum equal to the usual one',
      { outcome: { kind: 'lower_minimum', minInstallmentCents: 2_500 } },
      { ok: false, error: 'invalid_minimum' },
    ],
    [
      'fractional minimum',
      { outcome: { kind: 'lower_minimum', minInstallmentCents: 1_500.5 } },
      { ok: false, error: 'invalid_minimum' },
    ],
    [
      'reduction above the policy maximum',
      { outcome: { kind: 'temporary_reduction', reductionPct: 51 } },
      { ok: false, error: 'invalid_reduction' },
    ],
    [
      'zero reduction',
      { outcome: { kind: 'temporary_reduction', reductionPct: 0 } },
      { ok: false, error: 'invalid_reduction' },
    ],
    [
      'term shorter than 6 months',
      { termMonths: 5 },
      { ok: false, error: 'invalid_term', reason: 'termMonths must be a whole number from 6 to 12 (got 5)' },
    ],
    ['term longer than 12 months', { termMonths: 13 }, { ok: false, error: 'invalid_term' }],
    ['fractional term', { termMonths: 6.5 }, { ok: false, error: 'invalid_term' }],
    ['fractional balance', { balanceCents: 10.5 }, { ok: false, error: 'invalid_request' }],
    ['unknown zone', { timeZone: 'Nowhere/Else' }, { ok: false, error: 'invalid_request' }],
    [
      'verifiedAt without offset',
      { verifiedAt: '2024-03-15T16:00:00' },
      { ok: false, error: 'invalid_request' },
    ],
  ])('%s', (_name, change, expected) => {
    expect(validateHardship(policy, { ...base, ...change })).toMatchObject(expected);
  });

  it.each<[string, string, string, number, string, string]>([
    [
      'New York, into daylight time',
      'America/New_York',
      '2024-01-15T16:00:00Z',
      6,
      '2024-07-15',
      '2024-07-15T14:00:00.000Z',
    ],
    // 03:00Z on Aug 31 is still Aug 30 in New York; six months later is Feb 28 (2025 is not a leap year).
    [
      'local date, then month end',
      'America/New_York',
      '2024-08-31T03:00:00Z',
      6,
      '2025-02-28',
      '2025-02-28T15:00:00.000Z',
    ],
    [
      'leap day review',
      'America/New_York',
      '2023-08-29T16:00:00Z',
      6,
      '2024-02-29',
      '2024-02-29T15:00:00.000Z',
    ],
    [
      'Phoenix, no DST',
      'America/Phoenix',
      '2024-01-15T16:00:00Z',
      12,
      '2025-01-15',
      '2025-01-15T17:00:00.000Z',
    ],
    // 06:00Z on Jan 15 is the evening of Jan 14 in Honolulu.
    ['Honolulu', 'Pacific/Honolulu', '2024-01-15T06:00:00Z', 6, '2024-07-14', '2024-07-14T20:00:00.000Z'],
  ])('review date: %s', (_name, timeZone, verifiedAt, termMonths, reviewDate, reviewAt) => {
    expect(validateHardship(policy, { ...base, verifiedAt, termMonths, timeZone })).toMatchObject({
      ok: true,
      reviewDate,
      reviewAt,
    });
  });

  it('refuses an outcome the clinic does not grant', () => {
    const p = JSON.parse(JSON.stringify(policy));
    p.hardship.outcomes = ['longer_timeline'];
    expect(
      validateHardship(parsePolicy(p), {
        ...base,
        outcome: { kind: 'temporary_reduction', reductionPct: 10 },
      }),
    ).toMatchObject({
      ok: false,
      error: 'outcome_not_allowed',
    });
  });

  it('its plan limits let validatePlanRequest accept a 12-month plan without approval', () => {
    const decision = validateHardship(policy, {
      ...base,
      outcome: { kind: 'lower_minimum', minInstallmentCents: 1_500 },
    });
    if (!decision.ok) throw new Error(decision.reason);
    expect(validatePlanRequest(policy, 18_000, 12, undefined, decision.planLimits)).toMatchObject({
      ok: true,
      needsApproval: false,
    });
    expect(validatePlanRequest(policy, 18_000, 12)).toMatchObject({
      ok: false,
      error: 'installment_below_minimum',
    });
  });
});
