import {
  EVENT_EXAMPLES,
  EVENT_TYPES,
  MAX_REPORTED_ERRORS,
  ehrEventSchema,
  parseEventsRequest,
  validateStoredEvent,
  type EventType,
  type FieldError,
} from './index';

const NOW = new Date('2026-04-01T12:00:00Z');
const parse = (body: unknown) => parseEventsRequest(body, { now: NOW });

/** A valid example of `type`, changed by `mutate`; `any` because the point is to break the types. */
function ev(type: EventType, mutate: (e: any) => void = () => {}): any {
  const e = structuredClone(EVENT_EXAMPLES[type]) as any;
  mutate(e);
  return e;
}
const guarantor = (mutate: (d: any) => void) => ev('guarantor.upserted', (e) => mutate(e.data));
const visit = (mutate: (d: any) => void) => ev('visit.charged', (e) => mutate(e.data));
const batchOf = (n: number) => ({
  events: Array.from({ length: n }, (_, i) => ev('payment.posted', (e) => (e.id = `evt_${i}`))),
});

function errorsOf(body: unknown): FieldError[] {
  const r = parse(body);
  if (r.ok) throw new Error('expected the body to be rejected');
  return r.errors;
}

// [name, body, [[exact path, substring of the reason], ...]]: the named paths must be exactly the error paths.
type BadCase = [string, unknown, [string, string][]];

