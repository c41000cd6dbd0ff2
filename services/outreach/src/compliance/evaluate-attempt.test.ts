import { evaluateAttempt } from './evaluate-attempt';
import {
  InvalidComplianceInput,
  type AttemptRequest,
  type ComplianceContext,
  type ContactAttemptRecord,
  type Decision,
} from './types';

// Wednesday 2026-06-10 12:00 EDT: inside the window, so only the rule under test can hold an attempt.
const NOON_NY = new Date('2026-06-10T16:00:00.000Z');

function context(overrides: Partial<ComplianceContext> = {}): ComplianceContext {
  return {
    policy: { version: 'clinic-7:v3', weeklyContactCap: 5 },
    patientTimeZone: 'America/New_York',
    clinicTimeZone: 'America/Chicago',
    balanceCents: 12_345,
    accountFlags: { deceased: false, bankruptcy: false },
    holds: { dispute: false, insurance: false },
    optOuts: [],
    smsConsent: { grantedAt: '2026-05-01T14:00:00Z', source: 'intake_form' },
    contactPoints: { sms: 'deliverable', email: 'deliverable', letter: 'deliverable', call: 'deliverable' },
    attempts: [],
    ...overrides,
  };
}

const req = (
  channel: AttemptRequest['channel'],
  purpose: AttemptRequest['purpose'] = 'payment_reminder',
) => ({
  channel,
  purpose,
});

const calls = (...isoTimes: string[]): ContactAttemptRecord[] =>
  isoTimes.map((at) => ({ channel: 'call', at, callOutcome: 'no_answer' }));

function expectDefer(d: Decision): asserts d is Extract<Decision, { outcome: 'defer' }> {
  expect(d.outcome).toBe('defer');
}
function expectBlock(d: Decision): asserts d is Extract<Decision, { outcome: 'block' }> {
  expect(d.outcome).toBe('block');
}

describe('baseline', () => {
  it.each(['sms', 'email', 'letter', 'call'] as const)(
    'allows %s for a clean account inside the window',
    (channel) => {
      const d = evaluateAttempt(req(channel), context(), NOON_NY);
      expect(d.outcome).toBe('allow');
      expect(d.policyVersion).toBe('clinic-7:v3');
      expect(d.timeZone).toEqual({ basis: 'patient', zones: ['America/New_York'] });
      expect(d.rules).toEqual(
        expect.arrayContaining(['opt_out', 'sms_consent', 'calling_window', 'weekly_contact_cap']),
      );
      expect(d.explanation).toContain('2026-06-10 12:00 America/New_York');
    },
  );

  it('lists the call rules only for calls', () => {
    expect(evaluateAttempt(req('call'), context(), NOON_NY).rules).toContain('call_attempt_cap');
    expect(evaluateAttempt(req('email'), context(), NOON_NY).rules).not.toContain('call_attempt_cap');
  });
});

