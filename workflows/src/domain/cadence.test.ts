import { daysSince, nextStep, shiftPastQuietDates, type CadenceState } from './cadence';
import { toIso, toMs } from './local-time';
import { defaultPolicy, parsePolicy, type CollectionPolicy } from './policy';

const DAY = 86_400_000;
/** 10:00 in New York (EST). */
const START = '2024-01-01T15:00:00Z';
const at = (days: number, extraMs = 0) => toIso(toMs(START) + days * DAY + extraMs);

function withChanges(change: (p: any) => void, base: CollectionPolicy = defaultPolicy()): CollectionPolicy {
  const p = JSON.parse(JSON.stringify(base));
  change(p);
  return parsePolicy(p);
}

const state = (over: Partial<CadenceState> = {}): CadenceState => ({
  startAt: START,
  timeZone: 'America/New_York',
  doneStepKeys: [],
  ...over,
});

const ALL_BUT_FINAL = ['text_pay_link', 'statement_1', 'insurance_summary', 'call_offer_plan', 'statement_2'];

describe('daysSince', () => {
  it.each<[string, string | number, string | number, number, number]>([
    ['same instant', START, START, DAY, 0],
    ['a millisecond short of a day', START, at(1, -1), DAY, 0],
    ['exactly one day', START, at(1), DAY, 1],
    ['day 35', START, at(35), DAY, 35],
    ['before the start clamps to 0', START, at(-3), DAY, 0],
    ['demo day of ten seconds', 0, 25_000, 10_000, 2],
    // Days are durations, so the DST switch on 2024-03-10 does not change the count.
    ['across spring forward', '2024-03-09T12:00:00Z', '2024-03-11T12:00:00Z', DAY, 2],
    ['across a leap day', '2024-02-28T00:00:00Z', '2024-03-01T00:00:00Z', DAY, 2],
  ])('%s', (_name, start, now, dayLength, expected) => {
    expect(daysSince(start, now, dayLength)).toBe(expected);
  });

  it.each([[0], [-1], [1.5]])('rejects day length %p', (dayLength) => {
    expect(() => daysSince(START, START, dayLength)).toThrow(/dayLengthMs/);
  });

  it('rejects an instant without offset', () => {
    expect(() => daysSince('2024-01-01T15:00:00', START, DAY)).toThrow(/startInstant/);
  });
});

describe('nextStep: order and timing', () => {
  const policy = defaultPolicy();

  it.each<[string, string[], string, string, string]>([
    ['first step from the start', [], START, 'text_pay_link', '2024-01-04T15:00:00.000Z'],
    ['first step at the moment it is due', [], at(3), 'text_pay_link', '2024-01-04T15:00:00.000Z'],
    [
      'after the text, the statement',
      ['text_pay_link'],
      at(3, 1000),
      'statement_1',
      '2024-01-11T15:00:00.000Z',
    ],
    [
      'after the call, the second statement',
      ALL_BUT_FINAL.slice(0, 4),
      at(26),
      'statement_2',
      '2024-02-05T15:00:00.000Z',
    ],
    // 2024 is a leap year: day 60 from Jan 1 is Mar 1.
    ['final notice on day 60', ALL_BUT_FINAL, at(40), 'final_notice', '2024-03-01T15:00:00.000Z'],
  ])('%s', (_name, done, now, key, dueAt) => {
    const next = nextStep(policy, state({ doneStepKeys: done }), now);
    expect(next).toMatchObject({
      status: 'next',
      dueAt,
      scheduledAt: dueAt,
      staleStepKeys: [],
      supersededStepKeys: [],
    });
    if (next.status === 'next') expect(next.step.key).toBe(key);
  });

  it('is complete when every step is done', () => {
    expect(nextStep(policy, state({ doneStepKeys: [...ALL_BUT_FINAL, 'final_notice'] }), at(61))).toEqual({
      status: 'complete',
      staleStepKeys: [],
      supersededStepKeys: [],
      summary: 'cadence complete: no steps left',
    });
  });

  it('ignores done keys that the policy does not have', () => {
    const next = nextStep(policy, state({ doneStepKeys: ['retired_step'] }), START);
    expect(next.status === 'next' && next.step.key).toBe('text_pay_link');
  });

  it('counts policy days of the demo length', () => {
    const demo = defaultPolicy({ dayLengthMs: 10_000 });
    const next = nextStep(demo, state(), START);
    expect(next).toMatchObject({ dueAt: '2024-01-01T15:00:30.000Z' });
  });

  it('returns channels and a summary without patient data', () => {
    const next = nextStep(policy, state({ doneStepKeys: ALL_BUT_FINAL.slice(0, 4) }), at(26));
    expect(next).toMatchObject({
      channels: ['letter', 'email'],
      summary: 'next: statement_2 (day 35, letter or email) due 2024-02-05T15:00:00.000Z',
    });
  });
});

