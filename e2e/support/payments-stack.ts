import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Worker } from '@temporalio/worker';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Pool } from 'pg';
import { KafkaHeaders, Topics } from '@courtesy/contracts';
import { createAccountsApp, loadAccountsConfig, ClinicsService } from '@courtesy/accounts';
import { createOutreachApp, loadOutreachConfig } from '@courtesy/outreach';
import { createGatewayApp, loadGatewayConfig } from '@courtesy/gateway';
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
  /** With `gateway: true`: the gateway's address, which serves the pay page and which pay links point at. */
  gatewayUrl?: string;
  payments: INestApplication;
  accounts: INestApplication;
  processor: PaymentProcessor;
  payLinks: PayLinksService;
  /** Publishes integrator events to ehr.events.v1 exactly as the gateway does after validating them. */
  ingest(tenantId: string, events: Array<{ id: string; type: string; clinicId: string; data: { accountRef: string } }>): Promise<void>;
  clinics: ClinicsService;
  /** Read-only SQL on the test database as the accounts / payments roles. */
  accountsDb: Pool;
  paymentsDb: Pool;
  /** Read-only SQL as the outreach role (the attempt log), for stacks with `outreach: true`. */
  outreachDb: Pool;
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

/** A free loopback port, so the gateway's address can be handed to payments before the gateway starts. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * `outreach: true` also runs the outreach worker (its pay links issued by this stack's payments); without it,
 * outreach activities the balance workflow schedules wait on their task queue, which is enough to see that a
 * resolved workflow schedules nothing more. `gateway: true` runs the gateway too, serving the pay page at its
 * address; pay links then point there (PUBLIC_BASE_URL), as in `npm start`.
 */
export async function startPaymentsStack(
  extra: { payments?: Record<string, string>; outreach?: boolean; gateway?: boolean } = {},
): Promise<PaymentsStack> {
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
  const gatewayPort = extra.gateway ? await freePort() : undefined;
  const publicBase: Record<string, string> = gatewayPort ? { PUBLIC_BASE_URL: `http://127.0.0.1:${gatewayPort}` } : {};
  const accounts = await createAccountsApp(loadAccountsConfig(serviceEnv('accounts', { ...queues, ACCOUNTS_CONSUMER_GROUP: group })));
  const payments = await createPaymentsApp(
    loadPaymentsConfig(serviceEnv('payments', { ...queues, ACCOUNTS_URL: accounts.url, CREDIT_SWEEP_SCHEDULE: 'false', ...publicBase, ...(extra.payments ?? {}) })),
  );
  const outreach = extra.outreach
    ? await createOutreachApp(
        loadOutreachConfig(
          serviceEnv('outreach', { ...queues, ...publicBase, PAYMENTS_URL: payments.url, STATEMENT_DROP_DIR: mkdtempSync(join(tmpdir(), 'e2e-print-drop-')) }),
        ),
      )
    : undefined;
  const gateway = gatewayPort
    ? await createGatewayApp(loadGatewayConfig(serviceEnv('gateway', { PORT: String(gatewayPort), ACCOUNTS_URL: accounts.url, PAYMENTS_URL: payments.url, ...publicBase })))
    : undefined;
  const producer: Producer = new Kafka({ clientId: `e2e-ingest-${id}`, brokers: ['127.0.0.1:9092'], logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  const pool = (role: string) => new Pool({ connectionString: `postgres://${role}:${role}@127.0.0.1:5432/${TEST_DATABASE}`, max: 2, options: `-c search_path=${role}` });
  const accountsDb = pool('accounts');
  const paymentsDb = pool('payments');
  const outreachDb = pool('outreach');
  return {
    id,
    accountsUrl: accounts.url,
    paymentsUrl: payments.url,
    ...(gateway ? { gatewayUrl: gateway.url } : {}),
    payments: payments.app,
    accounts: accounts.app,
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
    outreachDb,
    queues,
    async stop() {
      await accountsDb.end();
      await paymentsDb.end();
      await outreachDb.end();
      await producer.disconnect();
      await gateway?.app.close();
      await payments.app.close();
      await accounts.app.close();
      balances.shutdown();
      await running;
      await outreach?.app.close();
    },
  };
}
