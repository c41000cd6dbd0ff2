import {
  LEGAL_CALLING_WINDOW,
  US_TIME_ZONES,
  effectiveWindow,
  nextCallingInstant,
  quietDaySet,
  resolveCallingZones,
  type CallingWindow,
} from './calling-window';

const next = (
  iso: string,
  zones: ReturnType<typeof resolveCallingZones>,
  window?: CallingWindow,
  quiet: string[] = [],
) =>
  new Date(
    nextCallingInstant(Date.parse(iso), zones, window ?? LEGAL_CALLING_WINDOW, quietDaySet(quiet)),
  ).toISOString();

const zone = (z: string) => resolveCallingZones(z);

describe('resolveCallingZones', () => {
  it.each([
    ['America/Los_Angeles', 'America/New_York', 'patient', ['America/Los_Angeles']],
    ['Not/AZone', 'America/Chicago', 'clinic', ['America/Chicago']],
    [undefined, 'America/Denver', 'clinic', ['America/Denver']],
    ['', null, 'strictest_us', US_TIME_ZONES],
    ['Not/AZone', 'Also/Bad', 'strictest_us', US_TIME_ZONES],
  ])('patient %p, clinic %p → %s', (patient, clinic, basis, zones) => {
    expect(resolveCallingZones(patient, clinic)).toEqual({ basis, zones });
  });
});

describe('nextCallingInstant: one zone', () => {
  it.each([
    // Los Angeles, summer (UTC-7)
    [
      'LA 07:59 defers to 08:00',
      '2026-07-01T14:59:00.000Z',
      'America/Los_Angeles',
      '2026-07-01T15:00:00.000Z',
    ],
    [
      'LA 07:59:59 defers to 08:00',
      '2026-07-01T14:59:59.000Z',
      'America/Los_Angeles',
      '2026-07-01T15:00:00.000Z',
    ],
    [
      'LA 08:00 exactly is open',
      '2026-07-01T15:00:00.000Z',
      'America/Los_Angeles',
      '2026-07-01T15:00:00.000Z',
    ],
    ['LA 20:59:59 is open', '2026-07-02T03:59:59.000Z', 'America/Los_Angeles', '2026-07-02T03:59:59.000Z'],
    [
      'LA 21:00 exactly is closed',
      '2026-07-02T04:00:00.000Z',
      'America/Los_Angeles',
      '2026-07-02T15:00:00.000Z',
    ],
    // New York across spring-forward on 2026-03-08 (02:00 EST → 03:00 EDT)
    [
      'NY 21:00 EST the night before → 08:00 EDT',
      '2026-03-08T02:00:00.000Z',
      'America/New_York',
      '2026-03-08T12:00:00.000Z',
    ],
    [
      'NY 01:30 EST just before the jump',
      '2026-03-08T06:30:00.000Z',
      'America/New_York',
      '2026-03-08T12:00:00.000Z',
    ],
    [
      'NY 03:30 EDT just after the jump',
      '2026-03-08T07:30:00.000Z',
      'America/New_York',
      '2026-03-08T12:00:00.000Z',
    ],
    [
      'NY 20:59 EDT on the change day',
      '2026-03-09T00:59:00.000Z',
      'America/New_York',
      '2026-03-09T00:59:00.000Z',
    ],
    // New York across fall-back on 2026-11-01 (02:00 EDT → 01:00 EST)
    [
      'NY 21:00 EDT the night before → 08:00 EST',
      '2026-11-01T01:00:00.000Z',
      'America/New_York',
      '2026-11-01T13:00:00.000Z',
    ],
    ['NY first 01:30 (EDT)', '2026-11-01T05:30:00.000Z', 'America/New_York', '2026-11-01T13:00:00.000Z'],
    ['NY second 01:30 (EST)', '2026-11-01T06:30:00.000Z', 'America/New_York', '2026-11-01T13:00:00.000Z'],
    [
      'NY 07:00 EST is still closed',
      '2026-11-01T12:00:00.000Z',
      'America/New_York',
      '2026-11-01T13:00:00.000Z',
    ],
    ['NY 20:59 EST open', '2026-11-02T01:59:00.000Z', 'America/New_York', '2026-11-02T01:59:00.000Z'],
    ['NY 21:00 EST closed', '2026-11-02T02:00:00.000Z', 'America/New_York', '2026-11-02T13:00:00.000Z'],
    // Zones without DST, and Alaska / Hawaii
    ['Phoenix 07:30 in January', '2026-01-15T14:30:00.000Z', 'America/Phoenix', '2026-01-15T15:00:00.000Z'],
    [
      'Phoenix 07:30 in July (no DST)',
      '2026-07-15T14:30:00.000Z',
      'America/Phoenix',
      '2026-07-15T15:00:00.000Z',
    ],
    ['Honolulu 07:59', '2026-03-08T17:59:00.000Z', 'Pacific/Honolulu', '2026-03-08T18:00:00.000Z'],
    [
      'Honolulu 21:00 → next morning',
      '2026-03-09T07:00:00.000Z',
      'Pacific/Honolulu',
      '2026-03-09T18:00:00.000Z',
    ],
    [
      'Anchorage 07:00 AKDT on its change day',
      '2026-03-08T15:00:00.000Z',
      'America/Anchorage',
      '2026-03-08T16:00:00.000Z',
    ],
    [
      'Anchorage 20:30 AKST in January is open',
      '2026-01-16T05:30:00.000Z',
      'America/Anchorage',
      '2026-01-16T05:30:00.000Z',
    ],
    [
      'Puerto Rico 08:00 on US fall-back day',
      '2026-11-01T12:00:00.000Z',
      'America/Puerto_Rico',
      '2026-11-01T12:00:00.000Z',
    ],
    ['Puerto Rico 21:00', '2026-11-02T01:00:00.000Z', 'America/Puerto_Rico', '2026-11-02T12:00:00.000Z'],
  ])('%s', (_name, from, z, expected) => {
    expect(next(from, zone(z))).toBe(expected);
  });
});