describe('blocks', () => {
  it.each<[string, AttemptRequest, Partial<ComplianceContext>, string, string]>([
    [
      'deceased',
      req('email'),
      { accountFlags: { deceased: true, bankruptcy: false } },
      'deceased_or_bankruptcy',
      'deceased',
    ],
    [
      'bankruptcy',
      req('letter'),
      { accountFlags: { deceased: false, bankruptcy: true } },
      'deceased_or_bankruptcy',
      'bankruptcy',
    ],
    [
      'deceased even for dispute_ack',
      req('email', 'dispute_ack'),
      { accountFlags: { deceased: true, bankruptcy: false }, holds: { dispute: true, insurance: false } },
      'deceased_or_bankruptcy',
      'deceased',
    ],
    ['balance paid', req('sms'), { balanceCents: 0 }, 'balance_paid', 'balance_paid'],
    ['credit balance', req('email'), { balanceCents: -500 }, 'balance_paid', 'balance_paid'],
    [
      'SMS opt-out stops email',
      req('email'),
      { optOuts: [{ channel: 'sms', at: '2026-06-01T10:00:00Z', source: 'STOP' }] },
      'opt_out',
      'opted_out',
    ],
    [
      'SMS opt-out stops calls',
      req('call'),
      { optOuts: [{ channel: 'sms', at: '2026-06-01T10:00:00Z', source: 'STOP' }] },
      'opt_out',
      'opted_out',
    ],
    [
      'email unsubscribe stops letters',
      req('letter'),
      { optOuts: [{ channel: 'email', at: '2026-06-01T10:00:00Z', source: 'list_unsubscribe' }] },
      'opt_out',
      'opted_out',
    ],
    [
      'opt-out stops even the dispute acknowledgement',
      req('sms', 'dispute_ack'),
      {
        optOuts: [{ channel: 'call', at: '2026-06-01T10:00:00Z', source: 'verbal' }],
        holds: { dispute: true, insurance: false },
      },
      'opt_out',
      'opted_out',
    ],
    [
      'dispute open',
      req('email'),
      { holds: { dispute: true, insurance: false } },
      'dispute_or_insurance_hold',
      'dispute_open',
    ],
    [
      'insurance hold open',
      req('call'),
      { holds: { dispute: false, insurance: true } },
      'dispute_or_insurance_hold',
      'insurance_hold_open',
    ],
    [
      'help reply during a dispute',
      req('sms', 'help_reply'),
      { holds: { dispute: true, insurance: false } },
      'dispute_or_insurance_hold',
      'dispute_open',
    ],
    ['SMS without consent', req('sms'), { smsConsent: null }, 'sms_consent', 'no_sms_consent'],
    [
      'SMS consent without a source',
      req('sms'),
      { smsConsent: { grantedAt: '2026-05-01T14:00:00Z', source: ' ' } },
      'sms_consent',
      'no_sms_consent',
    ],
    [
      'SMS consent with a bad timestamp',
      req('sms'),
      { smsConsent: { grantedAt: 'last May', source: 'intake_form' } },
      'sms_consent',
      'no_sms_consent',
    ],
    [
      'SMS consent dated after now',
      req('sms'),
      { smsConsent: { grantedAt: '2026-06-11T00:00:00Z', source: 'intake_form' } },
      'sms_consent',
      'no_sms_consent',
    ],
    [
      'invalid number for SMS',
      req('sms'),
      { contactPoints: { sms: 'invalid_number', email: 'deliverable' } },
      'contact_point',
      'invalid_number',
    ],
    [
      'invalid number for calls',
      req('call'),
      { contactPoints: { call: 'invalid_number' } },
      'contact_point',
      'invalid_number',
    ],
    [
      'bounced email',
      req('email'),
      { contactPoints: { email: 'bounced' } },
      'contact_point',
      'bounced_email',
    ],
    [
      'undeliverable address',
      req('letter'),
      { contactPoints: { letter: 'undeliverable' } },
      'contact_point',
      'undeliverable_address',
    ],
    [
      'no address on file',
      req('letter'),
      { contactPoints: { sms: 'deliverable' } },
      'contact_point',
      'no_contact_point',
    ],
  ])('%s', (_name, request, overrides, rule, reason) => {
    const d = evaluateAttempt(request, context(overrides), NOON_NY);
    expectBlock(d);
    expect(d.rule).toBe(rule);
    expect(d.reason).toBe(reason);
    expect(d.policyVersion).toBe('clinic-7:v3');
    expect(d.explanation).toMatch(/^Blocked /);
  });

  it.each([
    ['dispute', { dispute: true, insurance: false }],
    ['insurance hold', { dispute: false, insurance: true }],
  ])('lets the dispute acknowledgement through a %s', (_name, holds) => {
    expect(evaluateAttempt(req('email', 'dispute_ack'), context({ holds }), NOON_NY).outcome).toBe('allow');
    expect(evaluateAttempt(req('sms', 'dispute_ack'), context({ holds }), NOON_NY).outcome).toBe('allow');
  });

  it('blocks only the bad channel, so the workflow can fall back', () => {
    const ctx = context({
      contactPoints: { sms: 'invalid_number', call: 'invalid_number', email: 'deliverable' },
    });
    expect(evaluateAttempt(req('sms'), ctx, NOON_NY).outcome).toBe('block');
    expect(evaluateAttempt(req('email'), ctx, NOON_NY).outcome).toBe('allow');
  });

  it('needs consent for SMS only', () => {
    const ctx = context({ smsConsent: null });
    expect(evaluateAttempt(req('email'), ctx, NOON_NY).outcome).toBe('allow');
    expect(evaluateAttempt(req('call'), ctx, NOON_NY).outcome).toBe('allow');
  });

  it('names the most final reason first and lists every block', () => {
    const d = evaluateAttempt(
      req('sms'),
      context({
        accountFlags: { deceased: true, bankruptcy: false },
        optOuts: [{ channel: 'sms', at: '2026-06-01T10:00:00Z', source: 'STOP' }],
        smsConsent: null,
      }),
      NOON_NY,
    );
    expectBlock(d);
    expect(d.rule).toBe('deceased_or_bankruptcy');
    expect(d.rules).toEqual(['deceased_or_bankruptcy', 'opt_out', 'sms_consent']);
  });
});

