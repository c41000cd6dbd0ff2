import {
  EVENT_EXAMPLES,
  EVENT_TYPES,
  openApiDocument,
  parseEventsRequest,
  type OpenApiDocument,
} from './index';

const doc: OpenApiDocument = openApiDocument({ serverUrl: 'https://api.courtesy.example' });
const post = doc.paths['/v1/events']!.post as any;
const getAccount = doc.paths['/v1/accounts/{accountRef}']!.get as any;
const requestExamples = post.requestBody.content['application/json'].examples as Record<
  string,
  { value: unknown }
>;

function refsIn(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, into));
  else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') into.push(v);
      else refsIn(v, into);
    }
  }
  return into;
}

describe('examples in the published document', () => {
  test('there is a request example for every event type, plus a batch', () => {
    expect(Object.keys(requestExamples).sort()).toEqual([...EVENT_TYPES, 'batch'].sort());
  });

  // The document is read back as JSON so the test checks what integrators will actually copy.
  const published = JSON.parse(JSON.stringify(doc)) as typeof doc;
  const fromRequestBody = Object.entries(
    (published.paths['/v1/events']!.post as any).requestBody.content['application/json'].examples as Record<
      string,
      { value: unknown }
    >,
  ).map(([name, e]) => [`request example ${name}`, e.value] as const);
  const fromComponents = EVENT_TYPES.map((type) => {
    const component = Object.values(published.components.schemas).find((s) => s.title === type)!;
    return [`component example of ${type}`, (component.examples as unknown[])[0]] as const;
  });

  test.each([...fromRequestBody, ...fromComponents])(
    '%s parses OK, today and at its own date',
    (_name, value) => {
      expect(parseEventsRequest(value)).toMatchObject({ ok: true });
      expect(parseEventsRequest(value, { now: new Date('2026-03-27T00:00:00Z') })).toMatchObject({
        ok: true,
      });
    },
  );

  test("the documented 400 is the validator's real answer to a broken batch", () => {
    const example = post.responses[400].content['application/json'].example;
    expect(example.errors.map((e: { path: string }) => e.path)).toEqual([
      'events[1].data.lines[0].chargeCents',
      'events[2].type',
    ]);
    expect(example.errors[1].message).toContain('did you mean "payment.posted"?');
  });
});

describe('document structure', () => {
  test('is OpenAPI 3.1 with the given server', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: 'https://api.courtesy.example' }]);
  });

  test('every $ref points at a component that exists, and every component is used', () => {
    const refs = refsIn(doc.paths).concat(refsIn(doc.components.schemas));
    const names = Object.keys(doc.components.schemas);
    for (const ref of refs) expect(names).toContain(ref.replace('#/components/schemas/', ''));
    const used = new Set(refs.map((r) => r.replace('#/components/schemas/', '')));
    expect(names.filter((n) => !used.has(n))).toEqual([]);
  });

  test('component schemas are draft 2020-12 fragments without standalone-document keys', () => {
    for (const schema of Object.values(doc.components.schemas)) {
      expect(schema).not.toHaveProperty('$schema');
      expect(schema).not.toHaveProperty('$id');
    }
  });

  test('the event union is discriminated on type and maps every type to its schema', () => {
    const union = doc.components.schemas.EhrEvent!;
    const mapping = (union.discriminator as { mapping: Record<string, string> }).mapping;
    expect(Object.keys(mapping)).toEqual([...EVENT_TYPES]);
    for (const [type, ref] of Object.entries(mapping)) {
      const target = doc.components.schemas[ref.replace('#/components/schemas/', '')]!;
      expect((target.properties as any).type.const).toBe(type);
    }
  });

  test('event and data schemas reject unknown fields, as the validator does', () => {
    const strict = Object.entries(doc.components.schemas).filter(
      ([name]) => /(Event|Data)$/.test(name) && name !== 'EhrEvent',
    );
    expect(strict).toHaveLength(EVENT_TYPES.length * 2);
    for (const [, schema] of strict) expect(schema.additionalProperties).toBe(false);
  });

  test('money is published as bounded integers', () => {
    const charge = (doc.components.schemas.ChargeLine!.properties as any).chargeCents;
    expect(charge).toMatchObject({ type: 'integer', minimum: 0, maximum: 100_000_000 });
  });

  test('the batch is limited to 500 events', () => {
    expect((doc.components.schemas.EventBatch!.properties as any).events).toMatchObject({
      minItems: 1,
      maxItems: 500,
    });
  });

  test('POST /v1/events documents every status an integrator must handle', () => {
    expect(Object.keys(post.responses).sort()).toEqual([
      '202',
      '400',
      '401',
      '403',
      '409',
      '413',
      '415',
      '429',
    ]);
    expect(post.responses[429].headers['Retry-After'].schema).toEqual({ type: 'integer', minimum: 1 });
    expect(post.responses[202].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/EventsAccepted',
    });
  });

  test('GET /v1/accounts/{accountRef} returns the account view', () => {
    expect(getAccount.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual([
      'path:accountRef',
      'query:clinicId',
    ]);
    expect(getAccount.responses[200].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/AccountView',
    });
  });

  test('auth is an API key, with an optional HMAC signature on posts', () => {
    expect(doc.components.securitySchemes.ApiKey).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'X-Api-Key',
    });
    expect(doc.components.securitySchemes.Signature).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'X-Courtesy-Signature',
    });
    expect(post.security).toEqual([{ ApiKey: [], Signature: [] }, { ApiKey: [] }]);
  });

  test("each call returns its own copy, so one caller cannot change another's document", () => {
    const a = openApiDocument({ serverUrl: 'http://a' });
    delete a.components.schemas.EhrEvent;
    expect(openApiDocument({ serverUrl: 'http://b' }).components.schemas.EhrEvent).toBeDefined();
  });
});

test('examples use invented contact details only', () => {
  const text = JSON.stringify(EVENT_EXAMPLES);
  const phones = text.match(/\+\d+/g) ?? [];
  expect(phones.length).toBeGreaterThan(0);
  // 555-0100 to 555-0199 is the NANP range set aside for fiction.
  for (const phone of phones) expect(phone).toMatch(/^\+1[2-9]\d\d55501\d\d$/);
  for (const email of text.match(/[\w.+-]+@[\w.-]+/g) ?? []) expect(email).toMatch(/@example\.com$/);
});
