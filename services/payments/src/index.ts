export * from './app';
export * from './config';
export * as database from './database';
export { PAYMENT_PROCESSOR, SandboxProcessor, SANDBOX_TEST_CARDS, type PaymentProcessor } from './processor';
export { PayLinksService } from './pay-links/pay-links.service';