describe('blocks win over deferrals', () => {
  const crowded = calls(
    '2026-06-04T14:00:00Z',
    '2026-06-05T14:00:00Z',
    '2026-06-06T14:00:00Z',
    '2026-06-07T14:00:00Z',
    '2026-06-08T14:00:00Z',
    '2026-06-09T14:00:00Z',
    '2026-06-10T14:00:00Z',
  );
  it.each<[string, Partial<ComplianceContext>, string]>([
    [
      'opted out, at night, over the call cap',
      { optOuts: [{ channel: 'sms', at: '2026-06-01T10:00:00Z', source: 'STOP' }] },
      'opt_out',
    ],
    [
      'disputed, at night, over the call cap',
      { holds: { dispute: true, insurance: false } },
      'dispute_or_insurance_hold',
    ],
    ['paid, at night, over the call cap', { balanceCents: 0 }, 'balance_paid'],
  ])('%s → block', (_name, overrides, rule) => {
    const d = evaluateAttempt(
      req('call'),
      context({ attempts: crowded, ...overrides }),
      new Date('2026-06-11T03:00:00Z'),
    );
    expectBlock(d);
    expect(d.rule).toBe(rule);
  });
});

describe('calling window in the guard', () => {
  it.each([
    ['LA 07:59', 'America/Los_Angeles', '2026-07-01T14:59:00Z', '2026-07-01T15:00:00.000Z'],
    ['LA 21:00', 'America/Los_Angeles', '2026-07-02T04:00:00Z', '2026-07-02T15:00:00.000Z'],
    [
      'NY 21:00 EST before spring-forward',
      'America/New_York',
      '2026-03-08T02:00:00Z',
      '2026-03-08T12:00:00.000Z',
    ],
    ['NY 21:00 EDT before fall-back', 'America/New_York', '2026-11-01T01:00:00Z', '2026-11-01T13:00:00.000Z'],
  ])('%s defers to the next local 08:00', (_name, tz, now, until) => {
    const d = evaluateAttempt(req('email'), context({ patientTimeZone: tz }), new Date(now));
    expectDefer(d);
    expect(d.until).toBe(until);
    expect(d.rule).toBe('calling_window');
    expect(d.rules).toEqual(['calling_window']);
    expect(d.explanation).toContain('08:00–21:00');
  });

  it('falls back to the clinic zone when the patient zone is invalid', () => {
    // 07:30 in Chicago, 08:30 in New York.
    const d = evaluateAttempt(
      req('letter'),
      context({ patientTimeZone: 'US/Nowhere', clinicTimeZone: 'America/Chicago' }),
      new Date('2026-06-10T12:30:00Z'),
    );
    expectDefer(d);
    expect(d.timeZone.basis).toBe('clinic');
    expect(d.until).toBe('2026-06-10T13:00:00.000Z');
  });

  it('uses the strictest US window when neither zone is known', () => {
    const d = evaluateAttempt(
      req('email'),
      context({ patientTimeZone: null, clinicTimeZone: undefined }),
      new Date('2026-06-10T16:00:00Z'),
    );
    expectDefer(d);
    expect(d.timeZone.basis).toBe('strictest_us');
    expect(d.until).toBe('2026-06-10T18:00:00.000Z');
  });

  it('skips policy quiet dates', () => {
    const d = evaluateAttempt(
      req('email'),
      context({ policy: { version: 'v9', weeklyContactCap: 5, quietDates: ['2026-07-03'] } }),
      new Date('2026-07-03T01:30:00Z'), // 21:30 on 07-02 in New York
    );
    expectDefer(d);
    expect(d.until).toBe('2026-07-04T12:00:00.000Z');
    expect(d.policyVersion).toBe('v9');
  });
});

