import { z } from 'zod';
import { accountViewSchema, errorResponseSchema, eventBatchSchema, eventsAcceptedSchema } from './api';
import { balanceListSchema } from './balances';
import { MAX_BATCH_EVENTS, parseEventsRequest } from './ehr-events';
import { EVENT_DEFINITIONS, ehrEventSchema } from './events';
import { EVENT_EXAMPLES } from './examples';
import { MAX_REF_LENGTH, SAFE_REF } from './primitives';

type JsonSchema = z.core.JSONSchema.BaseSchema;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, Record<string, unknown>>;
  };
}

const REF = (id: string) => `#/components/schemas/${id}`;
const idOf = (schema: z.ZodType): string => {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error('schema has no component id');
  return id;
};

function collectRefs(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, into));
  else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/'))
        into.add(v.slice(21));
      else collectRefs(v, into);
    }
  }
}

let cachedSchemas: Record<string, JsonSchema> | undefined;

/**
 * Component schemas straight from the zod schemas the gateway validates with, so the docs cannot drift from
 * the validator. The global registry holds every schema with an id; only those reachable from the API's own
 * schemas are published, in case anything else in the process registers ids too.
 */
function componentSchemas(): Record<string, JsonSchema> {
  if (cachedSchemas) return cachedSchemas;
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: 'draft-2020-12',
    io: 'input',
    uri: REF,
    // `format` already says it; zod's calendar regex would only bury the description under 300 characters.
    override: ({ jsonSchema }) => {
      if (jsonSchema.format === 'date' || jsonSchema.format === 'date-time') delete jsonSchema.pattern;
    },
  });
  const roots = [
    ehrEventSchema,
    eventBatchSchema,
    eventsAcceptedSchema,
    errorResponseSchema,
    accountViewSchema,
    balanceListSchema,
  ].map(idOf);
  const reachable = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const id = queue.pop()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    const found = new Set<string>();
    collectRefs(schemas[id], found);
    queue.push(...found);
  }
  const out: Record<string, JsonSchema> = {};
  for (const id of [...reachable].sort()) {
    // Each schema came out as a standalone document; inside components those two keys only add noise.
    const { $schema: _s, $id: _i, ...rest } = schemas[id]!;
    out[id] = rest;
  }
  const union = out[idOf(ehrEventSchema)]!;
  union.discriminator = {
    propertyName: 'type',
    mapping: Object.fromEntries(EVENT_DEFINITIONS.map((d) => [d.type, REF(idOf(d.schema))])),
  };
  for (const d of EVENT_DEFINITIONS) out[idOf(d.schema)]!.examples = [EVENT_EXAMPLES[d.type]];
  cachedSchemas = out;
  return out;
}

/** A real answer of the validator to a broken batch, so the documented 400 cannot drift from what is sent. */
function badBatchExample() {
  const visit = EVENT_EXAMPLES['visit.charged'];
  const body = {
    events: [
      EVENT_EXAMPLES['guarantor.upserted'],
      { ...visit, data: { ...visit.data, lines: [{ ...visit.data.lines[0]!, chargeCents: 95.5 }] } },
      { ...EVENT_EXAMPLES['payment.posted'], id: 'evt_2026_03_0099', type: 'payment.postd' },
    ],
  };
  const r = parseEventsRequest(body, { now: new Date('2026-04-01T00:00:00Z') });
  return { statusCode: 400, errors: r.ok ? [] : r.errors };
}

const json = (schemaId: string, extra: Record<string, unknown> = {}) => ({
  content: { 'application/json': { schema: { $ref: REF(schemaId) }, ...extra } },
});

const errorResponse = (
  description: string,
  example: { path: string; message: string },
  extra: Record<string, unknown> = {},
) => ({
  description,
  ...extra,
  ...json('ErrorResponse', { example: { errors: [example] } }),
});

const retryAfter = {
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 1 } },
};