describe('nextStep: pauses, outages and policy changes', () => {
  const policy = defaultPolicy();

  it('a pause shifts the remaining steps by its length (dispute day 12 → 30)', () => {
    const next = nextStep(
      policy,
      state({ doneStepKeys: ['text_pay_link', 'statement_1'], pausedMs: 18 * DAY }),
      at(30),
    );
    // Day 18 + 18 paused days = day 36.
    expect(next).toMatchObject({ dueAt: at(36), staleStepKeys: [] });
    expect(next.status === 'next' && next.step.key).toBe('insurance_summary');
  });

  it('after an outage only the latest overdue step is sent; earlier ones are stale', () => {
    const next = nextStep(policy, state({ doneStepKeys: ['text_pay_link', 'statement_1'] }), at(27));
    expect(next).toMatchObject({
      status: 'next',
      staleStepKeys: ['insurance_summary'],
      dueAt: at(27),
      scheduledAt: at(25),
    });
    expect(next.status === 'next' && next.step.key).toBe('call_offer_plan');
  });

  it('never drops the final notice as stale', () => {
    const next = nextStep(policy, state({ doneStepKeys: ['text_pay_link', 'statement_1'] }), at(61));
    expect(next).toMatchObject({
      staleStepKeys: ['insurance_summary', 'call_offer_plan', 'statement_2'],
      dueAt: at(61),
    });
    expect(next.status === 'next' && next.step.key).toBe('final_notice');
  });

  it('keeps the final notice ahead of a later overdue step', () => {
    const p = withChanges((d) => {
      d.cadence.push({
        key: 'settlement_letter',
        dayOffset: 75,
        channel: 'letter',
        templateKey: 'settlement_offer',
        tone: 'neutral',
      });
    });
    const first = nextStep(p, state({ doneStepKeys: ALL_BUT_FINAL }), at(80));
    expect(first.status === 'next' && first.step.key).toBe('final_notice');
    const second = nextStep(p, state({ doneStepKeys: [...ALL_BUT_FINAL, 'final_notice'] }), at(80));
    expect(second.status === 'next' && second.step.key).toBe('settlement_letter');
  });

  it('two steps on the same day are both sent, one after the other', () => {
    const p = withChanges((d) => {
      d.cadence.splice(1, 0, {
        key: 'email_pay_link',
        dayOffset: 3,
        channel: 'email',
        templateKey: 'email_pay_link',
        tone: 'friendly',
      });
    });
    const first = nextStep(p, state(), at(3));
    expect(first).toMatchObject({ staleStepKeys: [] });
    expect(first.status === 'next' && first.step.key).toBe('text_pay_link');
    const second = nextStep(p, state({ doneStepKeys: ['text_pay_link'] }), at(3, 5_000));
    expect(second.status === 'next' && second.step.key).toBe('email_pay_link');
  });

  it('a step added before one already done is superseded, not sent late', () => {
    const p = withChanges((d) => {
      d.cadence.splice(1, 0, {
        key: 'extra_text',
        dayOffset: 5,
        channel: 'sms',
        templateKey: 'text_pay_link',
        tone: 'friendly',
      });
    });
    const next = nextStep(
      p,
      state({ doneStepKeys: ['text_pay_link', 'statement_1', 'insurance_summary'] }),
      at(20),
    );
    expect(next).toMatchObject({ supersededStepKeys: ['extra_text'], staleStepKeys: [], dueAt: at(25) });
    expect(next.status === 'next' && next.step.key).toBe('call_offer_plan');
  });

  it.each([[-1], [1.5]])('rejects pausedMs %p', (pausedMs) => {
    expect(() => nextStep(policy, state({ pausedMs }), START)).toThrow(/pausedMs/);
  });
});