describe('call frequency', () => {
  const sevenCalls = calls(
    '2026-06-03T17:00:00Z',
    '2026-06-04T14:00:00Z',
    '2026-06-05T14:00:00Z',
    '2026-06-06T14:00:00Z',
    '2026-06-07T14:00:00Z',
    '2026-06-08T14:00:00Z',
    '2026-06-09T14:00:00Z',
  );

  it('allows the 7th call in 7 days', () => {
    const ctx = context({ attempts: sevenCalls.slice(1), policy: { version: 'v3', weeklyContactCap: 20 } });
    expect(evaluateAttempt(req('call'), ctx, NOON_NY).outcome).toBe('allow');
  });

  it('defers the 8th call until the oldest leaves the rolling 7 days', () => {
    const d = evaluateAttempt(
      req('call'),
      context({ attempts: sevenCalls, policy: { version: 'v3', weeklyContactCap: 20 } }),
      NOON_NY,
    );
    expectDefer(d);
    expect(d.rule).toBe('call_attempt_cap');
    expect(d.until).toBe('2026-06-10T17:00:00.000Z');
  });

  it('counts a call exactly 7 days old as gone', () => {
    const d = evaluateAttempt(
      req('call'),
      context({ attempts: sevenCalls, policy: { version: 'v3', weeklyContactCap: 20 } }),
      new Date('2026-06-10T17:00:00Z'),
    );
    expect(d.outcome).toBe('allow');
  });

  it('does not hold back texts when calls are at the cap', () => {
    const d = evaluateAttempt(
      req('sms'),
      context({ attempts: sevenCalls, policy: { version: 'v3', weeklyContactCap: 20 } }),
      NOON_NY,
    );
    expect(d.outcome).toBe('allow');
  });

  it('does not count inbound calls as attempts', () => {
    const inbound = sevenCalls.map((c) => ({ ...c, direction: 'inbound' as const }));
    const d = evaluateAttempt(
      req('call'),
      context({ attempts: inbound, policy: { version: 'v3', weeklyContactCap: 20 } }),
      NOON_NY,
    );
    expect(d.outcome).toBe('allow');
  });

  it.each([
    ['lower policy cap applies', 3, 3, 'defer'],
    ['higher policy cap is ignored', 10, 7, 'defer'],
    ['under the lower cap', 3, 2, 'allow'],
  ])('%s', (_name, policyCap, callCount, outcome) => {
    const d = evaluateAttempt(
      req('call'),
      context({
        attempts: sevenCalls.slice(7 - callCount),
        policy: { version: 'v3', weeklyContactCap: 20, callAttemptCap: policyCap },
      }),
      NOON_NY,
    );
    expect(d.outcome).toBe(outcome);
  });

  it.each(['reached', 'promise_to_pay', 'plan_requested', 'dispute'] as const)(
    'waits 7 days after a conversation (%s)',
    (callOutcome) => {
      const d = evaluateAttempt(
        req('call'),
        context({ attempts: [{ channel: 'call', at: '2026-06-05T14:00:00Z', callOutcome }] }),
        NOON_NY,
      );
      expectDefer(d);
      expect(d.rule).toBe('call_after_conversation');
      expect(d.until).toBe('2026-06-12T14:00:00.000Z');
    },
  );

  it.each(['voicemail', 'no_answer', 'wrong_number'] as const)('%s is not a conversation', (callOutcome) => {
    const d = evaluateAttempt(
      req('call'),
      context({ attempts: [{ channel: 'call', at: '2026-06-09T14:00:00Z', callOutcome }] }),
      NOON_NY,
    );
    expect(d.outcome).toBe('allow');
  });

  it('an inbound conversation starts the quiet week too, and the window then pushes to morning', () => {
    const d = evaluateAttempt(
      req('call'),
      context({
        attempts: [
          { channel: 'call', direction: 'inbound', at: '2026-06-05T02:30:00Z', callOutcome: 'reached' },
        ],
      }),
      NOON_NY,
    );
    expectDefer(d);
    // +7 days is 22:30 EDT on 06-11; the next opening is 08:00 EDT on 06-12.
    expect(d.until).toBe('2026-06-12T12:00:00.000Z');
    expect(d.rules).toEqual(['call_after_conversation', 'calling_window']);
  });

  it('a conversation does not hold back a letter', () => {
    const d = evaluateAttempt(
      req('letter'),
      context({ attempts: [{ channel: 'call', at: '2026-06-09T14:00:00Z', callOutcome: 'reached' }] }),
      NOON_NY,
    );
    expect(d.outcome).toBe('allow');
  });
});