export function openApiDocument({ serverUrl }: { serverUrl: string }): OpenApiDocument {
  const schemas = structuredClone(componentSchemas());
  const eventExamples = Object.fromEntries(
    EVENT_DEFINITIONS.map((d) => [d.type, { summary: d.type, value: EVENT_EXAMPLES[d.type] }]),
  );

  const common = {
    401: errorResponse('Missing or unknown API key, or a missing or wrong body signature.', {
      path: 'headers.x-api-key',
      message: 'is not a valid, active API key',
    }),
    429: errorResponse(
      'Rate limit for this API key reached.',
      { path: 'headers.x-api-key', message: 'rate limit reached; retry after 2 s' },
      { headers: retryAfter },
    ),
  };

  return {
    openapi: '3.1.0',
    info: {
      title: 'Courtesy integrator API',
      version: '1.0.0',
      description:
        'EHR and practice-management systems push what happened (visits, remittances, payments, contact changes) ' +
        'and read back where each balance stands. Amounts are integer cents. Every event type carries its own ' +
        '`data.schemaVersion`; unknown fields are rejected rather than ignored, so a typo never passes silently.',
    },
    servers: [{ url: serverUrl }],
    security: [{ ApiKey: [] }],
    paths: {
      '/v1/events': {
        post: {
          operationId: 'postEvents',
          summary: `Send one event, or a batch of up to ${MAX_BATCH_EVENTS}`,
          description:
            'A batch is validated whole: either every event is accepted (202) or nothing is and every error is ' +
            'listed (400). 202 is returned only once the events are durable. Re-posting an event id returns ' +
            'its original status as "duplicate" and publishes nothing. Timestamps more than 5 minutes ahead of ' +
            'our clock are rejected as clock skew.',
          security: [{ ApiKey: [], Signature: [] }, { ApiKey: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  oneOf: [{ $ref: REF(idOf(ehrEventSchema)) }, { $ref: REF(idOf(eventBatchSchema)) }],
                },
                examples: {
                  ...eventExamples,
                  batch: {
                    summary: 'A batch: guarantor, visit, remittance',
                    value: {
                      events: [
                        EVENT_EXAMPLES['guarantor.upserted'],
                        EVENT_EXAMPLES['visit.charged'],
                        EVENT_EXAMPLES['remittance.posted'],
                      ],
                    },
                  },
                },
              },
            },
          },
          responses: {
            202: {
              description: 'Accepted and durable.',
              ...json(idOf(eventsAcceptedSchema), {
                example: {
                  accepted: 1,
                  duplicates: 1,
                  events: [
                    { id: 'evt_2026_03_0001', status: 'duplicate', acceptedAt: '2026-03-02T15:14:06.120Z' },
                    { id: 'evt_2026_03_0002', status: 'accepted', acceptedAt: '2026-03-02T23:40:01.337Z' },
                  ],
                },
              }),
            },
            400: {
              description:
                'The body is not valid JSON or an event is invalid; every error is listed with its path.',
              ...json('ErrorResponse', { example: badBatchExample() }),
            },
            401: common[401],
            403: errorResponse("An event names a clinic outside this API key's scope.", {
              path: 'events[0].clinicId',
              message: 'clinic "lakeside-pt-04" is not in this API key\'s scope',
            }),
            409: errorResponse('An event id was accepted before with different content.', {
              path: 'events[0].id',
              message: '"evt_2026_03_0001" was already accepted with different content',
            }),
            413: errorResponse('The body is larger than the limit.', {
              path: 'body',
              message: 'is larger than 1048576 bytes',
            }),
            415: errorResponse('The body is not sent as application/json.', {
              path: 'headers.content-type',
              message: 'must be application/json (got "text/plain")',
            }),
            429: common[429],
          },
        },
      },
      '/v1/accounts/{accountRef}': {
        get: {
          operationId: 'getAccount',
          summary: 'Where an account stands',
          description:
            'Balance, ledger lines, stage, segment, next step and contact timeline of one account.',
          parameters: [
            {
              name: 'accountRef',
              in: 'path',
              required: true,
              description: "The account in the integrator's system.",
              schema: { type: 'string', minLength: 1, maxLength: MAX_REF_LENGTH, pattern: SAFE_REF.source },
            },
            {
              name: 'clinicId',
              in: 'query',
              required: true,
              description: 'The clinic the account belongs to; account refs are only unique within a clinic.',
              schema: { type: 'string', minLength: 1, maxLength: MAX_REF_LENGTH, pattern: SAFE_REF.source },
            },
          ],
          responses: {
            200: { description: 'The account.', ...json(idOf(accountViewSchema)) },
            401: common[401],
            403: errorResponse("The clinic is outside this API key's scope.", {
              path: 'query.clinicId',
              message: 'clinic "lakeside-pt-04" is not in this API key\'s scope',
            }),
            404: errorResponse('No such account in this clinic.', {
              path: 'accountRef',
              message: 'no such account',
            }),
            429: common[429],
          },
        },
      },
      '/v1/balances': {
        get: {
          operationId: 'listBalances',
          summary: 'Balances by clinic, age, stage and segment',
          description:
            'A page of balances the key may see, newest first; follow nextPageToken for the next page.',
          parameters: [
            {
              name: 'clinicId',
              in: 'query',
              required: false,
              description: 'One clinic or a comma-separated list; default: every clinic the key may see.',
              schema: { type: 'string' },
            },
            {
              name: 'stage',
              in: 'query',
              required: false,
              description:
                'Only balances in this stage (soft, plan, disputed, hardship, held, final_notice, placed, resolved).',
              schema: { type: 'string' },
            },
            {
              name: 'segment',
              in: 'query',
              required: false,
              description:
                'Only balances in this segment (fresh, early_stall, documentation_doubt, high_value_engaged, silent_aged).',
              schema: { type: 'string' },
            },
            {
              name: 'minAgeDays',
              in: 'query',
              required: false,
              description: 'Balances at least this many days old.',
              schema: { type: 'integer', minimum: 0 },
            },
            {
              name: 'maxAgeDays',
              in: 'query',
              required: false,
              description: 'Balances at most this many days old.',
              schema: { type: 'integer', minimum: 0 },
            },
            {
              name: 'minBalanceCents',
              in: 'query',
              required: false,
              description: 'Balances of at least this many cents.',
              schema: { type: 'integer', minimum: 0 },
            },
            {
              name: 'status',
              in: 'query',
              required: false,
              description: 'open (default): balances still being worked; all: closed ones too.',
              schema: { type: 'string', enum: ['open', 'all'], default: 'open' },
            },
            {
              name: 'pageSize',
              in: 'query',
              required: false,
              description: 'Balances per page, 1-200.',
              schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            },
            {
              name: 'pageToken',
              in: 'query',
              required: false,
              description: 'The nextPageToken of the previous page.',
              schema: { type: 'string' },
            },
          ],
          responses: {
            200: { description: 'A page of balances.', ...json(idOf(balanceListSchema)) },
            400: errorResponse('A filter is malformed.', {
              path: 'query.minAgeDays',
              message: 'must be a whole number between 0 and 36500',
            }),
            401: common[401],
            403: errorResponse("A clinic is outside this API key's scope.", {
              path: 'query.clinicId',
              message: 'clinic "lakeside-pt-04" is not in this API key\'s scope',
            }),
            429: common[429],
          },
        },
      },
    },
    components: {
      schemas,
      securitySchemes: {
        ApiKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Api-Key',
          description: 'Issued per integrator, scoped to one tenant and a set of clinics.',
        },
        Signature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Courtesy-Signature',
          description:
            "Hex HMAC-SHA256 of the exact request body bytes with the key's signing secret, optionally prefixed " +
            '"sha256=". Required when the API key has a signing secret.',
        },
      },
    },
  };
}
