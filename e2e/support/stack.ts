import type { INestApplication } from '@nestjs/common';
import type { Worker } from '@temporalio/worker';
import { Kafka, logLevel } from 'kafkajs';
import { Topics } from '@courtesy/contracts';
import { createGatewayApp, loadGatewayConfig, IntegratorsService } from '@courtesy/gateway';
import { createAccountsApp, loadAccountsConfig, ClinicsService } from '@courtesy/accounts';
import { createOutreachApp, loadOutreachConfig } from '@courtesy/outreach';
import { bundleWorkflows, createBalanceWorker } from '@courtesy/workflows';
import { loadConfig } from '@courtesy/config';
import { balancesWorkerConfigSchema } from '../../workflows/src/config';
import { runId, serviceEnv } from './env';

export interface Stack {
  /** Prefix that keeps this stack's queues and consumer groups apart from other runs. */
  id: string;
  gatewayUrl: string;
  gateway: INestApplication;
  accounts: INestApplication;
  outreach: INestApplication;
  balances: Worker;
  integrators: IntegratorsService;
  clinics: ClinicsService;
  stop(): Promise<void>;
}

/**
 * Boots the real services in this process against the real servers: gateway, accounts (Kafka consumer),
 * outreach (activity worker) and the balances workflow worker, on task queues private to this stack.
 */
/**
 * Test stacks share one consumer group whose committed offsets are moved to the end of the topic before the
 * stack joins: it then sees exactly the messages posted after it started, without replaying the topic's
 * history (a dev stack and benchmarks write to the same broker) and without the race of `fromBeginning: false`.
 */
async function startGroupAtEnd(groupId: string, topic: string) {
  const admin = new Kafka({ clientId: 'e2e-admin', brokers: ['127.0.0.1:9092'], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({ groupId, topic, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
  } finally {
    await admin.disconnect();
  }
}

export async function startStack(): Promise<Stack> {
  const id = runId();
  const queues = { TEMPORAL_BALANCES_TASK_QUEUE: `balances-${id}`, TEMPORAL_OUTREACH_TASK_QUEUE: `outreach-${id}` };
  const bundle = await bundleWorkflows();
  const balancesConfig = loadConfig('balances-worker', balancesWorkerConfigSchema, serviceEnv('balances', queues));
  const balances = await createBalanceWorker(balancesConfig, { bundle, taskQueue: queues.TEMPORAL_BALANCES_TASK_QUEUE });
  const running = balances.run();
  await startGroupAtEnd('accounts-e2e', Topics.ehrEvents);
  const outreach = await createOutreachApp(loadOutreachConfig(serviceEnv('outreach', queues)));
  const accounts = await createAccountsApp(
    loadAccountsConfig(serviceEnv('accounts', { ...queues, ACCOUNTS_CONSUMER_GROUP: 'accounts-e2e' })),
  );
  const gateway = await createGatewayApp(loadGatewayConfig(serviceEnv('gateway', { ACCOUNTS_URL: accounts.url })));
  return {
    id,
    gatewayUrl: gateway.url,
    gateway: gateway.app,
    accounts: accounts.app,
    outreach: outreach.app,
    balances,
    integrators: gateway.app.get(IntegratorsService),
    clinics: accounts.app.get(ClinicsService),
    async stop() {
      await gateway.app.close();
      await accounts.app.close();
      balances.shutdown();
      await running;
      await outreach.app.close();
    },
  };
}
