import {
  addDays,
  addMonthsClamped,
  daysBetween,
  isLocalDate,
  isValidTimeZone,
  localDateOf,
  localDateTimeToMs,
  startOfLocalDayMs,
  toIso,
  toMs,
  utcOffsetMs,
  weekdayOf,
} from './local-time';

const H = 3_600_000;

describe('toMs', () => {
  it.each([
    ['2024-01-01T00:00:00Z', 1_704_067_200_000],
    ['2024-01-01T00:00:00.250Z', 1_704_067_200_250],
    ['2024-01-01T05:30:00+05:30', 1_704_067_200_000],
    ['2023-12-31T19:00-05:00', 1_704_067_200_000],
    [1_704_067_200_000, 1_704_067_200_000],
    [0, 0],
  ])('%p → %p', (input, expected) => {
    expect(toMs(input)).toBe(expected);
  });

  it.each([
    // No offset: Date.parse would read it in the host's zone, which differs between workers.
    ['2024-01-01T00:00:00'],
    ['2024-01-01'],
    ['yesterday'],
    [''],
    ['2024-02-30T00:00:00Z'],
    ['2024-01-01T24:00:00Z'],
    ['2024-01-01T10:00:00+24:00'],
    [1.5],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
  ])('rejects %p', (input) => {
    expect(() => toMs(input as string | number, 'startAt')).toThrow(/^startAt: /);
  });
});

describe('utcOffsetMs', () => {
  it.each([
    ['2024-01-15T12:00:00Z', 'America/New_York', -5 * H],
    ['2024-07-15T12:00:00Z', 'America/New_York', -4 * H],
    ['2024-01-15T12:00:00Z', 'America/Phoenix', -7 * H],
    ['2024-07-15T12:00:00Z', 'America/Phoenix', -7 * H],
    ['2024-07-15T12:00:00Z', 'Pacific/Honolulu', -10 * H],
    ['2024-07-15T12:00:00Z', 'Asia/Kolkata', 5.5 * H],
    // The instant of the spring-forward switch in New York (07:00Z) already uses daylight time.
    ['2024-03-10T06:59:59Z', 'America/New_York', -5 * H],
    ['2024-03-10T07:00:00Z', 'America/New_York', -4 * H],
  ])('%s in %s', (instant, zone, expected) => {
    expect(utcOffsetMs(instant, zone)).toBe(expected);
  });
});

describe('localDateOf', () => {
  it.each([
    ['2024-03-10T04:59:59Z', 'America/New_York', '2024-03-09'],
    ['2024-03-10T05:00:00Z', 'America/New_York', '2024-03-10'],
    // After spring forward local midnight is 04:00Z, not 05:00Z.
    ['2024-03-11T03:59:59Z', 'America/New_York', '2024-03-10'],
    ['2024-03-11T04:00:00Z', 'America/New_York', '2024-03-11'],
    ['2024-07-01T06:59:59Z', 'America/Phoenix', '2024-06-30'],
    ['2024-07-01T07:00:00Z', 'America/Phoenix', '2024-07-01'],
    ['2024-01-01T09:59:59Z', 'Pacific/Honolulu', '2023-12-31'],
    ['2024-01-01T10:00:00Z', 'Pacific/Honolulu', '2024-01-01'],
    ['2024-01-01T10:00:00Z', 'Pacific/Kiritimati', '2024-01-02'],
    ['2024-02-29T12:00:00Z', 'UTC', '2024-02-29'],
  ])('%s in %s is %s', (instant, zone, expected) => {
    expect(localDateOf(instant, zone)).toBe(expected);
  });

  it('rejects an unknown zone', () => {
    expect(() => localDateOf(0, 'Mars/Olympus_Mons')).toThrow(/timeZone/);
  });
});

