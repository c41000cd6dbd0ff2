import {
  defaultPolicy,
  nonprofitHospitalPreset,
  parsePolicy,
  planOfferBeforePlacementPreset,
  stateWaitingPeriodPreset,
  stepChannels,
  validatePolicy,
  type CollectionPolicy,
} from './policy';

/** A mutable deep copy of the default policy, for one test to break. */
function draft(): any {
  return JSON.parse(JSON.stringify(defaultPolicy()));
}

function errorsOf(input: unknown): string[] {
  const result = validatePolicy(input);
  return result.ok ? [] : result.errors;
}

describe('defaultPolicy', () => {
  it('reproduces the cadence of the domain brief', () => {
    const p = defaultPolicy();
    expect(p.cadence.map((s) => [s.dayOffset, stepChannels(s), s.kind])).toEqual([
      [3, ['sms'], 'reminder'],
      [10, ['letter'], 'reminder'],
      [18, ['email'], 'reminder'],
      [25, ['call'], 'reminder'],
      [35, ['letter', 'email'], 'reminder'],
      [60, ['letter'], 'final_notice'],
    ]);
    expect(p.finalNoticeDay).toBe(60);
    expect([p.placement.windowStartDay, p.placement.windowEndDay, p.placement.finalNoticeLeadDays]).toEqual([
      90, 120, 30,
    ]);
    expect(p.plan.retryScheduleDays).toEqual([1, 3, 7]);
    expect(p.plan.reminderDaysBefore).toBe(2);
    expect([p.hardship.termMonthsMin, p.hardship.termMonthsMax]).toEqual([6, 12]);
    expect(p.dayLengthMs).toBe(86_400_000);
  });

  it('accepts a demo day length', () => {
    expect(defaultPolicy({ dayLengthMs: 10_000 }).dayLengthMs).toBe(10_000);
  });

  it('round-trips through validatePolicy unchanged (it is plain JSON for workflow payloads)', () => {
    const p = defaultPolicy();
    expect(parsePolicy(JSON.parse(JSON.stringify(p)))).toEqual(p);
  });

  it('does not share default arrays between parsed policies', () => {
    const a = draft();
    const b = draft();
    delete a.quietDates;
    delete b.quietDates;
    delete a.channelFallback;
    delete b.channelFallback;
    const pa = parsePolicy(a);
    pa.quietDates.push('2024-12-25');
    pa.channelFallback.sms.push('call');
    const pb = parsePolicy(b);
    expect(pb.quietDates).toEqual([]);
    expect(pb.channelFallback.sms).toEqual(['email', 'letter']);
  });

  it('fills defaults and drops unknown fields', () => {
    const input = draft();
    delete input.placement.finalNoticeLeadDays;
    delete input.plan.retryScheduleDays;
    delete input.quietDates;
    input.someFutureField = true;
    const p = parsePolicy(input) as CollectionPolicy & { someFutureField?: unknown };
    expect(p.placement.finalNoticeLeadDays).toBe(30);
    expect(p.plan.retryScheduleDays).toEqual([1, 3, 7]);
    expect(p.quietDates).toEqual([]);
    expect(p.someFutureField).toBeUndefined();
  });
});

describe('presets', () => {
  it.each([
    [
      'nonprofit hospital',
      () => nonprofitHospitalPreset(),
      {
        waitingPeriodDays: 120,
        windowStartDay: 120,
        windowEndDay: 150,
        finalNoticeLeadDays: 30,
        requireWrittenFinalNotice: true,
      },
    ],
    [
      'state waiting 180',
      () => stateWaitingPeriodPreset(180),
      { waitingPeriodDays: 180, windowStartDay: 180, windowEndDay: 210 },
    ],
    [
      'state waiting 240',
      () => stateWaitingPeriodPreset(240),
      { waitingPeriodDays: 240, windowStartDay: 240, windowEndDay: 270 },
    ],
    [
      'state waiting shorter than the window',
      () => stateWaitingPeriodPreset(60),
      { waitingPeriodDays: 60, windowStartDay: 90, windowEndDay: 120 },
    ],
    [
      'plan offer',
      () => planOfferBeforePlacementPreset(),
      { requirePlanOfferBeforePlacement: true, planOfferLeadDays: 30 },
    ],
    [
      'nonprofit then state 240',
      () => stateWaitingPeriodPreset(240, nonprofitHospitalPreset()),
      { waitingPeriodDays: 240, windowStartDay: 240, requireWrittenFinalNotice: true },
    ],
  ])('%s is a valid policy with the stricter rule', (_name, make, expected) => {
    const p = make();
    expect(validatePolicy(p)).toEqual({ ok: true, policy: p });
    expect(p.placement).toMatchObject(expected);
  });

  it('does not modify the base policy', () => {
    const base = defaultPolicy();
    nonprofitHospitalPreset(base);
    expect(base.placement.windowStartDay).toBe(90);
  });

  it('nonprofit preset sends the final notice by letter', () => {
    const base = draft();
    base.cadence[5].channel = ['email', 'letter'];
    const p = nonprofitHospitalPreset(parsePolicy(base));
    expect(p.cadence[5]!.channel).toBe('letter');
  });

  it.each([[0], [-1], [2.5]])('state waiting period rejects %p days', (days) => {
    expect(() => stateWaitingPeriodPreset(days)).toThrow(RangeError);
  });
});

