import {
  addDays,
  dateOfEpochDay,
  epochDay,
  instantAtLocal,
  isValidTimeZone,
  localDateTime,
  offsetMs,
} from './local-time';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('isValidTimeZone', () => {
  it.each([
    ['America/New_York', true],
    ['America/Puerto_Rico', true],
    ['Pacific/Honolulu', true],
    ['UTC', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
    ['   ', false],
    [undefined, false],
    [null, false],
    [42, false],
  ])('%p → %p', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });
});

describe('offsetMs', () => {
  it.each([
    ['2026-03-08T06:59:59Z', 'America/New_York', -5],
    ['2026-03-08T07:00:00Z', 'America/New_York', -4],
    ['2026-11-01T05:59:59Z', 'America/New_York', -4],
    ['2026-11-01T06:00:00Z', 'America/New_York', -5],
    ['2026-07-01T12:00:00Z', 'America/Phoenix', -7],
    ['2026-01-01T12:00:00Z', 'America/Phoenix', -7],
    ['2026-07-01T12:00:00Z', 'Pacific/Honolulu', -10],
    ['2026-07-01T12:00:00Z', 'America/Anchorage', -8],
    ['2026-01-01T12:00:00Z', 'America/Anchorage', -9],
    ['2026-07-01T12:00:00Z', 'America/Puerto_Rico', -4],
    ['2026-01-01T12:00:00.999Z', 'America/Puerto_Rico', -4],
    ['2026-01-01T12:00:00Z', 'Asia/Kolkata', 5.5],
  ])('%s in %s is UTC%p', (iso, zone, hours) => {
    expect(offsetMs(at(iso), zone)).toBe(hours * HOUR);
  });
});

describe('localDateTime', () => {
  it('reads the wall clock, including the repeated hour when clocks fall back', () => {
    expect(localDateTime(at('2026-11-01T05:30:15Z'), 'America/New_York')).toEqual({
      year: 2026,
      month: 11,
      day: 1,
      hour: 1,
      minute: 30,
      second: 15,
    });
    expect(localDateTime(at('2026-11-01T06:30:15Z'), 'America/New_York')).toEqual({
      year: 2026,
      month: 11,
      day: 1,
      hour: 1,
      minute: 30,
      second: 15,
    });
  });

  it('shows midnight as hour 0, not 24', () => {
    expect(localDateTime(at('2026-03-09T04:00:00Z'), 'America/New_York').hour).toBe(0);
  });
});

describe('instantAtLocal', () => {
  it.each([
    [
      'ordinary morning',
      { year: 2026, month: 6, day: 10 },
      8 * 60,
      'America/New_York',
      '2026-06-10T12:00:00.000Z',
    ],
    [
      'morning after spring-forward',
      { year: 2026, month: 3, day: 8 },
      8 * 60,
      'America/New_York',
      '2026-03-08T12:00:00.000Z',
    ],
    [
      'morning after fall-back',
      { year: 2026, month: 11, day: 1 },
      8 * 60,
      'America/New_York',
      '2026-11-01T13:00:00.000Z',
    ],
    [
      'repeated 01:30 picks the first',
      { year: 2026, month: 11, day: 1 },
      90,
      'America/New_York',
      '2026-11-01T05:30:00.000Z',
    ],
    [
      'skipped 02:30 lands at the end of the gap',
      { year: 2026, month: 3, day: 8 },
      150,
      'America/New_York',
      '2026-03-08T07:00:00.000Z',
    ],
    ['Honolulu', { year: 2026, month: 3, day: 8 }, 8 * 60, 'Pacific/Honolulu', '2026-03-08T18:00:00.000Z'],
    [
      'Anchorage after its spring-forward',
      { year: 2026, month: 3, day: 8 },
      8 * 60,
      'America/Anchorage',
      '2026-03-08T16:00:00.000Z',
    ],
    [
      'Puerto Rico keeps UTC-4',
      { year: 2026, month: 11, day: 1 },
      8 * 60,
      'America/Puerto_Rico',
      '2026-11-01T12:00:00.000Z',
    ],
  ])('%s', (_name, date, minute, zone, expected) => {
    expect(new Date(instantAtLocal(date, minute, zone)).toISOString()).toBe(expected);
  });
});

describe('addDays', () => {
  it('crosses month and leap-year boundaries', () => {
    expect(addDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
  });
});

describe('epochDay', () => {
  it('matches Date.UTC day numbers across four centuries, both ways', () => {
    for (let n = -50_000; n <= 100_000; n += 7) {
      const t = new Date(n * 86_400_000);
      const date = { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
      expect(epochDay(date)).toBe(n);
      expect(dateOfEpochDay(n)).toEqual(date);
    }
  });
});
