import { channelBlocker, chooseChannel, fallbackOrder, type ContactReachability } from './channel-choice';
import type { Channel } from './policy';

const reachable: ContactReachability = {
  phone: 'ok',
  smsConsent: true,
  email: 'ok',
  address: 'ok',
  optedOut: [],
};

describe('channelBlocker', () => {
  it.each<[Channel, Partial<ContactReachability>, string | undefined]>([
    ['sms', {}, undefined],
    ['sms', { smsConsent: false }, 'no_sms_consent'],
    ['sms', { phone: 'missing' }, 'no_phone'],
    ['sms', { phone: 'bad_number' }, 'bad_number'],
    ['sms', { optedOut: ['sms'] }, 'opted_out'],
    // An opt-out is reported even when the number is also bad: it is the reason that must be honoured.
    ['sms', { optedOut: ['sms'], phone: 'bad_number' }, 'opted_out'],
    ['call', { smsConsent: false }, undefined],
    ['call', { phone: 'bad_number' }, 'bad_number'],
    ['call', { optedOut: ['call'] }, 'opted_out'],
    ['email', { email: 'bad' }, 'bad_email'],
    ['email', { email: 'missing' }, 'no_email'],
    ['email', { optedOut: ['sms'] }, undefined],
    ['letter', { address: 'undeliverable' }, 'address_undeliverable'],
    ['letter', { address: 'missing' }, 'no_address'],
  ])('%s with %p → %p', (channel, contact, expected) => {
    expect(channelBlocker(channel, { ...reachable, ...contact })).toBe(expected);
  });
});

describe('fallbackOrder', () => {
  it.each<[Channel | Channel[], Channel[]]>([
    ['sms', ['sms', 'email', 'letter']],
    ['email', ['email', 'sms', 'letter']],
    ['letter', ['letter', 'email']],
    ['call', ['call', 'sms', 'email', 'letter']],
    [
      ['letter', 'email'],
      ['letter', 'email', 'sms'],
    ],
  ])('%p → %p', (preference, expected) => {
    expect(fallbackOrder(preference)).toEqual(expected);
  });

  it('follows the policy fallback', () => {
    expect(fallbackOrder('sms', { sms: [], email: [], letter: [], call: [] })).toEqual(['sms']);
    expect(fallbackOrder('call', { sms: ['letter'], email: [], letter: [], call: ['email'] })).toEqual([
      'call',
      'email',
    ]);
  });
});

describe('chooseChannel', () => {
  it.each<
    [
      string,
      Channel | Channel[],
      Partial<ContactReachability>,
      Channel[],
      Channel,
      boolean,
      [Channel, string][],
    ]
  >([
    ['preferred channel works', 'sms', {}, [], 'sms', false, []],
    ['opted out of SMS → email', 'sms', { optedOut: ['sms'] }, [], 'email', true, [['sms', 'opted_out']]],
    [
      'opted out of SMS, bad email → letter',
      'sms',
      { optedOut: ['sms'], email: 'bad' },
      [],
      'letter',
      true,
      [
        ['sms', 'opted_out'],
        ['email', 'bad_email'],
      ],
    ],
    ['no SMS consent → email', 'sms', { smsConsent: false }, [], 'email', true, [['sms', 'no_sms_consent']]],
    [
      'bad number: call and text both out',
      'call',
      { phone: 'bad_number' },
      [],
      'email',
      true,
      [
        ['call', 'bad_number'],
        ['sms', 'bad_number'],
      ],
    ],
    ['a call needs no SMS consent', 'call', { smsConsent: false }, [], 'call', false, []],
    [
      'returned mail → email',
      'letter',
      { address: 'undeliverable' },
      [],
      'email',
      true,
      [['letter', 'address_undeliverable']],
    ],
    [
      'second preference before any fallback',
      ['letter', 'email'],
      {},
      ['letter'],
      'email',
      false,
      [['letter', 'already_tried']],
    ],
    [
      'outreach said no on email → letter',
      'email',
      { smsConsent: false },
      ['email'],
      'letter',
      true,
      [
        ['email', 'already_tried'],
        ['sms', 'no_sms_consent'],
      ],
    ],
    ['do-not-call → text', 'call', { optedOut: ['call'] }, [], 'sms', true, [['call', 'opted_out']]],
  ])('%s', (_name, preference, contact, tried, channel, fromFallback, skipped) => {
    const choice = chooseChannel({ preference, contact: { ...reachable, ...contact }, tried });
    expect(choice).toEqual({
      ok: true,
      channel,
      fromFallback,
      skipped: skipped.map(([c, reason]) => ({ channel: c, reason })),
    });
  });

  it.each<[string, Channel | Channel[], Partial<ContactReachability>, Channel[], string]>([
    [
      'letter with no address and no email',
      'letter',
      { address: 'missing', email: 'missing' },
      [],
      'no channel can reach the patient: letter (no_address), email (no_email)',
    ],
    [
      'opted out everywhere',
      'call',
      { optedOut: ['sms', 'email', 'letter', 'call'] },
      [],
      'no channel can reach the patient: call (opted_out), sms (opted_out), email (opted_out), letter (opted_out)',
    ],
    [
      'everything already tried',
      'sms',
      {},
      ['sms', 'email', 'letter'],
      'no channel can reach the patient: sms (already_tried), email (already_tried), letter (already_tried)',
    ],
  ])('none possible: %s', (_name, preference, contact, tried, reason) => {
    const choice = chooseChannel({ preference, contact: { ...reachable, ...contact }, tried });
    expect(choice.ok).toBe(false);
    expect(choice).toMatchObject({ reason });
  });

  it('with no fallback in policy the step stays on its own channels', () => {
    const choice = chooseChannel({
      preference: 'sms',
      contact: { ...reachable, optedOut: ['sms'] },
      fallback: { sms: [], email: [], letter: [], call: [] },
    });
    expect(choice.ok).toBe(false);
  });

  it.each([[[]], [['fax']]])('rejects preference %p', (preference) => {
    expect(() => chooseChannel({ preference: preference as Channel[], contact: reachable })).toThrow(
      RangeError,
    );
  });
});