describe('weekly cap across channels', () => {
  const mixed: ContactAttemptRecord[] = [
    { channel: 'sms', at: '2026-06-04T13:00:00Z' },
    { channel: 'email', at: '2026-06-06T15:00:00Z' },
    { channel: 'letter', at: '2026-06-08T15:00:00Z' },
  ];
  const policy = { version: 'v4', weeklyContactCap: 3 };

  it('defers when the cap is reached on any mix of channels', () => {
    const d = evaluateAttempt(req('call'), context({ attempts: mixed, policy }), NOON_NY);
    expectDefer(d);
    expect(d.rule).toBe('weekly_contact_cap');
    expect(d.until).toBe('2026-06-11T13:00:00.000Z');
    expect(d.explanation).toContain('policy limit of 3');
  });

  it('allows below the cap', () => {
    expect(
      evaluateAttempt(req('email'), context({ attempts: mixed.slice(1), policy }), NOON_NY).outcome,
    ).toBe('allow');
  });

  it('ignores inbound contact', () => {
    const attempts = [
      ...mixed.slice(1),
      { channel: 'call' as const, direction: 'inbound' as const, at: '2026-06-09T15:00:00Z' },
    ];
    expect(evaluateAttempt(req('email'), context({ attempts, policy }), NOON_NY).outcome).toBe('allow');
  });

  it('combines with the calling window: a slot freeing at night waits for morning', () => {
    const night = [{ channel: 'sms' as const, at: '2026-06-04T03:00:00Z' }, ...mixed.slice(1)];
    const d = evaluateAttempt(req('email'), context({ attempts: night, policy }), NOON_NY);
    expectDefer(d);
    // The 06-04 03:00Z text ages out at 23:00 EDT on 06-10; 08:00 EDT 06-11 is the first open instant.
    expect(d.until).toBe('2026-06-11T12:00:00.000Z');
    expect(d.rules).toEqual(['weekly_contact_cap', 'calling_window']);
  });
});

