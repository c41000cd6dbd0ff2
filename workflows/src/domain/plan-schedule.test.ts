import {
  applyPayment,
  buildSchedule,
  nextUnpaid,
  offeredTerms,
  outstandingCents,
  rebalance,
  validatePlanRequest,
  type PlanSchedule,
  type ScheduleRequest,
} from './plan-schedule';
import { toMs } from './local-time';
import { defaultPolicy } from './policy';
import type { ApproverRole } from './approvals';

const NY = 'America/New_York';

describe('buildSchedule: due dates in the patient calendar', () => {
  it.each<[string, Partial<ScheduleRequest>, string[], string[], string[]]>([
    [
      'month ends in a leap year, DST in March',
      { totalCents: 100_000, installments: 3, firstDueDate: '2024-01-31' },
      ['2024-01-31', '2024-02-29', '2024-03-31'],
      ['2024-01-31T15:00:00.000Z', '2024-02-29T15:00:00.000Z', '2024-03-31T14:00:00.000Z'],
      ['2024-01-29T15:00:00.000Z', '2024-02-27T15:00:00.000Z', '2024-03-29T14:00:00.000Z'],
    ],
    [
      'month ends in a common year',
      { totalCents: 30_000, installments: 3, firstDueDate: '2023-01-31' },
      ['2023-01-31', '2023-02-28', '2023-03-31'],
      ['2023-01-31T15:00:00.000Z', '2023-02-28T15:00:00.000Z', '2023-03-31T14:00:00.000Z'],
      ['2023-01-29T15:00:00.000Z', '2023-02-26T15:00:00.000Z', '2023-03-29T14:00:00.000Z'],
    ],
    [
      'year boundary and fall back',
      { totalCents: 60_000, installments: 3, firstDueDate: '2024-10-31' },
      ['2024-10-31', '2024-11-30', '2024-12-31'],
      ['2024-10-31T14:00:00.000Z', '2024-11-30T15:00:00.000Z', '2024-12-31T15:00:00.000Z'],
      ['2024-10-29T14:00:00.000Z', '2024-11-28T15:00:00.000Z', '2024-12-29T15:00:00.000Z'],
    ],
    [
      'Phoenix keeps 17:00Z all year',
      { totalCents: 30_000, installments: 3, firstDueDate: '2024-02-10', timeZone: 'America/Phoenix' },
      ['2024-02-10', '2024-03-10', '2024-04-10'],
      ['2024-02-10T17:00:00.000Z', '2024-03-10T17:00:00.000Z', '2024-04-10T17:00:00.000Z'],
      ['2024-02-08T17:00:00.000Z', '2024-03-08T17:00:00.000Z', '2024-04-08T17:00:00.000Z'],
    ],
    [
      'Honolulu across the new year',
      { totalCents: 20_000, installments: 2, firstDueDate: '2024-12-31', timeZone: 'Pacific/Honolulu' },
      ['2024-12-31', '2025-01-31'],
      ['2024-12-31T20:00:00.000Z', '2025-01-31T20:00:00.000Z'],
      ['2024-12-29T20:00:00.000Z', '2025-01-29T20:00:00.000Z'],
    ],
    [
      'every 14 days across a leap day and spring forward',
      { totalCents: 30_000, installments: 3, firstDueDate: '2024-02-20', intervalDays: 14 },
      ['2024-02-20', '2024-03-05', '2024-03-19'],
      ['2024-02-20T15:00:00.000Z', '2024-03-05T15:00:00.000Z', '2024-03-19T14:00:00.000Z'],
      ['2024-02-18T15:00:00.000Z', '2024-03-03T15:00:00.000Z', '2024-03-17T14:00:00.000Z'],
    ],
    [
      'custom local time and same-day reminder',
      {
        totalCents: 20_000,
        installments: 2,
        firstDueDate: '2024-05-15',
        localTime: '09:30',
        reminderDaysBefore: 0,
      },
      ['2024-05-15', '2024-06-15'],
      ['2024-05-15T13:30:00.000Z', '2024-06-15T13:30:00.000Z'],
      ['2024-05-15T13:30:00.000Z', '2024-06-15T13:30:00.000Z'],
    ],
  ])('%s', (_name, request, dueDates, dueAts, remindAts) => {
    const s = buildSchedule({ timeZone: NY, ...request } as ScheduleRequest);
    expect(s.installments.map((i) => i.dueDate)).toEqual(dueDates);
    expect(s.installments.map((i) => i.dueAt)).toEqual(dueAts);
    expect(s.installments.map((i) => i.remindAt)).toEqual(remindAts);
    expect(s.installments.map((i) => i.seq)).toEqual(dueDates.map((_, k) => k + 1));
  });

  it('keeps the 29th anchor through a leap-day plan (Feb 29 → Mar 29 → … → Feb 28)', () => {
    const s = buildSchedule({
      totalCents: 130_000,
      installments: 13,
      firstDueDate: '2024-02-29',
      timeZone: NY,
    });
    expect(s.installments.map((i) => i.dueDate)).toEqual([
      '2024-02-29',
      '2024-03-29',
      '2024-04-29',
      '2024-05-29',
      '2024-06-29',
      '2024-07-29',
      '2024-08-29',
      '2024-09-29',
      '2024-10-29',
      '2024-11-29',
      '2024-12-29',
      '2025-01-29',
      '2025-02-28',
    ]);
  });

  it.each<[string, string, number]>([
    // A reminder two calendar days ahead is 47 h before a due date just after spring forward, 49 h after fall back.
    ['spring forward', '2024-03-11', 47],
    ['fall back', '2024-11-04', 49],
    ['no transition', '2024-06-11', 48],
  ])('reminder before a due date after %s is %i hours ahead', (_name, firstDueDate, hours) => {
    const [i] = buildSchedule({
      totalCents: 10_000,
      installments: 1,
      firstDueDate,
      timeZone: NY,
    }).installments;
    expect((toMs(i!.dueAt) - toMs(i!.remindAt)) / 3_600_000).toBe(hours);
  });
});

