import { ConfigError } from '@courtesy/config';
import { loadPaymentsConfig } from '../src/config';
import { paymentsTestEnv } from './support/env';

describe('payments configuration', () => {
  it('defaults to the sandbox processor with no credentials', () => {
    expect(loadPaymentsConfig(paymentsTestEnv()).PAYMENTS_PROCESSOR).toBe('sandbox');
  });

  it('names every missing Stripe setting', () => {
    let error: unknown;
    try {
      loadPaymentsConfig(paymentsTestEnv({ PAYMENTS_PROCESSOR: 'stripe' }));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'STRIPE_SECRET_KEY: is required when PAYMENTS_PROCESSOR=stripe',
      "PROCESSOR_WEBHOOK_SECRET: is required when PAYMENTS_PROCESSOR=stripe (the endpoint's whsec_... secret)",
    ]);
  });

  it('refuses a processor it does not know and a short session key', () => {
    expect(() => loadPaymentsConfig(paymentsTestEnv({ PAYMENTS_PROCESSOR: 'paypal', PAY_LINK_SECRET: 'short' }))).toThrow(/PAYMENTS_PROCESSOR[\s\S]*PAY_LINK_SECRET: must be at least 24 characters/);
  });
});