const badInputs: BadCase[] = [
  // The body as a whole
  ['null body', null, [['body', 'must be a JSON object']]],
  ['array body', [EVENT_EXAMPLES['payment.posted']], [['body', 'send a batch as { "events"']]],
  ['string body', 'guarantor.upserted', [['body', '(got text)']]],
  ['number body', 42, [['body', '(got a number)']]],
  ['empty batch', { events: [] }, [['events', 'at least 1 event']]],
  ['501 events', batchOf(501), [['events', 'has 501 events; a batch may hold at most 500']]],
  [
    'events is not a list',
    { events: { a: 1 } },
    [['events', 'must be a list of 1 to 500 events (got an object)']],
  ],
  [
    'batch with an extra top-level field',
    { events: [EVENT_EXAMPLES['payment.posted']], tenant: 't1' },
    [['tenant', 'unknown field']],
  ],
  ['a null event in a batch', { events: [null] }, [['events[0]', 'must be an event object']]],
  [
    'two events share an id',
    {
      events: [
        EVENT_EXAMPLES['payment.posted'],
        ev('adjustment.posted', (e) => (e.id = EVENT_EXAMPLES['payment.posted'].id)),
      ],
    },
    [['events[1].id', 'repeats the id of events[0]']],
  ],

  // Envelope
  [
    'unknown type with a near miss',
    ev('visit.charged', (e) => (e.type = 'visit.chargd')),
    [['type', 'unknown event type "visit.chargd"; did you mean "visit.charged"?']],
  ],
  [
    'unknown type lists the known ones',
    ev('visit.charged', (e) => (e.type = 'lab.resulted')),
    [['type', '(expected one of guarantor.upserted, visit.charged']],
  ],
  [
    'type that is an Object.prototype key',
    ev('visit.charged', (e) => (e.type = 'constructor')),
    [['type', 'unknown event type "constructor"']],
  ],
  ['missing type', ev('visit.charged', (e) => delete e.type), [['type', 'is required: one of']]],
  ['type is a number', ev('visit.charged', (e) => (e.type = 7)), [['type', 'must be an event type as text']]],
  [
    'unknown type still reports envelope errors',
    ev('visit.charged', (e) => Object.assign(e, { type: 'x', clinicId: '' })),
    [
      ['type', 'unknown event type'],
      ['clinicId', 'must not be empty'],
    ],
  ],
  ['missing id', ev('payment.posted', (e) => delete e.id), [['id', 'is required']]],
  [
    'id with a space',
    ev('payment.posted', (e) => (e.id = 'evt 1')),
    [['id', 'may only contain letters, digits']],
  ],
  [
    'id of 129 characters',
    ev('payment.posted', (e) => (e.id = 'e'.repeat(129))),
    [['id', 'at most 128 characters']],
  ],
  [
    'id is a number',
    ev('payment.posted', (e) => (e.id = 12345)),
    [['id', 'must be an event id as text (got a number)']],
  ],
  [
    'occurredAt without an offset',
    ev('payment.posted', (e) => (e.occurredAt = '2026-03-18T10:25:12')),
    [['occurredAt', 'needs a UTC offset']],
  ],
  [
    'occurredAt 2 hours ahead',
    ev('payment.posted', (e) => (e.occurredAt = '2026-04-01T14:00:00Z')),
    [['occurredAt', 'is 2 hours in the future; clocks may be skewed']],
  ],
  [
    'occurredAt on an impossible date',
    ev('payment.posted', (e) => (e.occurredAt = '2026-02-30T10:00:00Z')),
    [['occurredAt', 'is not a real calendar date']],
  ],
  [
    "occurredAt at 25 o'clock",
    ev('payment.posted', (e) => (e.occurredAt = '2026-03-18T25:00:00Z')),
    [['occurredAt', 'is not a real time of day']],
  ],
  [
    'occurredAt before 1990',
    ev('payment.posted', (e) => (e.occurredAt = '1970-01-01T00:00:00Z')),
    [['occurredAt', 'must not be before 1990']],
  ],
  [
    'occurredAt in words',
    ev('payment.posted', (e) => (e.occurredAt = 'yesterday')),
    [['occurredAt', 'must be an ISO-8601 date-time with a UTC offset']],
  ],
  [
    'occurredAt as epoch millis',
    ev('payment.posted', (e) => (e.occurredAt = 1773840312000)),
    [['occurredAt', '(got a number)']],
  ],
  [
    'clinicId with a slash',
    ev('payment.posted', (e) => (e.clinicId = 'clinic/4')),
    [['clinicId', 'may only contain']],
  ],
  ['missing data', ev('payment.posted', (e) => delete e.data), [['data', 'is required']]],
  [
    'data is a list',
    ev('payment.posted', (e) => (e.data = [])),
    [['data', 'must be an object (got a list)']],
  ],
  [
    'unknown envelope field',
    ev('payment.posted', (e) => (e.tenantId = 't1')),
    [['tenantId', 'unknown field']],
  ],
  [
    'unknown data field',
    ev('payment.posted', (e) => (e.data.amountDollars = 10)),
    [['data.amountDollars', 'unknown field; remove it or check its spelling']],
  ],
  [
    'unknown field with an odd name',
    ev('payment.posted', (e) => (e.data['note\u0007 x'] = 1)),
    [['data["note\\u0007 x"]', 'unknown field']],
  ],
  [
    'schemaVersion 2',
    ev('payment.posted', (e) => (e.data.schemaVersion = 2)),
    [['data.schemaVersion', 'must be 1']],
  ],
  [
    'missing schemaVersion',
    ev('payment.posted', (e) => delete e.data.schemaVersion),
    [['data.schemaVersion', 'is required']],
  ],
  [
    'missing accountRef',
    ev('payment.posted', (e) => delete e.data.accountRef),
    [['data.accountRef', 'is required']],
  ],

  // Money
  [
    'negative charge',
    visit((d) => (d.lines[0].chargeCents = -5)),
    [['data.lines[0].chargeCents', 'must be a non-negative integer']],
  ],
  [
    'fractional charge',
    visit((d) => (d.lines[1].chargeCents = 95.5)),
    [['data.lines[1].chargeCents', 'not a fraction']],
  ],
  [
    'charge as text',
    visit((d) => (d.lines[0].chargeCents = '9500')),
    [['data.lines[0].chargeCents', 'must be a non-negative integer number of cents (got text)']],
  ],
  [
    'charge of a billion cents',
    visit((d) => (d.lines[0].chargeCents = 1e9)),
    [['data.lines[0].chargeCents', 'must be at most 100000000 cents']],
  ],
  [
    'charge too large to represent',
    JSON.parse(JSON.stringify(visit(() => {})).replace('9500', '1e400')),
    [['data.lines[0].chargeCents', 'too large to represent']],
  ],
  [
    'charge is null',
    visit((d) => (d.lines[0].chargeCents = null)),
    [['data.lines[0].chargeCents', '(got null)']],
  ],
  ['no charge lines', visit((d) => (d.lines = [])), [['data.lines', 'must have at least 1 item']]],
  [
    'six-character procedure code',
    visit((d) => (d.lines[0].code = '97110x')),
    [['data.lines[0].code', '5-character CPT or HCPCS code']],
  ],
  [
    'lowercase procedure code',
    visit((d) => (d.lines[1].code = 'g0283')),
    [['data.lines[1].code', 'in capitals']],
  ],
  [
    'negative copay',
    ev('remittance.posted', (e) => (e.data.patientResponsibility.copayCents = -1)),
    [['data.patientResponsibility.copayCents', 'non-negative integer']],
  ],
  [
    'missing deductible',
    ev('remittance.posted', (e) => delete e.data.patientResponsibility.deductibleCents),
    [['data.patientResponsibility.deductibleCents', 'is required']],
  ],
  [
    'payment of zero',
    ev('payment.posted', (e) => (e.data.amountCents = 0)),
    [['data.amountCents', 'must be a positive integer number of cents (got zero)']],
  ],
  [
    'negative payment',
    ev('payment.posted', (e) => (e.data.amountCents = -1000)),
    [['data.amountCents', 'must be a positive integer']],
  ],
  [
    'unknown payment method',
    ev('payment.posted', (e) => (e.data.method = 'bitcoin')),
    [['data.method', 'must be one of card, cash, check']],
  ],
  [
    'negative write-off',
    ev('adjustment.posted', (e) => Object.assign(e.data, { kind: 'write_off', amountCents: -500 })),
    [['data.amountCents', 'only a correction may be negative']],
  ],
  [
    'zero correction',
    ev('adjustment.posted', (e) => Object.assign(e.data, { kind: 'correction', amountCents: 0 })),
    [['data.amountCents', 'must not be zero']],
  ],

  // Dates
  [
    'impossible service date',
    visit((d) => (d.serviceDate = '2026-02-30')),
    [['data.serviceDate', 'is not a real calendar date']],
  ],
  [
    'US-style service date',
    visit((d) => (d.serviceDate = '03/02/2026')),
    [['data.serviceDate', 'must be a date in YYYY-MM-DD form']],
  ],
  [
    'service date in the future',
    visit((d) => (d.serviceDate = '2026-04-03')),
    [['data.serviceDate', 'is in the future']],
  ],
  [
    'date of birth before 1900',
    guarantor((d) => (d.dateOfBirth = '1899-12-31')),
    [['data.dateOfBirth', 'must not be before 1900-01-01']],
  ],
  [
    'date of birth in the future',
    guarantor((d) => (d.dateOfBirth = '2027-01-01')),
    [['data.dateOfBirth', 'is in the future']],
  ],
  [
    '29 February in a common year',
    guarantor((d) => (d.dateOfBirth = '2023-02-29')),
    [['data.dateOfBirth', 'is not a real calendar date']],
  ],
  [
    'bad expected decision date',
    ev('insurance.rebilled', (e) => (e.data.expectedDecisionBy = '2026-13-01')),
    [['data.expectedDecisionBy', 'is not a real calendar date']],
  ],

  // Contact points
  [
    'phone with spaces',
    guarantor((d) => (d.phone = '+1 312 555 0142')),
    [['data.phone', 'must be an E.164 phone number']],
  ],
  [
    'phone without a plus',
    guarantor((d) => (d.phone = '3125550142')),
    [['data.phone', 'must be an E.164 phone number']],
  ],
  [
    'US phone with an area code starting with 0',
    guarantor((d) => (d.phone = '+10125550142')),
    [['data.phone', 'is not a valid US/Canada number']],
  ],
  [
    'email without a domain',
    guarantor((d) => (d.email = 'marisol.qr@')),
    [['data.email', 'must be an email address']],
  ],
  [
    'lowercase state',
    guarantor((d) => (d.address.state = 'Il')),
    [['data.address.state', 'two-letter US state or territory code']],
  ],
  [
    'made-up state',
    guarantor((d) => (d.address.state = 'XX')),
    [['data.address.state', 'two-letter US state']],
  ],
  [
    'four-digit ZIP',
    guarantor((d) => (d.address.postalCode = '6020')),
    [['data.address.postalCode', 'must be a US ZIP code']],
  ],
  [
    'time zone that does not exist',
    guarantor((d) => (d.timeZone = 'Mars/Olympus_Mons')),
    [['data.timeZone', 'must be an IANA time zone']],
  ],
  [
    'time zone abbreviation',
    guarantor((d) => (d.timeZone = 'EST')),
    [['data.timeZone', 'abbreviations (EST) and fixed offsets are not accepted']],
  ],
  [
    'fixed-offset time zone',
    guarantor((d) => (d.timeZone = 'Etc/GMT+5')),
    [['data.timeZone', 'must be an IANA time zone']],
  ],
  [
    'unsupported language',
    guarantor((d) => (d.language = 'fr')),
    [['data.language', 'must be "en" or "es"']],
  ],
  [
    'consent flag as text',
    guarantor((d) => (d.consent.sms.granted = 'yes')),
    [['data.consent.sms.granted', 'must be true or false (got text)']],
  ],
  [
    'consent recorded in the future',
    guarantor((d) => (d.consent.email.at = '2026-04-03T12:00:00Z')),
    [['data.consent.email.at', 'is 2 days in the future; clocks may be skewed']],
  ],
  [
    'unknown consent source',
    guarantor((d) => (d.consent.sms.source = 'carrier_pigeon')),
    [['data.consent.sms.source', 'must be one of intake_form']],
  ],
  [
    'SMS consent without a phone',
    guarantor((d) => delete d.phone),
    [['data.consent.sms.granted', 'is true but no phone was given']],
  ],
  [
    'family list names the account itself',
    guarantor((d) => d.familyAccountRefs.push(d.accountRef)),
    [['data.familyAccountRefs[1]', 'must not be the account itself']],
  ],
  [
    'contact update that changes nothing',
    ev('contact.updated', (e) => (e.data = { schemaVersion: 1, accountRef: 'ACC-220017' })),
    [['data', 'must change at least one of phone, email']],
  ],
  [
    'removing the phone while granting SMS consent',
    ev('contact.updated', (e) => (e.data.phone = null)),
    [['data.consent.sms.granted', 'is true while the phone is being removed']],
  ],

  // Text
  [
    'NUL in a name',
    guarantor((d) => (d.name.first = 'Mari\u0000sol')),
    [['data.name.first', 'must not contain control characters']],
  ],
  [
    'line break in a name',
    guarantor((d) => (d.name.last = 'Quintanilla\nReyes')),
    [['data.name.last', 'must not contain control characters']],
  ],
  [
    'direction override in a name',
    guarantor((d) => (d.name.last = 'Reyes\u202Eevil')),
    [['data.name.last', 'invisible text-direction characters']],
  ],
  [
    'lone surrogate in a city',
    guarantor((d) => (d.address.city = 'Evan\uD800ston')),
    [['data.address.city', 'broken unicode']],
  ],
  ['blank name', guarantor((d) => (d.name.first = '   ')), [['data.name.first', 'must not be empty']]],
  [
    'name of 61 characters',
    guarantor((d) => (d.name.first = 'é'.repeat(61))),
    [['data.name.first', 'at most 60 characters']],
  ],
  [
    'name as a number',
    guarantor((d) => (d.name.first = 7)),
    [['data.name.first', 'must be text (got a number)']],
  ],
  [
    'bell character in an EOB summary',
    ev('remittance.posted', (e) => (e.data.eobSummary += '\u0007')),
    [['data.eobSummary', 'line breaks and tabs are fine']],
  ],
  [
    'dispute description of 2001 characters',
    ev('dispute.opened', (e) => (e.data.description = 'x'.repeat(2001))),
    [['data.description', 'at most 2000 characters']],
  ],

  // Enums and required fields of the smaller events
  [
    'unknown mail return reason',
    ev('mail.returned', (e) => (e.data.reason = 'dog_ate_it')),
    [['data.reason', 'must be one of moved_no_forwarding']],
  ],
  [
    'dispute resolved without an outcome',
    ev('dispute.resolved', (e) => delete e.data.outcome),
    [['data.outcome', 'is required']],
  ],
  [
    'complaint severity out of range',
    ev('complaint.logged', (e) => (e.data.severity = 'urgent')),
    [['data.severity', 'must be one of low, medium, high']],
  ],
];