describe('buildSchedule: amounts', () => {
  it.each<[number, number, number[]]>([
    [100_000, 3, [33_334, 33_333, 33_333]],
    [10, 3, [4, 3, 3]],
    [90_000, 3, [30_000, 30_000, 30_000]],
    [100_000_000, 7, [14_285_716, 14_285_714, 14_285_714, 14_285_714, 14_285_714, 14_285_714, 14_285_714]],
    [3, 3, [1, 1, 1]],
  ])('%i cents in %i installments → %p (remainder on the first)', (totalCents, installments, amounts) => {
    const s = buildSchedule({ totalCents, installments, firstDueDate: '2024-06-01', timeZone: NY });
    expect(s.installments.map((i) => i.amountCents)).toEqual(amounts);
    expect(outstandingCents(s)).toBe(totalCents);
    expect(s.installments.every((i) => i.paidCents === 0)).toBe(true);
  });

  it.each<[string, Partial<ScheduleRequest>, RegExp]>([
    ['zero total', { totalCents: 0 }, /totalCents: must be at least 1 cents/],
    ['negative total', { totalCents: -100 }, /totalCents/],
    ['fractional total', { totalCents: 99.5 }, /totalCents: must be a whole number/],
    ['overflowing total', { totalCents: 100_000_001 }, /totalCents: must be at most/],
    ['zero installments', { installments: 0 }, /installments/],
    ['fractional installments', { installments: 1.5 }, /installments/],
    ['too many installments', { installments: 121 }, /installments/],
    ['more installments than cents', { totalCents: 3, installments: 4 }, /cannot split 3 cents/],
    ['impossible date', { firstDueDate: '2023-02-29' }, /firstDueDate/],
    ['unknown zone', { timeZone: 'Mars/Olympus_Mons' }, /timeZone/],
    ['bad local time', { localTime: '25:00' }, /localTime/],
    ['negative reminder', { reminderDaysBefore: -1 }, /reminderDaysBefore/],
    ['zero interval', { intervalDays: 0 }, /intervalDays/],
  ])('rejects %s', (_name, override, message) => {
    expect(() =>
      buildSchedule({
        totalCents: 30_000,
        installments: 3,
        firstDueDate: '2024-06-01',
        timeZone: NY,
        ...override,
      }),
    ).toThrow(message);
  });
});

