import { z } from 'zod';

export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`${service}: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment against a schema at boot and fails fast, naming every bad variable and why,
 * so a misconfigured service never starts half-working.
 */
export function loadConfig<S extends z.ZodType>(
  service: string,
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      service,
      result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`),
    );
  }
  return result.data;
}

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const csv = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

/** Building blocks; each service composes the ones it needs. */
export const envParts = {
  database: {
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
    DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  },
  kafka: {
    KAFKA_BROKERS: csv.default(['127.0.0.1:9092']),
    KAFKA_CLIENT_ID: z.string().min(1).optional(),
  },
  temporal: {
    TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('courtesy'),
    TEMPORAL_TLS_CERT_PATH: z.string().optional(),
    TEMPORAL_TLS_KEY_PATH: z.string().optional(),
    /** `keyId:base64key,...`; the first key encrypts, all keys decrypt (rotation). */
    PAYLOAD_CODEC_KEYS: z
      .string()
      .regex(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)*$/, 'must be keyId:base64key[,keyId:base64key...]'),
  },
  smtp: {
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').default('smtp://127.0.0.1:1025'),
    MAIL_FROM: z.string().min(3).default('Courtesy Billing <billing@courtesy.local>'),
  },
  http: {
    HOST: z.string().default('127.0.0.1'),
    /** Bearer token for operator endpoints; unset disables them. */
    ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
    PORT: port(0),
  },
};

export { port as portSchema, csv as csvSchema };
