import type { PaymentsConfig } from '../config';
import type { PaymentProcessor } from './processor';
import { SandboxProcessor } from './sandbox-processor';
import { StripeProcessor } from './stripe-processor';

export * from './processor';
export * from './declines';
export { SandboxProcessor, SANDBOX_TEST_CARDS } from './sandbox-processor';
export { StripeProcessor } from './stripe-processor';

/** The sandbox unless Stripe is configured explicitly: `npm start` takes payments without any credentials. */
export function processorFor(config: PaymentsConfig): PaymentProcessor {
  if (config.PAYMENTS_PROCESSOR === 'stripe') {
    return new StripeProcessor({
      secretKey: config.STRIPE_SECRET_KEY!,
      publishableKey: config.STRIPE_PUBLISHABLE_KEY,
      webhookSecret: config.PROCESSOR_WEBHOOK_SECRET!,
      apiUrl: config.STRIPE_API_URL,
    });
  }
  // The sandbox's webhooks are only ever signed by tests and demos on this machine.
  return new SandboxProcessor(config.PROCESSOR_WEBHOOK_SECRET ?? 'whsec_sandbox_local_development');
}