describe('validatePolicy: field errors', () => {
  it.each<[string, (p: any) => void, string[]]>([
    [
      'negative day offset',
      (p) => (p.cadence[2].dayOffset = -1),
      ['cadence[2].dayOffset: must be a non-negative integer'],
    ],
    [
      'fractional day offset',
      (p) => (p.cadence[2].dayOffset = 2.5),
      ['cadence[2].dayOffset: must be a non-negative integer'],
    ],
    [
      'day offset as text',
      (p) => (p.cadence[2].dayOffset = '18'),
      ['cadence[2].dayOffset: must be a non-negative integer'],
    ],
    [
      'absurd day offset',
      (p) => (p.cadence[5].dayOffset = 86_400_000),
      ['cadence[5].dayOffset: must be at most 3650 days'],
    ],
    [
      'unknown channel',
      (p) => (p.cadence[0].channel = 'fax'),
      [
        'cadence[0].channel: must be one of sms, email, letter, call, or a non-empty list of them in order of preference',
      ],
    ],
    [
      'empty channel list',
      (p) => (p.cadence[0].channel = []),
      [
        'cadence[0].channel: must be one of sms, email, letter, call, or a non-empty list of them in order of preference',
      ],
    ],
    [
      'unknown tone',
      (p) => (p.cadence[1].tone = 'stern'),
      ['cadence[1].tone: must be one of friendly, helpful, reassuring, collaborative, neutral'],
    ],
    ['missing template', (p) => delete p.cadence[1].templateKey, ['cadence[1].templateKey: is required']],
    ['missing policy id', (p) => delete p.policyId, ['policyId: is required']],
    ['missing placement', (p) => delete p.placement, ['placement: is required']],
    [
      'fractional cents',
      (p) => (p.plan.minBalanceCents = 12.5),
      ['plan.minBalanceCents: must be a whole number of cents between 0 and 100000000'],
    ],
    [
      'negative cents',
      (p) => (p.placement.minBalanceCents = -1),
      ['placement.minBalanceCents: must be a whole number of cents between 0 and 100000000'],
    ],
    [
      'overflowing cents',
      (p) => (p.placement.minBalanceCents = 100_000_001),
      ['placement.minBalanceCents: must be a whole number of cents between 0 and 100000000'],
    ],
    [
      'zero day length',
      (p) => (p.dayLengthMs = 0),
      ['dayLengthMs: must be an integer number of milliseconds between 1 and 86400000'],
    ],
    [
      'day length over a day',
      (p) => (p.dayLengthMs = 86_400_001),
      ['dayLengthMs: must be an integer number of milliseconds between 1 and 86400000'],
    ],
    [
      'impossible quiet date',
      (p) => (p.quietDates = ['2023-02-29']),
      ['quietDates[0]: must be a real calendar date YYYY-MM-DD'],
    ],
    ['weekday 7', (p) => (p.quietWeekdays = [7]), ['quietWeekdays[0]: must be at most 6']],
    [
      'percent over 100',
      (p) => (p.settlement.managerThresholdPct = 101),
      ['settlement.managerThresholdPct: must be a whole percent between 0 and 100'],
    ],
    [
      'one-installment range',
      (p) => (p.plan.termsByBalance[0].minInstallments = 1),
      ['plan.termsByBalance[0].minInstallments: must be an integer of at least 2'],
    ],
    [
      'bad step key',
      (p) => (p.cadence[0].key = 'Text Pay Link'),
      ['cadence[0].key: must be a step key: lowercase letters, digits, "_", "-", ".", at most 64 characters'],
    ],
  ])('%s', (_name, mutate, expected) => {
    const p = draft();
    mutate(p);
    expect(errorsOf(p)).toEqual(expected);
  });

  it('reports every bad field at once', () => {
    const p = draft();
    p.cadence[2].dayOffset = -1;
    p.cadence[0].channel = 'fax';
    p.weeklyMessageCap = 0;
    expect(errorsOf(p)).toEqual([
      'cadence[0].channel: must be one of sms, email, letter, call, or a non-empty list of them in order of preference',
      'cadence[2].dayOffset: must be a non-negative integer',
      'weeklyMessageCap: must be a positive integer',
    ]);
  });

  it.each([['a string'], [null], [42]])('rejects a non-object %p at the root', (input) => {
    const errors = errorsOf(input);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\(policy\): /);
  });
});

