import { contactEntriesOf, type OutreachAttempt } from './contact-timeline';

const at = (iso: string, over: Partial<OutreachAttempt> = {}): OutreachAttempt => ({
  channel: 'sms',
  status: 'sent',
  createdAt: iso,
  sentAt: iso,
  ...over,
});

describe('contact timeline from the attempt log', () => {
  test.each<[string, OutreachAttempt, ReturnType<typeof contactEntriesOf>]>([
    ['a sent text', at('2026-12-01T15:00:00Z'), [{ at: '2026-12-01T15:00:00.000Z', channel: 'sms', direction: 'outbound', outcome: 'sent' }]],
    [
      'a delivered email shows the delivery',
      at('2026-12-01T15:00:00Z', { channel: 'email', deliveryStatus: 'delivered' }),
      [{ at: '2026-12-01T15:00:00.000Z', channel: 'email', direction: 'outbound', outcome: 'delivered' }],
    ],
    ['a letter is mail', at('2026-12-02T10:00:00Z', { channel: 'letter' }), [{ at: '2026-12-02T10:00:00.000Z', channel: 'mail', direction: 'outbound', outcome: 'sent' }]],
    [
      'a failed call was still an attempt',
      at('2026-12-02T10:00:00Z', { channel: 'call', status: 'failed', sentAt: null }),
      [{ at: '2026-12-02T10:00:00.000Z', channel: 'call', direction: 'outbound', outcome: 'failed' }],
    ],
    ['blocked by the rules: no contact', at('2026-12-01T15:00:00Z', { status: 'blocked' }), []],
    ['deferred to calling hours: no contact yet', at('2026-12-01T15:00:00Z', { status: 'deferred' }), []],
    ['still pending: no contact yet', at('2026-12-01T15:00:00Z', { status: 'pending' }), []],
    ['an unknown channel is left out', at('2026-12-01T15:00:00Z', { channel: 'fax' }), []],
  ])('%s', (_name, attempt, expected) => {
    expect(contactEntriesOf([attempt])).toEqual(expected);
  });

  test('oldest first, whatever order the log answers in', () => {
    const entries = contactEntriesOf([at('2026-12-03T10:00:00Z'), at('2026-12-01T10:00:00Z', { channel: 'email' }), at('2026-12-02T10:00:00Z', { channel: 'letter' })]);
    expect(entries.map((e) => e.channel)).toEqual(['email', 'mail', 'sms']);
  });
});