describe('localDateTimeToMs', () => {
  it.each([
    ['2024-03-09', '10:00', 'America/New_York', '2024-03-09T15:00:00.000Z'],
    ['2024-03-10', '10:00', 'America/New_York', '2024-03-10T14:00:00.000Z'],
    // 02:30 does not exist on spring-forward day: moved forward by the gap to 03:30 EDT.
    ['2024-03-10', '02:30', 'America/New_York', '2024-03-10T07:30:00.000Z'],
    // 01:30 happens twice on fall-back day: the first (EDT) is taken.
    ['2024-11-03', '01:30', 'America/New_York', '2024-11-03T05:30:00.000Z'],
    ['2024-11-03', '10:00', 'America/New_York', '2024-11-03T15:00:00.000Z'],
    ['2024-03-10', '10:00', 'America/Phoenix', '2024-03-10T17:00:00.000Z'],
    ['2024-07-01', '10:00', 'America/Phoenix', '2024-07-01T17:00:00.000Z'],
    ['2024-07-01', '10:00', 'Pacific/Honolulu', '2024-07-01T20:00:00.000Z'],
    ['2024-07-01', '10:00', 'Asia/Kolkata', '2024-07-01T04:30:00.000Z'],
    ['2024-02-29', '23:59', 'UTC', '2024-02-29T23:59:00.000Z'],
  ])('%s %s in %s', (date, time, zone, expected) => {
    expect(toIso(localDateTimeToMs(date, time, zone))).toBe(expected);
  });

  it.each([
    ['2024-03-10', 'America/New_York', '2024-03-10T05:00:00.000Z'],
    ['2024-03-11', 'America/New_York', '2024-03-11T04:00:00.000Z'],
    // Chile moves clocks forward at midnight: the day starts at 01:00 -03.
    ['2024-09-08', 'America/Santiago', '2024-09-08T04:00:00.000Z'],
  ])('start of %s in %s', (date, zone, expected) => {
    expect(toIso(startOfLocalDayMs(date, zone))).toBe(expected);
  });

  it.each([
    ['2023-02-29', '10:00'],
    ['2024-03-10', '24:00'],
    ['2024-03-10', '9:00'],
  ])('rejects %s %s', (date, time) => {
    expect(() => localDateTimeToMs(date, time, 'America/New_York')).toThrow(RangeError);
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2024-01-31', 1, undefined, '2024-02-29'],
    ['2023-01-31', 1, undefined, '2023-02-28'],
    ['2024-01-31', 2, undefined, '2024-03-31'],
    ['2024-02-29', 1, 31, '2024-03-31'],
    ['2024-02-29', 12, undefined, '2025-02-28'],
    ['2099-12-31', 2, undefined, '2100-02-28'],
    ['2000-01-31', 1, undefined, '2000-02-29'],
    ['2024-11-30', 3, undefined, '2025-02-28'],
    ['2024-03-31', -1, undefined, '2024-02-29'],
    ['2024-12-15', 1, undefined, '2025-01-15'],
  ])('addMonthsClamped(%s, %i, anchor %p) = %s', (date, months, anchor, expected) => {
    expect(addMonthsClamped(date, months, anchor)).toBe(expected);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-03-09', 2, '2024-03-11'],
  ])('addDays(%s, %i) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2024-02-28', '2024-03-01', 2],
    ['2023-02-28', '2023-03-01', 1],
    ['2024-03-01', '2024-02-28', -2],
    ['2024-01-01', '2025-01-01', 366],
  ])('daysBetween(%s, %s) = %i', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it.each([
    ['2024-03-10', 0],
    ['2000-01-01', 6],
    ['2024-02-29', 4],
  ])('weekdayOf(%s) = %i', (date, expected) => {
    expect(weekdayOf(date)).toBe(expected);
  });

  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2024-13-01', false],
    ['2024-1-01', false],
    ['2024-04-31', false],
    [20240101, false],
  ])('isLocalDate(%p) = %p', (value, expected) => {
    expect(isLocalDate(value)).toBe(expected);
  });

  it.each([
    ['America/New_York', true],
    ['Pacific/Honolulu', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
  ])('isValidTimeZone(%p) = %p', (zone, expected) => {
    expect(isValidTimeZone(zone)).toBe(expected);
  });
});
