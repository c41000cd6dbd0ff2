import { earliestAfterConversation, earliestUnderCap } from './frequency';
import { parseInstant } from './validate';

describe('parseInstant', () => {
  it.each([
    ['2026-03-08T07:00:00.000Z', Date.UTC(2026, 2, 8, 7)],
    ['2026-03-08T07:00:00Z', Date.UTC(2026, 2, 8, 7)],
    ['2026-03-08T02:00:00-05:00', Date.UTC(2026, 2, 8, 7)],
    ['2026-03-08T07:00Z', Date.UTC(2026, 2, 8, 7)],
    ['2028-02-29T23:59:59.999Z', Date.UTC(2028, 1, 29, 23, 59, 59, 999)],
    ['1999-12-31T23:59:59.000Z', Date.UTC(1999, 11, 31, 23, 59, 59)],
  ])('%s', (text, ms) => {
    expect(parseInstant(text)).toBe(ms);
  });

  it.each([
    ['date only', '2026-03-08'],
    ['no zone', '2026-03-08T07:00:00'],
    ['loose English', 'March 8, 2026 07:00 UTC'],
    ['not a leap year', '2026-02-29T00:00:00.000Z'],
    ['day 31 in a 30-day month (slow path)', '2026-04-31T00:00:00+02:00'],
    ['month 13', '2026-13-01T00:00:00.000Z'],
    ['letter in a digit slot', '2026-0a-01T00:00:00.000Z'],
    ['number', 1_780_000_000_000],
  ])('rejects %s', (_name, text) => {
    expect(parseInstant(text)).toBeUndefined();
  });

  it('reads every toISOString output the way Date.parse does', () => {
    let seed = 42;
    const next = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296;
    for (let i = 0; i < 20_000; i++) {
      const ms = Date.UTC(1970, 0, 1) + Math.floor(next() * 120 * 365.25 * 86_400_000);
      const text = new Date(ms).toISOString();
      expect(parseInstant(text)).toBe(Date.parse(text));
    }
  });
});

describe('rolling-window arithmetic', () => {
  const WEEK = 7 * 86_400_000;
  const day = (n: number) => n * 86_400_000;

  it.each([
    ['under the cap', [day(1), day(2)], day(5), 3, day(5)],
    ['at the cap: the oldest must age out', [day(1), day(2), day(3)], day(5), 3, day(1) + WEEK],
    ['over the cap: enough must age out', [day(1), day(2), day(3), day(4)], day(5), 3, day(2) + WEEK],
    ['old attempts do not count', [day(-10), day(2), day(3)], day(5), 3, day(5)],
    ['a future-dated attempt still counts', [day(2), day(3), day(9)], day(5), 3, day(2) + WEEK],
  ])('%s', (_name, times, from, cap, expected) => {
    expect(earliestUnderCap(times, from, cap, WEEK)).toBe(expected);
  });

  it.each([
    ['no conversation', [], day(5), day(5)],
    ['recent conversation', [day(1)], day(5), day(1) + WEEK],
    ['the latest one counts', [day(1), day(3)], day(5), day(3) + WEEK],
    ['old conversation', [day(-3)], day(5), day(5)],
  ])('%s', (_name, times, from, expected) => {
    expect(earliestAfterConversation(times, from, WEEK)).toBe(expected);
  });
});