describe('re-asking at `until`', () => {
  it.each<[string, AttemptRequest, Partial<ComplianceContext>, string, string[], string]>([
    [
      'call cap frees at night, window pushes to morning',
      req('call'),
      {
        attempts: calls(
          '2026-06-04T02:00:00Z',
          '2026-06-05T14:00:00Z',
          '2026-06-06T14:00:00Z',
          '2026-06-07T14:00:00Z',
          '2026-06-08T14:00:00Z',
          '2026-06-09T14:00:00Z',
          '2026-06-10T14:00:00Z',
        ),
        policy: { version: 'v3', weeklyContactCap: 20 },
      },
      '2026-06-10T23:30:00Z',
      ['call_attempt_cap', 'calling_window'],
      '2026-06-11T12:00:00.000Z',
    ],
    [
      'conversation, then weekly cap, then window',
      req('call'),
      {
        attempts: [
          { channel: 'call', at: '2026-06-04T20:00:00Z', callOutcome: 'reached' },
          { channel: 'email', at: '2026-06-05T01:30:00Z' },
          { channel: 'sms', at: '2026-06-05T02:15:00Z' },
        ],
        policy: { version: 'v3', weeklyContactCap: 2 },
      },
      '2026-06-10T16:00:00Z',
      ['call_after_conversation', 'weekly_contact_cap', 'calling_window'],
      '2026-06-12T12:00:00.000Z',
    ],
  ])(
    '%s: allowed at `until` when nothing changed, not a moment before',
    (_name, request, overrides, now, rules, until) => {
      const ctx = context(overrides);
      const first = evaluateAttempt(request, ctx, new Date(now));
      expectDefer(first);
      expect(first.rules).toEqual(rules);
      expect(first.rule).toBe(rules[0]);
      expect(first.until).toBe(until);
      expect(evaluateAttempt(request, ctx, new Date(first.until)).outcome).toBe('allow');
      expect(evaluateAttempt(request, ctx, new Date(Date.parse(first.until) - 1)).outcome).toBe('defer');
    },
  );
});

describe('malformed input fails closed', () => {
  it.each<[string, () => Decision, string]>([
    ['invalid now', () => evaluateAttempt(req('sms'), context(), new Date('nope')), 'now'],
    [
      'no policy version',
      () => evaluateAttempt(req('sms'), context({ policy: { version: '', weeklyContactCap: 3 } }), NOON_NY),
      'policy.version',
    ],
    [
      'zero weekly cap',
      () => evaluateAttempt(req('sms'), context({ policy: { version: 'v', weeklyContactCap: 0 } }), NOON_NY),
      'policy.weeklyContactCap',
    ],
    [
      'fractional balance',
      () => evaluateAttempt(req('sms'), context({ balanceCents: 10.5 }), NOON_NY),
      'balanceCents',
    ],
    [
      'loose timestamp in history',
      () =>
        evaluateAttempt(req('sms'), context({ attempts: [{ channel: 'sms', at: 'June 9 2026' }] }), NOON_NY),
      'attempts[0].at',
    ],
    [
      'bad quiet date',
      () =>
        evaluateAttempt(
          req('sms'),
          context({ policy: { version: 'v', weeklyContactCap: 3, quietDates: ['12/25'] } }),
          NOON_NY,
        ),
      'policy.quietDates[0]',
    ],
    [
      'impossible quiet date',
      () =>
        evaluateAttempt(
          req('sms'),
          context({
            policy: { version: 'v', weeklyContactCap: 3, quietDates: ['2026-12-25', '2026-02-30'] },
          }),
          NOON_NY,
        ),
      'policy.quietDates[1]',
    ],
    [
      'calling window outside the legal one',
      () =>
        evaluateAttempt(
          req('sms'),
          context({
            policy: {
              version: 'v',
              weeklyContactCap: 3,
              callingWindow: { startMinute: 1290, endMinute: 1380 },
            },
          }),
          NOON_NY,
        ),
      'policy.callingWindow',
    ],
    [
      'calling window backwards',
      () =>
        evaluateAttempt(
          req('sms'),
          context({
            policy: {
              version: 'v',
              weeklyContactCap: 3,
              callingWindow: { startMinute: 1000, endMinute: 900 },
            },
          }),
          NOON_NY,
        ),
      'policy.callingWindow',
    ],
    [
      'unknown channel',
      () => evaluateAttempt({ channel: 'fax' as never, purpose: 'payment_reminder' }, context(), NOON_NY),
      'request.channel',
    ],
    [
      'unknown purpose',
      () => evaluateAttempt({ channel: 'sms', purpose: 'promo' as never }, context(), NOON_NY),
      'request.purpose',
    ],
  ])('%s', (_name, run, field) => {
    expect(run).toThrow(InvalidComplianceInput);
    try {
      run();
    } catch (e) {
      expect((e as InvalidComplianceInput).field).toBe(field);
    }
  });
});