describe('nextCallingInstant: strictest US window when the zone is unknown', () => {
  // Honolulu opens last (18:00Z) and Puerto Rico closes first (01:00Z), summer and winter alike.
  const strictest = resolveCallingZones(undefined, undefined);
  it.each([
    ['January 17:59Z', '2026-01-15T17:59:00.000Z', '2026-01-15T18:00:00.000Z'],
    ['January 18:00Z open', '2026-01-15T18:00:00.000Z', '2026-01-15T18:00:00.000Z'],
    ['July 00:59Z open', '2026-07-15T00:59:00.000Z', '2026-07-15T00:59:00.000Z'],
    ['July 01:00Z closed', '2026-07-15T01:00:00.000Z', '2026-07-15T18:00:00.000Z'],
    ['noon Eastern is too early for Hawaii', '2026-07-15T16:00:00.000Z', '2026-07-15T18:00:00.000Z'],
  ])('%s', (_name, from, expected) => {
    expect(next(from, strictest)).toBe(expected);
  });
});

describe('quiet dates and clinic windows', () => {
  const ny = zone('America/New_York');
  it('skips a quiet date to the next morning', () => {
    expect(next('2026-12-24T15:00:00.000Z', ny, undefined, ['2026-12-24'])).toBe('2026-12-25T13:00:00.000Z');
  });
  it('skips a run of quiet dates after the window closes', () => {
    expect(next('2026-12-25T02:30:00.000Z', ny, undefined, ['2026-12-25', '2026-12-26'])).toBe(
      '2026-12-27T13:00:00.000Z',
    );
  });
  it('reads quiet dates on the patient calendar, not UTC', () => {
    // 20:00 on the 24th in New York is already the 25th in UTC.
    expect(next('2026-12-25T01:00:00.000Z', ny, undefined, ['2026-12-25'])).toBe('2026-12-25T01:00:00.000Z');
  });
  it('refuses to loop forever when every date is quiet', () => {
    const allYear = Array.from({ length: 400 }, (_, i) =>
      new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
    );
    expect(() => next('2026-01-01T15:00:00.000Z', ny, undefined, allYear)).toThrow(/quiet dates/);
  });
  it.each([
    [
      'narrower window is honoured',
      { startMinute: 9 * 60, endMinute: 20 * 60 },
      { startMinute: 540, endMinute: 1200 },
    ],
    [
      'wider window is cut to the legal one',
      { startMinute: 7 * 60, endMinute: 22 * 60 },
      LEGAL_CALLING_WINDOW,
    ],
    [
      'partly wider window keeps its narrow side',
      { startMinute: 6 * 60, endMinute: 19 * 60 },
      { startMinute: 480, endMinute: 1140 },
    ],
    ['no policy window means the legal one', undefined, LEGAL_CALLING_WINDOW],
    [
      'a window entirely outside the legal one leaves nothing',
      { startMinute: 21 * 60 + 30, endMinute: 23 * 60 },
      undefined,
    ],
  ])('%s', (_name, policy, expected) => {
    expect(effectiveWindow(policy)).toEqual(expected);
  });
  it('applies a narrowed window', () => {
    expect(next('2026-06-10T12:30:00.000Z', ny, { startMinute: 540, endMinute: 1200 })).toBe(
      '2026-06-10T13:00:00.000Z',
    );
  });
});