describe('parseEventsRequest rejects malformed bodies with the exact path and a plain reason', () => {
  test('the table is big enough to mean something', () => {
    expect(badInputs.length).toBeGreaterThanOrEqual(40);
  });

  test.each(badInputs)('%s', (_name, body, expected) => {
    const errors = errorsOf(body);
    expect(errors.map((e) => e.path).sort()).toEqual(expected.map(([path]) => path).sort());
    for (const [path, reason] of expected) {
      expect(errors.filter((e) => e.path === path).map((e) => e.message)).toEqual(
        expect.arrayContaining([expect.stringContaining(reason)]),
      );
    }
    for (const e of errors)
      expect(e.message).not.toMatch(/Invalid input|expected \w+, received|Invalid discriminator/);
  });

  test('the same malformed events in a batch are named under events[i]', () => {
    const [, body, expected] = badInputs.find(([name]) => name === 'negative charge')!;
    const errors = errorsOf({ events: [EVENT_EXAMPLES['guarantor.upserted'], body] });
    expect(errors).toEqual([
      { path: `events[1].${expected[0]![0]}`, message: expect.stringContaining(expected[0]![1]) },
    ]);
  });
});

describe('a batch is validated whole', () => {
  test('every error in every event is returned, and good events add none', () => {
    const body = {
      events: [
        EVENT_EXAMPLES['guarantor.upserted'],
        visit((d) => {
          d.lines[0].chargeCents = -1;
          d.lines[1].chargeCents = 12.5;
        }),
        EVENT_EXAMPLES['remittance.posted'],
        ev('payment.posted', (e) =>
          Object.assign(e, { type: 'payment.postd', occurredAt: '2026-04-01T15:00:00Z' }),
        ),
        ev('guarantor.upserted', (e) => {
          e.id = 'evt_2026_03_0100';
          e.data.phone = '555-0142';
          e.data.address.state = 'Texas';
          e.data.timeZone = 'Central';
        }),
      ],
    };
    expect(errorsOf(body).map((e) => e.path)).toEqual([
      'events[1].data.lines[0].chargeCents',
      'events[1].data.lines[1].chargeCents',
      'events[3].type',
      'events[3].occurredAt',
      'events[4].data.phone',
      'events[4].data.address.state',
      'events[4].data.timeZone',
    ]);
  });

  test('a batch of exactly 500 is accepted, in order', () => {
    const r = parse(batchOf(500));
    expect(r.ok && r.events.map((e) => e.id)).toEqual(Array.from({ length: 500 }, (_, i) => `evt_${i}`));
  });

  test('an oversized batch still reports the errors inside it', () => {
    const body = batchOf(501);
    body.events[7].data.amountCents = -1;
    expect(errorsOf(body).map((e) => e.path)).toEqual(['events', 'events[7].data.amountCents']);
  });

  test('the error list is capped so a hostile body cannot produce a huge response', () => {
    const body = ev('payment.posted', (e) => {
      for (let i = 0; i < MAX_REPORTED_ERRORS + 500; i++) e.data[`extra${i}`] = i;
    });
    const errors = errorsOf(body);
    expect(errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(errors.at(-1)).toEqual({ path: 'body', message: 'and 500 more errors not listed' });
  });
});

describe('accepted input', () => {
  test.each(EVENT_TYPES.map((t) => [t]))('the %s example parses as one event and as a batch', (type) => {
    expect(parse(EVENT_EXAMPLES[type])).toEqual({ ok: true, events: [EVENT_EXAMPLES[type]] });
    expect(parse({ events: [EVENT_EXAMPLES[type]] })).toEqual({ ok: true, events: [EVENT_EXAMPLES[type]] });
  });

  const goodInputs: [string, unknown][] = [
    [
      'names in any script',
      guarantor((d) => (d.name = { first: 'Þórdís', middle: 'Ngọc', last: '王-Nakamura', suffix: 'Jr.' })),
    ],
    [
      'no phone, email or family, with consent refused',
      guarantor((d) => {
        delete d.phone;
        delete d.email;
        delete d.familyAccountRefs;
        d.consent.sms.granted = false;
        d.consent.email.granted = false;
      }),
    ],
    ['a time zone alias', guarantor((d) => (d.timeZone = 'US/Eastern'))],
    ['UTC', guarantor((d) => (d.timeZone = 'UTC'))],
    ['a leap-day birth date', guarantor((d) => (d.dateOfBirth = '2024-02-29'))],
    ['the earliest birth date', guarantor((d) => (d.dateOfBirth = '1900-01-01'))],
    [
      'a territory and ZIP+4',
      guarantor((d) => Object.assign(d.address, { state: 'PR', postalCode: '00901-1234' })),
    ],
    ['a non-US phone number', guarantor((d) => (d.phone = '+442079460958'))],
    [
      'occurredAt exactly at the skew limit',
      ev('payment.posted', (e) => (e.occurredAt = '2026-04-01T12:05:00Z')),
    ],
    [
      'occurredAt with nanoseconds',
      ev('payment.posted', (e) => (e.occurredAt = '2026-03-18T10:25:12.123456789-05:00')),
    ],
    ['a service date already today in UTC+14', visit((d) => (d.serviceDate = '2026-04-02'))],
    [
      'a negative correction',
      ev('adjustment.posted', (e) => Object.assign(e.data, { kind: 'correction', amountCents: -500 })),
    ],
    ['the largest amount', ev('payment.posted', (e) => (e.data.amountCents = 100_000_000))],
    ['a zero-charge line', visit((d) => (d.lines[0].chargeCents = 0))],
    [
      'line breaks in an EOB summary',
      ev('remittance.posted', (e) => (e.data.eobSummary = 'Line one.\r\nLine two.\tTabbed.')),
    ],
    ['an event id with a namespace', ev('payment.posted', (e) => (e.id = 'epic:12345-a.b_c'))],
    [
      'a contact update that only removes the email',
      ev('contact.updated', (e) => (e.data = { schemaVersion: 1, accountRef: 'A1', email: null })),
    ],
  ];

  test.each(goodInputs)('%s', (_name, body) => {
    expect(parse(body)).toMatchObject({ ok: true });
  });

  test('text is trimmed and NFC-normalised, so the same name typed two ways is stored once', () => {
    const r = parse(guarantor((d) => (d.name.first = '  Jose\u0301 ')));
    expect(r.ok && r.events[0]!.type === 'guarantor.upserted' && r.events[0]!.data.name.first).toBe('José');
  });
});

describe('options', () => {
  const ahead = ev('payment.posted', (e) => (e.occurredAt = '2026-04-01T12:10:00Z'));

  test('maxClockSkewMs widens or narrows the future window', () => {
    expect(parseEventsRequest(ahead, { now: NOW }).ok).toBe(false);
    expect(parseEventsRequest(ahead, { now: NOW, maxClockSkewMs: 15 * 60_000 }).ok).toBe(true);
  });

  test('now defaults to the real clock, so a far-future event is refused without options', () => {
    expect(
      parseEventsRequest(ev('payment.posted', (e) => (e.occurredAt = '2999-01-01T00:00:00Z'))),
    ).toMatchObject({
      ok: false,
      errors: [{ path: 'occurredAt', message: expect.stringMatching(/^is \d+ days in the future/) }],
    });
  });

  test('maxBatch lowers the batch limit', () => {
    expect(parseEventsRequest(batchOf(3), { now: NOW, maxBatch: 2 })).toEqual({
      ok: false,
      errors: [{ path: 'events', message: 'has 3 events; a batch may hold at most 2' }],
    });
  });
});

describe('messages never repeat submitted personal data', () => {
  test('a bad phone, birth date and email are described, not echoed', () => {
    const messages = errorsOf(
      guarantor((d) => {
        d.phone = '+1 312 555 0142';
        d.dateOfBirth = '1984-02-31';
        d.email = 'marisol.qr@@example.com';
      }),
    ).map((e) => e.message);
    expect(messages).toHaveLength(3);
    for (const m of messages) expect(m).not.toMatch(/312 555|1984|marisol/);
  });
});

describe('stored events', () => {
  test('validateStoredEvent skips clock rules, so an old event replays', () => {
    const old = ev('payment.posted', (e) => (e.occurredAt = '2999-01-01T00:00:00Z'));
    expect(validateStoredEvent(old)).toEqual({ ok: true, event: old });
    expect(validateStoredEvent(ev('payment.posted', (e) => (e.data.amountCents = -1)))).toMatchObject({
      ok: false,
      errors: [{ path: 'data.amountCents', message: expect.stringContaining('positive integer') }],
    });
  });

  test('ehrEventSchema is the union: it accepts every example and rejects an unknown type', () => {
    for (const type of EVENT_TYPES) expect(ehrEventSchema.safeParse(EVENT_EXAMPLES[type]).success).toBe(true);
    expect(ehrEventSchema.safeParse(ev('payment.posted', (e) => (e.type = 'payment.postd'))).success).toBe(
      false,
    );
  });
});
