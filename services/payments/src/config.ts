import { z } from 'zod';
import { envParts, loadConfig } from '@courtesy/config';

export const paymentsConfigSchema = z
  .object({
    ...envParts.http,
    PORT: envParts.http.PORT.default(3003),
    ...envParts.database,
    DATABASE_SCHEMA: envParts.database.DATABASE_SCHEMA.default('payments'),
    ...envParts.kafka,
    ...envParts.temporal,
    TEMPORAL_PAYMENTS_TASK_QUEUE: z.string().min(1).default('payments'),
    /** `sandbox` (default, no credentials, test cards) or `stripe` (needs STRIPE_SECRET_KEY). */
    PAYMENTS_PROCESSOR: z.enum(['sandbox', 'stripe']).default('sandbox'),
    STRIPE_SECRET_KEY: z.string().startsWith('sk_', 'must be a Stripe secret key (sk_...)').optional(),
    STRIPE_PUBLISHABLE_KEY: z.string().startsWith('pk_', 'must be a Stripe publishable key (pk_...)').optional(),
    /** Where the Stripe SDK sends requests; set only to point it at stripe-mock in tests. */
    STRIPE_API_URL: z.url().optional(),
    /** Secret that signs processor webhooks (Stripe's `whsec_...`, or the sandbox's own). */
    PROCESSOR_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    /** HMAC key for pay-page sessions after the identity check. */
    /** Unset: a random key per process (sessions do not survive a restart or span replicas; fine for one dev box). */
    PAY_LINK_SECRET: z.string().min(24, 'must be at least 24 characters').optional(),
    PAY_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(45),
    /** Wrong identity answers before a link is locked for PAY_LINK_LOCK_MINUTES. */
    PAY_LINK_MAX_FAILED_CHECKS: z.coerce.number().int().min(1).max(20).default(5),
    PAY_LINK_LOCK_MINUTES: z.coerce.number().int().min(1).default(30),
    /** Page requests per client address per minute (stops code enumeration). */
    PAY_PAGE_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(120),
    /** Create the weekly credit-sweep Temporal Schedule at start (tests turn it off or clean it up). */
    CREDIT_SWEEP_SCHEDULE: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('true')
      .transform((v) => v === 'true'),
    /** Accounts' internal API: account facts for the pay page and the identity check. */
    ACCOUNTS_URL: z.url().default('http://127.0.0.1:3001'),
    /** The gateway's public address: it serves the pay page (/p/<code>, proxied here), so links point there. */
    PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:3000'),
    /** Address used in the links we hand out, when it is not the gateway's (e.g. this service's own :3003). */
    PAY_PAGE_BASE_URL: z.url().optional(),
  })
  .superRefine((c, ctx) => {
    if (c.PAYMENTS_PROCESSOR === 'stripe' && !c.STRIPE_SECRET_KEY) {
      ctx.addIssue({ code: 'custom', path: ['STRIPE_SECRET_KEY'], message: 'is required when PAYMENTS_PROCESSOR=stripe' });
    }
    if (c.PAYMENTS_PROCESSOR === 'stripe' && !c.PROCESSOR_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['PROCESSOR_WEBHOOK_SECRET'], message: "is required when PAYMENTS_PROCESSOR=stripe (the endpoint's whsec_... secret)" });
    }
  });

export type PaymentsConfig = z.infer<typeof paymentsConfigSchema>;

/** Where pay links point: PAY_PAGE_BASE_URL if set, else the gateway's public address. */
export const payPageBaseUrl = (config: Pick<PaymentsConfig, 'PUBLIC_BASE_URL' | 'PAY_PAGE_BASE_URL'>): string =>
  (config.PAY_PAGE_BASE_URL ?? config.PUBLIC_BASE_URL).replace(/\/$/, '');

export const loadPaymentsConfig = (env: Record<string, string | undefined> = process.env): PaymentsConfig =>
  loadConfig('payments', paymentsConfigSchema, env);