describe('validatePolicy: incoherent policies', () => {
  it.each<[string, (p: any) => void, string[]]>([
    [
      'window end before start',
      (p) => (p.placement.windowEndDay = 80),
      ['placement.windowEndDay: must not be before placement.windowStartDay (90)'],
    ],
    [
      'steps out of order',
      (p) => (p.cadence[2].dayOffset = 5),
      ['cadence[2].dayOffset: steps must be in day order: day 5 comes after day 10 of cadence[1]'],
    ],
    [
      'final notice after window start minus lead',
      (p) => {
        p.finalNoticeDay = 70;
        p.cadence[5].dayOffset = 70;
      },
      [
        'finalNoticeDay: must be at most placement.windowStartDay - placement.finalNoticeLeadDays (90 - 30 = 60)',
      ],
    ],
    [
      'final notice step off finalNoticeDay, soft phase longer than it',
      (p) => (p.finalNoticeDay = 55),
      [
        'cadence[5].dayOffset: the final_notice step must be on finalNoticeDay (55)',
        'softPhaseDays: must not exceed finalNoticeDay (55): the final notice ends the soft phase',
      ],
    ],
    [
      'duplicate step key',
      (p) => (p.cadence[3].key = 'statement_1'),
      ['cadence[3].key: duplicates cadence[1].key "statement_1"'],
    ],
    [
      'duplicate channel in a step',
      (p) => (p.cadence[4].channel = ['letter', 'letter']),
      ['cadence[4].channel: lists letter more than once'],
    ],
    [
      'no final notice',
      (p) => (p.cadence[5].kind = 'reminder'),
      ['cadence: needs exactly one step of kind final_notice (placement requires a final notice)'],
    ],
    [
      'two final notices',
      (p) => (p.cadence[4].kind = 'final_notice'),
      [
        'cadence[5].kind: only one final_notice step is allowed',
        'cadence[4].dayOffset: the final_notice step must be on finalNoticeDay (60)',
      ],
    ],
    [
      'written final notice by text',
      (p) => {
        p.placement.requireWrittenFinalNotice = true;
        p.cadence[5].channel = 'sms';
      },
      ['cadence[5].channel: a written final notice must go by letter or email only'],
    ],
    [
      'waiting period past the window',
      (p) => (p.placement.waitingPeriodDays = 150),
      [
        'placement.waitingPeriodDays: ends after the placement window closes (day 120), so no balance could ever be placed',
      ],
    ],
    [
      'channel minimums above total',
      (p) => (p.placement.minAttempts.total = 2),
      ['placement.minAttempts.total: must be at least the sum of the per-channel minimums (3)'],
    ],
    [
      'more attempts than the cadence plans',
      (p) => (p.placement.minAttempts.total = 7),
      ['placement.minAttempts.total: the cadence plans only 6 step(s) before day 90'],
    ],
    [
      'more calls than the cadence plans',
      (p) => (p.placement.minAttempts.byChannel.call = 2),
      ['placement.minAttempts.byChannel.call: the cadence plans only 1 call step(s) before day 90'],
    ],
    [
      'fallback to itself',
      (p) => (p.channelFallback = { sms: ['sms', 'email'], email: [], letter: [], call: [] }),
      ['channelFallback.sms: must not list sms itself'],
    ],
    [
      'gap between plan ranges',
      (p) => (p.plan.termsByBalance[1].minBalanceCents = 35_000),
      [
        "plan.termsByBalance[1].minBalanceCents: must equal the previous range's maxBalanceCents (30000): ranges must be contiguous",
      ],
    ],
    [
      'first range above plan minimum',
      (p) => (p.plan.minBalanceCents = 5_000),
      [
        'plan.termsByBalance[0].minBalanceCents: must be at most plan.minBalanceCents (5000) so every qualifying balance has terms',
      ],
    ],
    [
      'closed top range',
      (p) => (p.plan.termsByBalance[3].maxBalanceCents = 1_000_000),
      ['plan.termsByBalance[3].maxBalanceCents: the last range must be open-ended (null)'],
    ],
    [
      'open middle range',
      (p) => (p.plan.termsByBalance[1].maxBalanceCents = null),
      ['plan.termsByBalance[1].maxBalanceCents: only the last range may be open-ended (null)'],
    ],
    [
      'range longer than no-approval ceiling',
      (p) => (p.plan.termsByBalance[3].maxInstallments = 7),
      ['plan.termsByBalance[3].maxInstallments: must be at most plan.maxTermWithoutApproval (6)'],
    ],
    [
      'range max below its min',
      (p) => (p.plan.termsByBalance[1].maxInstallments = 2),
      ['plan.termsByBalance[1].maxInstallments: must be at least minInstallments (3)'],
    ],
    [
      'minimum installment unreachable',
      (p) => (p.plan.minInstallmentCents = 5_000),
      [
        'plan.termsByBalance[0].minInstallments: 3 installments of at least 5000 cents need a balance of 15000; the range starts at 7500',
      ],
    ],
    [
      'approval ceiling below no-approval ceiling',
      (p) => (p.plan.maxTermWithApproval = 5),
      ['plan.maxTermWithApproval: must be at least plan.maxTermWithoutApproval (6)'],
    ],
    [
      'retries out of order',
      (p) => (p.plan.retryScheduleDays = [1, 7, 3]),
      ['plan.retryScheduleDays[2]: must be after the previous retry (day 7)'],
    ],
    [
      'hardship term inverted',
      (p) => (p.hardship.termMonthsMin = 13),
      ['hardship.termMonthsMin: must not exceed hardship.termMonthsMax (12)'],
    ],
    [
      'manager threshold above finance lead',
      (p) => (p.settlement.managerThresholdPct = 30),
      ['settlement.managerThresholdPct: must not exceed settlement.financeLeadThresholdPct (25)'],
    ],
    [
      'discount shrinking with age',
      (p) => (p.settlement.maxDiscountPctByAgeDays[2].maxDiscountPct = 25),
      [
        'settlement.maxDiscountPctByAgeDays[2].maxDiscountPct: must not be below the previous tier (30%): older balances never get less room',
      ],
    ],
    [
      'discount tier younger than settlement age',
      (p) => (p.settlement.maxDiscountPctByAgeDays[0].minAgeDays = 100),
      [
        'settlement.maxDiscountPctByAgeDays[0].minAgeDays: must be at least settlement.minAgeDays (120); younger balances are not eligible',
      ],
    ],
    [
      'every weekday quiet',
      (p) => (p.quietWeekdays = [0, 1, 2, 3, 4, 5, 6]),
      ['quietWeekdays: must leave at least one weekday on which steps can happen'],
    ],
    [
      'duplicate quiet date',
      (p) => (p.quietDates = ['2024-12-25', '2024-12-25']),
      ['quietDates[1]: duplicates quietDates[0] (2024-12-25)'],
    ],
    [
      'fresh longer than aged',
      (p) => (p.segmentation.freshMaxDays = 90),
      ['segmentation.freshMaxDays: must be below segmentation.agedMinDays (90)'],
    ],
  ])('%s', (_name, mutate, expected) => {
    const p = draft();
    mutate(p);
    expect(errorsOf(p)).toEqual(expected);
  });

  it('parsePolicy throws with every error', () => {
    const p = draft();
    p.placement.windowEndDay = 80;
    expect(() => parsePolicy(p)).toThrow(
      'placement.windowEndDay: must not be before placement.windowStartDay (90)',
    );
  });
});
