import {
  creditReportingEligibility,
  CREDIT_REPORTING_CHECKS,
  type CreditReportingFacts,
} from './credit-reporting';
import { toIso, toMs } from './local-time';
import { defaultPolicy, stateWaitingPeriodPreset } from './policy';

const DAY = 86_400_000;
const FIRST = '2023-01-01T00:00:00Z';
const day = (n: number) => toIso(toMs(FIRST) + n * DAY);

/** $800 unpaid, first billed 500 days ago, in Texas. */
const facts: CreditReportingFacts = {
  firstStatementAt: FIRST,
  balanceCents: 80_000,
  originalBalanceCents: 80_000,
  state: 'TX',
  openDispute: false,
};

describe('creditReportingEligibility', () => {
  it('is advisory and lists every check', () => {
    const result = creditReportingEligibility(defaultPolicy(), facts, day(500));
    expect(result).toMatchObject({ eligible: true, failed: [], automaticReporting: false });
    expect(result.checks.map((c) => c.check)).toEqual([...CREDIT_REPORTING_CHECKS]);
  });

  it.each<[string, Partial<CreditReportingFacts>, number, string[]]>([
    ['paid medical debt never', { balanceCents: 0 }, 500, ['unpaid', 'min_amount']],
    ['one cent under $500', { balanceCents: 49_999 }, 500, ['min_amount']],
    ['exactly $500', { balanceCents: 50_000, originalBalanceCents: 50_000 }, 500, []],
    [
      'initial balance under $500',
      { originalBalanceCents: 49_999, balanceCents: 60_000 },
      500,
      ['min_amount'],
    ],
    ['paid down under $500', { originalBalanceCents: 90_000, balanceCents: 30_000 }, 500, ['min_amount']],
    ['day 364', {}, 364, ['first_year']],
    ['day 365', {}, 365, []],
    ['California', { state: 'CA' }, 500, ['state_allows']],
    ['Colorado', { state: 'CO' }, 500, ['state_allows']],
    ['New York, lower case', { state: 'ny' }, 500, ['state_allows']],
    ['unknown state', { state: undefined }, 500, ['state_allows']],
    ['not a state code', { state: 'Texas' }, 500, ['state_allows']],
    ['open dispute', { openDispute: true }, 500, ['no_open_dispute']],
    ['fractional balance', { balanceCents: 60_000.5 }, 500, ['unpaid', 'min_amount']],
    ['negative balance (credit)', { balanceCents: -100 }, 500, ['unpaid', 'min_amount']],
    ['overflowing original', { originalBalanceCents: 100_000_001 }, 500, ['min_amount']],
  ])('%s', (_name, change, age, failed) => {
    expect(creditReportingEligibility(defaultPolicy(), { ...facts, ...change }, day(age)).failed).toEqual(
      failed,
    );
  });

  it('applies a policy waiting period longer than a year', () => {
    const policy = stateWaitingPeriodPreset(400);
    expect(creditReportingEligibility(policy, facts, day(380)).failed).toEqual(['waiting_period']);
    expect(creditReportingEligibility(policy, facts, day(400)).failed).toEqual([]);
  });

  it('takes the tenant-reviewed list of banned states', () => {
    expect(creditReportingEligibility(defaultPolicy(), facts, day(500), ['TX']).failed).toEqual([
      'state_allows',
    ]);
    expect(
      creditReportingEligibility(defaultPolicy(), { ...facts, state: 'CA' }, day(500), []).failed,
    ).toEqual([]);
  });

  it('says why a state is refused', () => {
    const result = creditReportingEligibility(defaultPolicy(), { ...facts, state: 'CO' }, day(500));
    expect(result.checks.find((c) => c.check === 'state_allows')?.detail).toBe(
      'CO forbids reporting medical debt',
    );
  });
});