describe('nextStep: quiet dates in the patient zone', () => {
  it.each<[string, string, string, string[], string, string[]]>([
    // Day-3 text, 10:00 EST on Thu 2024-01-04.
    [
      'a holiday moves to the next local midnight',
      'America/New_York',
      START,
      ['2024-01-04'],
      '2024-01-05T05:00:00.000Z',
      ['2024-01-04'],
    ],
    [
      'consecutive holidays',
      'America/New_York',
      START,
      ['2024-01-04', '2024-01-05'],
      '2024-01-06T05:00:00.000Z',
      ['2024-01-04', '2024-01-05'],
    ],
    [
      'an unrelated date changes nothing',
      'America/New_York',
      START,
      ['2024-01-03'],
      '2024-01-04T15:00:00.000Z',
      [],
    ],
    // 2024-01-04T15:00Z is 05:00 on Jan 4 in Honolulu.
    [
      'Honolulu: local date decides',
      'Pacific/Honolulu',
      START,
      ['2024-01-04'],
      '2024-01-05T10:00:00.000Z',
      ['2024-01-04'],
    ],
    // 2024-01-05T02:00Z is still Jan 4 (16:00) in Honolulu although the UTC date is Jan 5.
    [
      'Honolulu: the UTC date is not the local date',
      'Pacific/Honolulu',
      '2024-01-02T02:00:00Z',
      ['2024-01-05'],
      '2024-01-05T02:00:00.000Z',
      [],
    ],
    [
      'Honolulu: local Jan 4 evening is quiet',
      'Pacific/Honolulu',
      '2024-01-02T02:00:00Z',
      ['2024-01-04'],
      '2024-01-05T10:00:00.000Z',
      ['2024-01-04'],
    ],
    // Day-3 step of a balance started 2024-03-07T15:00Z lands on 2024-03-10, the spring-forward day.
    [
      'New York on spring-forward day: next midnight is EDT',
      'America/New_York',
      '2024-03-07T15:00:00Z',
      ['2024-03-10'],
      '2024-03-11T04:00:00.000Z',
      ['2024-03-10'],
    ],
    [
      'Phoenix has no DST: midnight stays at 07:00Z',
      'America/Phoenix',
      '2024-03-07T15:00:00Z',
      ['2024-03-10'],
      '2024-03-11T07:00:00.000Z',
      ['2024-03-10'],
    ],
    [
      'New York on fall-back day: next midnight is EST',
      'America/New_York',
      '2024-10-31T15:00:00Z',
      ['2024-11-03'],
      '2024-11-04T05:00:00.000Z',
      ['2024-11-03'],
    ],
    [
      'leap day holiday',
      'America/New_York',
      '2024-02-26T15:00:00Z',
      ['2024-02-29'],
      '2024-03-01T05:00:00.000Z',
      ['2024-02-29'],
    ],
  ])('%s', (_name, timeZone, startAt, quietDates, dueAt, moved) => {
    const p = withChanges((d) => (d.quietDates = quietDates));
    const next = nextStep(p, { startAt, timeZone, doneStepKeys: [] }, startAt);
    expect(next).toMatchObject({ status: 'next', dueAt, movedPastQuietDates: moved });
    if (next.status === 'next') expect(next.scheduledAt).toBe(toIso(toMs(startAt) + 3 * DAY));
  });

  it('quiet weekdays: Thursday and Friday off → Saturday', () => {
    const p = withChanges((d) => (d.quietWeekdays = [4, 5]));
    expect(nextStep(p, state(), START)).toMatchObject({
      dueAt: '2024-01-06T05:00:00.000Z',
      movedPastQuietDates: ['2024-01-04', '2024-01-05'],
    });
  });

  it('an overdue step due "now" on a quiet date waits for the next allowed day', () => {
    const p = withChanges((d) => (d.quietDates = ['2024-01-11']));
    const next = nextStep(p, state({ doneStepKeys: ['text_pay_link'] }), '2024-01-11T20:00:00Z');
    expect(next).toMatchObject({ dueAt: '2024-01-12T05:00:00.000Z', movedPastQuietDates: ['2024-01-11'] });
  });

  it('summary says the step was moved', () => {
    const p = withChanges((d) => (d.quietDates = ['2024-01-04']));
    expect(nextStep(p, state(), START)).toMatchObject({
      summary: 'next: text_pay_link (day 3, sms) due 2024-01-05T05:00:00.000Z, moved past quiet 2024-01-04',
    });
  });

  it('rejects an unknown zone', () => {
    expect(() => nextStep(defaultPolicy(), state({ timeZone: 'Eastern' }), START)).toThrow(/timeZone/);
  });

  it('shiftPastQuietDates refuses a week with no allowed day', () => {
    expect(() => shiftPastQuietDates(0, 'UTC', [], [0, 1, 2, 3, 4, 5, 6])).toThrow(/every weekday/);
  });
});