describe('payments and rebalancing', () => {
  /** 90_000 over Jan 31, Feb 29, Mar 31 2024 (New York). */
  const plan = () =>
    buildSchedule({ totalCents: 90_000, installments: 3, firstDueDate: '2024-01-31', timeZone: NY });
  const pay = (s: PlanSchedule, cents: number) => applyPayment(s, cents).schedule;

  it.each<[number, number[], number]>([
    [5_000, [5_000, 0, 0], 0],
    [30_000, [30_000, 0, 0], 0],
    [45_000, [30_000, 15_000, 0], 0],
    [100_000, [30_000, 30_000, 30_000], 10_000],
  ])('applyPayment(%i) fills the oldest first', (cents, paid, unapplied) => {
    const result = applyPayment(plan(), cents);
    expect(result.schedule.installments.map((i) => i.paidCents)).toEqual(paid);
    expect(result.unappliedCents).toBe(unapplied);
  });

  it('nextUnpaid walks through the plan', () => {
    expect(nextUnpaid(plan())?.seq).toBe(1);
    expect(nextUnpaid(pay(plan(), 30_000))?.seq).toBe(2);
    expect(nextUnpaid(pay(plan(), 90_000))).toBeUndefined();
  });

  it.each([[0], [-1], [1.5]])('applyPayment rejects %p', (cents) => {
    expect(() => applyPayment(plan(), cents)).toThrow(/amountCents/);
  });

  it.each<[string, (s: PlanSchedule) => PlanSchedule, number, string, number[]]>([
    [
      'balance drops before anything is due',
      (s) => s,
      60_000,
      '2024-01-15T00:00:00Z',
      [20_000, 20_000, 20_000],
    ],
    [
      'first paid, balance grows, remainder on the first unpaid',
      (s) => pay(s, 30_000),
      50_001,
      '2024-02-10T00:00:00Z',
      [30_000, 25_001, 25_000],
    ],
    // The Feb 29 installment is missed and in retry: it keeps its amount; the rest goes on March.
    [
      'missed installment keeps its amount',
      (s) => pay(s, 30_000),
      70_000,
      '2024-03-05T00:00:00Z',
      [30_000, 30_000, 40_000],
    ],
    [
      'balance below the missed amount: spread over all unpaid',
      (s) => pay(s, 30_000),
      20_000,
      '2024-03-05T00:00:00Z',
      [30_000, 10_000, 10_000],
    ],
    [
      'partly paid installment keeps what was paid',
      (s) => pay(s, 10_000),
      50_000,
      '2024-01-15T00:00:00Z',
      [26_668, 16_666, 16_666],
    ],
    [
      'balance to zero settles every unpaid installment',
      (s) => pay(s, 10_000),
      0,
      '2024-01-15T00:00:00Z',
      [10_000, 0, 0],
    ],
    [
      'everything overdue: spread over all unpaid',
      (s) => s,
      60_001,
      '2024-04-15T00:00:00Z',
      [20_001, 20_000, 20_000],
    ],
  ])('rebalance: %s', (_name, prepare, remaining, now, amounts) => {
    const before = prepare(plan());
    const result = rebalance(before, remaining, now);
    if (!result.ok) throw new Error(result.reason);
    expect(result.schedule.installments.map((i) => i.amountCents)).toEqual(amounts);
    expect(outstandingCents(result.schedule)).toBe(remaining);
    expect(result.schedule.installments.map((i) => [i.dueAt, i.remindAt, i.paidCents])).toEqual(
      before.installments.map((i) => [i.dueAt, i.remindAt, i.paidCents]),
    );
  });

  it('rebalance of a paid-off plan', () => {
    const paid = pay(plan(), 90_000);
    expect(rebalance(paid, 0, '2024-04-01T00:00:00Z')).toEqual({ ok: true, schedule: paid });
    expect(rebalance(paid, 100, '2024-04-01T00:00:00Z')).toEqual({
      ok: false,
      reason: 'all installments are paid; 100 cents cannot be spread over them',
    });
  });

  it.each([[-1], [1.5], [100_000_001]])('rebalance rejects %p', (cents) => {
    expect(() => rebalance(plan(), cents, '2024-01-15T00:00:00Z')).toThrow(/newRemainingCents/);
  });
});

