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
  const admin = new Kafka({
    clientId: 'e2e-admin',
    brokers: ['127.0.0.1:9092'],
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    // Another stack (a second jest worker, a developer's run) may still hold the group: wait for it to leave
    // rather than fail, since offsets of a group with members cannot be moved.
    for (let waited = 0; ; waited += 500) {
      const [group] = (await admin.describeGroups([groupId])).groups;
      if (!group || group.members.length === 0) break;
      if (waited >= 120_000) throw new Error(`consumer group ${groupId} still has members after 120 s`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const ends = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({
      groupId,
      topic,
      partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })),
    });
  } finally {
    await admin.disconnect();
  }
}

export async function startStack(): Promise<Stack> {
  const id = runId();
  const queues = {
    TEMPORAL_BALANCES_TASK_QUEUE: `balances-${id}`,
    TEMPORAL_OUTREACH_TASK_QUEUE: `outreach-${id}`,
  };
  // Accounts runs one consumer group per topic it applies; each starts at the end so only this run's facts count.
  await Promise.all([
    startGroupAtEnd('accounts-e2e', Topics.ehrEvents),
    startGroupAtEnd('accounts-e2e-outreach', Topics.outreachEvents),
    startGroupAtEnd('accounts-e2e-payments', Topics.paymentsEvents),
    startGroupAtEnd('accounts-e2e-placement', Topics.placementEvents),
  ]);
  const bundle = await bundleWorkflows();
  const balancesConfig = loadConfig(
    'balances-worker',
    balancesWorkerConfigSchema,
    serviceEnv('balances', queues),
  );
  const balances = await createBalanceWorker(balancesConfig, {
    bundle,
    taskQueue: queues.TEMPORAL_BALANCES_TASK_QUEUE,
  });
  const running = balances.run();
  const opened: INestApplication[] = [];
  try {
    // No payments service in this stack: messages carry outreach's local link code (the pay-* tests use real links).
    const outreach = await createOutreachApp(loadOutreachConfig(serviceEnv('outreach', { ...queues, PAY_LINK_SOURCE: 'local' })));
    opened.push(outreach.app);
    const accounts = await createAccountsApp(
      loadAccountsConfig(serviceEnv('accounts', { ...queues, ACCOUNTS_CONSUMER_GROUP: 'accounts-e2e' })),
    );
    opened.push(accounts.app);
    const gateway = await createGatewayApp(
      loadGatewayConfig(serviceEnv('gateway', { ACCOUNTS_URL: accounts.url, OUTREACH_URL: outreach.url })),
    );
    return stackOf(id, gateway, accounts, outreach, balances, running);
  } catch (err) {
    // A half-started stack would keep jest alive forever (a running worker, an open consumer).
    for (const app of opened.reverse()) await app.close().catch(() => undefined);
    balances.shutdown();
    await running.catch(() => undefined);
    throw err;
  }
}

function stackOf(
  id: string,
  gateway: { app: INestApplication; url: string },
  accounts: { app: INestApplication },
  outreach: { app: INestApplication },
  balances: Worker,
  running: Promise<void>,
): Stack {
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
