import type { INestApplication } from '@nestjs/common';
import type { Worker } from '@temporalio/worker';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Pool } from 'pg';
import { KafkaHeaders, Topics } from '@courtesy/contracts';
import { createAccountsApp, loadAccountsConfig, ClinicsService } from '@courtesy/accounts';
import { createOutreachApp, loadOutreachConfig } from '@courtesy/outreach';
import { createPaymentsApp, loadPaymentsConfig, PAYMENT_PROCESSOR, PayLinksService, type PaymentProcessor } from '@courtesy/payments';
import { bundleWorkflows, createBalanceWorker } from '@courtesy/workflows';
import { loadConfig } from '@courtesy/config';
import { balancesWorkerConfigSchema } from '../../workflows/src/config';
import { TEST_DATABASE, runId, serviceEnv } from './env';

/**
 * The stack of support/stack.ts (without the gateway: events go straight to ehr.events.v1) plus the payments service (pay page, processor, task queue `payments-<id>`),
 * with accounts pointed at it and payments pointed at accounts. Consumer groups start at the topics' ends.
 */
export interface PaymentsStack {
  id: string;
  accountsUrl: string;
  paymentsUrl: string;
  payments: INestApplication;
  processor: PaymentProcessor;
  payLinks: PayLinksService;
  /** Publishes integrator events to ehr.events.v1 exactly as the gateway does after validating them. */
  ingest(tenantId: string, events: Array<{ id: string; type: string; clinicId: string; data: { accountRef: string } }>): Promise<void>;
  clinics: ClinicsService;
  /** Read-only SQL on the test database as the accounts / payments roles. */
  accountsDb: Pool;
  paymentsDb: Pool;
  queues: Record<string, string>;
  stop(): Promise<void>;
}

async function startGroupsAtEnd(groups: Array<[string, string]>) {
  const admin = new Kafka({ clientId: 'e2e-admin', brokers: ['127.0.0.1:9092'], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    for (const [groupId, topic] of groups) {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({ groupId, topic, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * `outreach: true` also runs the outreach worker; without it, outreach activities the balance workflow schedules
 * wait on their task queue, which is enough to see that a resolved workflow schedules nothing more.
 */
export async function startPaymentsStack(extra: { payments?: Record<string, string>; outreach?: boolean } = {}): Promise<PaymentsStack> {
  const id = runId();
  const queues = {
    TEMPORAL_BALANCES_TASK_QUEUE: `balances-${id}`,
    TEMPORAL_OUTREACH_TASK_QUEUE: `outreach-${id}`,
    TEMPORAL_PAYMENTS_TASK_QUEUE: `payments-${id}`,
  };
  // A group per stack (a crashed run's members would block resetting a shared one), started at the topics' ends
  // so it sees only this run's messages; accounts derives its other consumers' groups from this name.
  const group = `accounts-e2e-pay-${id}`;
  await startGroupsAtEnd([
    [group, Topics.ehrEvents],
    [`${group}-payments`, Topics.paymentsEvents],
    [`${group}-placement`, Topics.placementEvents],
    [`${group}-outreach`, Topics.outreachEvents],
  ]);
  const bundle = await bundleWorkflows();
  const balancesConfig = loadConfig('balances-worker', balancesWorkerConfigSchema, serviceEnv('balances', queues));
  const balances: Worker = await createBalanceWorker(balancesConfig, { bundle, taskQueue: queues.TEMPORAL_BALANCES_TASK_QUEUE });
  const running = balances.run();
  const outreach = extra.outreach ? await createOutreachApp(loadOutreachConfig(serviceEnv('outreach', queues))) : undefined;
  const accounts = await createAccountsApp(loadAccountsConfig(serviceEnv('accounts', { ...queues, ACCOUNTS_CONSUMER_GROUP: group })));
  const payments = await createPaymentsApp(
    loadPaymentsConfig(serviceEnv('payments', { ...queues, ACCOUNTS_URL: accounts.url, CREDIT_SWEEP_SCHEDULE: 'false', ...(extra.payments ?? {}) })),
  );
  const producer: Producer = new Kafka({ clientId: `e2e-ingest-${id}`, brokers: ['127.0.0.1:9092'], logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  const pool = (role: string) => new Pool({ connectionString: `postgres://${role}:${role}@127.0.0.1:5432/${TEST_DATABASE}`, max: 2, options: `-c search_path=${role}` });
  const accountsDb = pool('accounts');
  const paymentsDb = pool('payments');
  return {
    id,
    accountsUrl: accounts.url,
    paymentsUrl: payments.url,
    payments: payments.app,
    processor: payments.app.get(PAYMENT_PROCESSOR),
    payLinks: payments.app.get(PayLinksService),
    async ingest(tenantId, events) {
      await producer.send({
        topic: Topics.ehrEvents,
        acks: -1,
        messages: events.map((event) => ({
          key: `${tenantId}/${event.clinicId}/${event.data.accountRef}`,
          value: JSON.stringify({ schemaVersion: 1, tenantId, receivedAt: new Date().toISOString(), keyId: 'e2e', event }),
          headers: { [KafkaHeaders.tenantId]: tenantId, [KafkaHeaders.eventType]: event.type, [KafkaHeaders.schemaVersion]: '1', [KafkaHeaders.eventId]: event.id },
        })),
      });
    },
    clinics: accounts.app.get(ClinicsService),
    accountsDb,
    paymentsDb,
    queues,
    async stop() {
      await accountsDb.end();
      await paymentsDb.end();
      await producer.disconnect();
      await payments.app.close();
      await accounts.app.close();
      balances.shutdown();
      await running;
      await outreach?.app.close();
    },
  };
}