describe('offeredTerms', () => {
  const policy = defaultPolicy();
  it.each<[number, object]>([
    [7_499, { eligible: false, reason: 'balance 7499 is below the plan minimum of 7500 cents' }],
    [
      7_500,
      {
        eligible: true,
        minInstallments: 3,
        maxInstallments: 3,
        maxWithApproval: 3,
        minInstallmentCents: 2_500,
      },
    ],
    [29_999, { eligible: true, minInstallments: 3, maxInstallments: 3, maxWithApproval: 11 }],
    [30_000, { eligible: true, minInstallments: 3, maxInstallments: 4, maxWithApproval: 12 }],
    [99_999, { eligible: true, maxInstallments: 4 }],
    [100_000, { eligible: true, maxInstallments: 5, maxWithApproval: 24 }],
    [250_000, { eligible: true, maxInstallments: 6, maxWithApproval: 24 }],
    [100_000_000, { eligible: true, maxInstallments: 6, maxWithApproval: 24 }],
    [
      12.5,
      {
        eligible: false,
        reason: 'balanceCents: must be a whole number of cents (1250 for $12.50), not a fraction',
      },
    ],
    [-1, { eligible: false, reason: 'balanceCents: must not be negative' }],
  ])('%i cents', (balance, expected) => {
    expect(offeredTerms(policy, balance)).toMatchObject(expected);
  });
});

describe('validatePlanRequest', () => {
  const policy = defaultPolicy();
  const by = (role: ApproverRole) => ({ userId: 'u-1', role });

  it.each<[string, number, number, ReturnType<typeof by> | undefined, object]>([
    ['within the offered range', 50_000, 4, undefined, { ok: true, needsApproval: false }],
    ['fewer than offered is fine', 50_000, 2, undefined, { ok: true, needsApproval: false }],
    [
      'one more than offered needs a manager',
      50_000,
      5,
      undefined,
      { ok: true, needsApproval: true, requiredRole: 'manager', approved: false },
    ],
    [
      'approved by a manager',
      50_000,
      5,
      by('manager'),
      { ok: true, needsApproval: true, approved: true, approvedBy: 'u-1' },
    ],
    [
      'a finance lead outranks a manager',
      50_000,
      5,
      by('finance_lead'),
      { ok: true, needsApproval: true, approved: true },
    ],
    ['staff cannot approve', 50_000, 5, by('staff'), { ok: false, error: 'approver_role_insufficient' }],
    ['20 × 2500 is the longest for $500', 50_000, 20, by('manager'), { ok: true, approved: true }],
    [
      '21 installments fall below $25',
      50_000,
      21,
      by('manager'),
      {
        ok: false,
        error: 'installment_below_minimum',
        reason: '21 installments would be 2380 cents each, below the minimum of 2500',
      },
    ],
    [
      'beyond the approval ceiling',
      1_000_000,
      25,
      by('finance_lead'),
      { ok: false, error: 'exceeds_max_term' },
    ],
    ['24 is the approval ceiling', 1_000_000, 24, by('manager'), { ok: true, approved: true }],
    ['a single payment is not a plan', 50_000, 1, undefined, { ok: false, error: 'invalid_installments' }],
    ['fractional installments', 50_000, 2.5, undefined, { ok: false, error: 'invalid_installments' }],
    ['below the plan minimum', 7_499, 3, undefined, { ok: false, error: 'below_min_balance' }],
    ['fractional cents', 12.5, 3, undefined, { ok: false, error: 'invalid_balance' }],
    ['overflowing cents', 100_000_001, 3, undefined, { ok: false, error: 'invalid_balance' }],
  ])('%s', (_name, balance, installments, approver, expected) => {
    expect(validatePlanRequest(policy, balance, installments, approver)).toMatchObject(expected);
  });

  it.each<[number, number, object]>([
    [50_000, 12, { ok: true, needsApproval: false }],
    [20_000, 12, { ok: true, needsApproval: false }],
    [50_000, 13, { ok: true, needsApproval: true }],
    [50_000, 30, { ok: false, error: 'exceeds_max_term' }],
    [
      20_000,
      21,
      {
        ok: false,
        error: 'installment_below_minimum',
        reason: '21 installments would be 952 cents each, below the minimum of 1000',
      },
    ],
  ])('with hardship limits: %i cents in %i', (balance, installments, expected) => {
    expect(
      validatePlanRequest(policy, balance, installments, undefined, {
        maxInstallments: 12,
        minInstallmentCents: 1_000,
      }),
    ).toMatchObject(expected);
  });

  it('without hardship the same small installments are refused', () => {
    expect(validatePlanRequest(policy, 20_000, 12)).toMatchObject({
      ok: false,
      error: 'installment_below_minimum',
    });
  });
});
