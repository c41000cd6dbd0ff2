/**
 * The domain code runs in Temporal's workflow sandbox and must depend only on its arguments: no hidden
 * clock, no randomness, no host time zone. This suite runs a whole journey through the public API with
 * those sources booby-trapped, so a future `Date.now()` or zone-less formatter fails here, not in replay.
 */
import * as domain from './index';

const RealDate = Date;
const RealDateTimeFormat = Intl.DateTimeFormat;
const realRandom = Math.random;

class GuardedDate extends RealDate {
  constructor(...args: ConstructorParameters<DateConstructor> | []) {
    if (args.length === 0) throw new Error('new Date() without an argument reads the host clock');
    super(...(args as [number]));
  }
  static override now(): number {
    throw new Error('Date.now() reads the host clock');
  }
}

function guardedDateTimeFormat(
  locales?: string | string[],
  options?: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  if (options?.timeZone === undefined)
    throw new Error('Intl.DateTimeFormat without timeZone uses the host zone');
  return new RealDateTimeFormat(locales, options);
}

beforeAll(() => {
  globalThis.Date = GuardedDate as DateConstructor;
  Math.random = () => {
    throw new Error('Math.random is not deterministic');
  };
  (Intl as { DateTimeFormat: unknown }).DateTimeFormat = guardedDateTimeFormat;
});

afterAll(() => {
  globalThis.Date = RealDate;
  Math.random = realRandom;
  (Intl as { DateTimeFormat: unknown }).DateTimeFormat = RealDateTimeFormat;
});

describe('determinism', () => {
  it('the traps work', () => {
    expect(() => Date.now()).toThrow(/host clock/);
    expect(() => new Date()).toThrow(/host clock/);
    expect(() => Math.random()).toThrow(/deterministic/);
    expect(() => new Intl.DateTimeFormat('en-US')).toThrow(/host zone/);
  });

  it.each([['America/New_York'], ['America/Phoenix'], ['Pacific/Honolulu'], ['Australia/Lord_Howe']])(
    'a journey in %s uses only its arguments and gives the same answer twice',
    (timeZone) => {
      const run = () => {
        const policy = domain.parsePolicy(
          JSON.parse(JSON.stringify({ ...domain.defaultPolicy(), quietDates: ['2024-01-04'] })),
        );
        const start = '2024-01-01T15:00:00Z';
        const day = (n: number) => new Date(Date.parse(start) + n * policy.dayLengthMs).toISOString();
        const segment = domain.segmentOf(
          {
            ageDays: domain.daysSince(start, day(95), policy.dayLengthMs),
            balanceCents: 80_000,
            disputeHint: false,
            engaged: false,
            returnedMail: true,
            failedCalls: 2,
          },
          policy.segmentation,
        );
        const step = domain.nextStep(policy, { startAt: start, timeZone, doneStepKeys: [] }, start);
        const channel = domain.chooseChannel({
          preference: 'sms',
          contact: { phone: 'ok', smsConsent: false, email: 'ok', address: 'ok', optedOut: [] },
          fallback: policy.channelFallback,
        });
        const schedule = domain.buildSchedule({
          totalCents: 80_000,
          installments: 4,
          firstDueDate: '2024-01-31',
          timeZone,
        });
        const rebalanced = domain.rebalance(schedule, 70_000, day(40));
        const plan = domain.validatePlanRequest(policy, 80_000, 5, { userId: 'm', role: 'manager' });
        const hardship = domain.validateHardship(policy, {
          outcome: { kind: 'longer_timeline' },
          termMonths: 6,
          verifiedAt: day(20),
          timeZone,
          balanceCents: 80_000,
        });
        const gates = domain.evaluatePlacementGates(
          policy,
          {
            startAt: start,
            balanceCents: 80_000,
            attemptsByChannel: { letter: 2, call: 1, sms: 1 },
            finalNoticeSentAt: day(60),
            openDispute: false,
            activePlan: false,
            hardshipReview: false,
            insuranceHold: false,
            deceased: false,
            bankruptcy: false,
          },
          day(95),
        );
        const settlement = domain.validateSettlementOffer(
          policy,
          {
            startAt: start,
            balanceCents: 80_000,
            segment: segment.segment,
            documentedAttempts: 6,
            openDispute: false,
            activePlan: false,
            hardshipReview: false,
            insuranceHold: false,
            deceased: false,
            bankruptcy: false,
          },
          15,
          day(200),
          { userId: 'm', role: 'manager' },
        );
        const credit = domain.creditReportingEligibility(
          policy,
          {
            firstStatementAt: start,
            balanceCents: 80_000,
            originalBalanceCents: 80_000,
            state: 'TX',
            openDispute: false,
          },
          day(400),
        );
        return { segment, step, channel, schedule, rebalanced, plan, hardship, gates, settlement, credit };
      };
      const first = run();
      expect(run()).toEqual(first);
      expect(first.segment.firstMove).toBe('address_check');
      expect(first.channel).toMatchObject({ ok: true, channel: 'email' });
      expect(first.gates.eligible).toBe(true);
      expect(first.settlement.ok).toBe(true);
      expect(first.credit.eligible).toBe(true);
      expect(first.rebalanced.ok).toBe(true);
    },
  );
});
