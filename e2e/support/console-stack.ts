import type { INestApplication } from '@nestjs/common';
import type { Worker } from '@temporalio/worker';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { KafkaHeaders, Topics } from '@courtesy/contracts';
import { createGatewayApp, loadGatewayConfig, StaffUsers, type StaffRole } from '@courtesy/gateway';
import { createAccountsApp, loadAccountsConfig, ClinicsService } from '@courtesy/accounts';
import { createOutreachApp, loadOutreachConfig } from '@courtesy/outreach';
import { createPaymentsApp, loadPaymentsConfig } from '@courtesy/payments';
import { createPlacementApp, loadPlacementConfig } from '@courtesy/placement';
import { bundleWorkflows, createBalanceWorker } from '@courtesy/workflows';
import { loadConfig } from '@courtesy/config';
import { balancesWorkerConfigSchema } from '../../workflows/src/config';
import { TEST_DATABASE, runId, serviceEnv } from './env';

/** A console user the stack created: sign in with `email` and `password`. */
export interface ConsoleUser {
  email: string;
  password: string;
  role: StaffRole;
  displayName: string;
  clinicIds: string[] | 'all';
}

export interface ConsoleStack {
  id: string;
  /** The gateway: the console is at `${baseUrl}/console/`, the staff API at `${baseUrl}/staff/v1/...`. */
  baseUrl: string;
  tenantId: string;
  /** Two clinics of the tenant: `a` (Maple Street Rehab) and `b` (Harbor Family Practice). */
  clinics: { a: string; b: string };
  /**
   * One user per role, plus `staffB`. `staff` and `manager` see clinic A only, `staffB` clinic B only;
   * `finance`, `ops` and `admin` see every clinic of the tenant.
   */
  users: Record<StaffRole | 'staffB', ConsoleUser>;
  gateway: INestApplication;
  accounts: INestApplication;
  outreach: INestApplication;
  payments: INestApplication;
  placement: INestApplication;
  urls: { accounts: string; outreach: string; payments: string; placement: string };
  /** Publishes integrator events to ehr.events.v1 exactly as the gateway does after validating them. */
  ingest(events: Array<{ id: string; type: string; clinicId: string; data: { accountRef: string } & Record<string, unknown> }>): Promise<void>;
  /** SQL on the test database as a service's role (its own schema first on the search path). */
  db: { gateway: Pool; accounts: Pool; outreach: Pool; payments: Pool; placement: Pool };
  queues: Record<string, string>;
  stop(): Promise<void>;
}

export interface ConsoleStackOptions {
  /** Extra environment per service (e.g. `{ gateway: { STAFF_SESSION_IDLE_MINUTES: '1' } }`). */
  env?: Partial<Record<'gateway' | 'accounts' | 'outreach' | 'payments' | 'placement' | 'balances', Record<string, string>>>;
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
 * Everything the staff console's pages call, on the real servers: the gateway (serving the built console from
 * services/gateway/console/dist; setup.sh builds it) and accounts, outreach, payments and placement with their
 * workers, plus the balances workflow worker, all on task queues and consumer groups private to this stack.
 * Creates a tenant with two clinics and one staff user per role.
 */
export async function startConsoleStack(options: ConsoleStackOptions = {}): Promise<ConsoleStack> {
  const env = options.env ?? {};
  const id = runId();
  const queues = {
    TEMPORAL_BALANCES_TASK_QUEUE: `balances-${id}`,
    TEMPORAL_OUTREACH_TASK_QUEUE: `outreach-${id}`,
    TEMPORAL_PAYMENTS_TASK_QUEUE: `payments-${id}`,
    TEMPORAL_PLACEMENT_TASK_QUEUE: `placement-${id}`,
  };
  const group = `accounts-e2e-console-${id}`;
  await startGroupsAtEnd([
    [group, Topics.ehrEvents],
    [`${group}-payments`, Topics.paymentsEvents],
    [`${group}-placement`, Topics.placementEvents],
    [`${group}-outreach`, Topics.outreachEvents],
    // The scorecard's projector reads all four topics in one group.
    ...[Topics.ehrEvents, Topics.outreachEvents, Topics.paymentsEvents, Topics.placementEvents].map((t): [string, string] => [`${group}-scorecard`, t]),
  ]);
  const dropDir = mkdtempSync(join(tmpdir(), 'courtesy-console-drop-'));
  // A private copy of the built console: another run's `vite build` (which empties dist/) cannot pull it away mid-test.
  const builtConsole = join(__dirname, '../../services/gateway/console/dist');
  if (!existsSync(join(builtConsole, 'index.html'))) {
    throw new Error('the staff console is not built: run `npx vite build --config services/gateway/console/vite.config.ts` (npm test does)');
  }
  const consoleDir = mkdtempSync(join(tmpdir(), 'courtesy-console-dist-'));
  cpSync(builtConsole, consoleDir, { recursive: true });
  const bundle = await bundleWorkflows();
  const balancesConfig = loadConfig('balances-worker', balancesWorkerConfigSchema, serviceEnv('balances', { ...queues, ...env.balances }));
  const balances: Worker = await createBalanceWorker(balancesConfig, { bundle, taskQueue: queues.TEMPORAL_BALANCES_TASK_QUEUE });
  const running = balances.run();
  const opened: INestApplication[] = [];
  const pools: Pool[] = [];
  let producer: Producer | undefined;
  try {
    // Outreach starts before payments here, so it cannot ask payments for links: its local code (helper P, issue 6).
    const outreach = await createOutreachApp(loadOutreachConfig(serviceEnv('outreach', { ...queues, PAY_LINK_SOURCE: 'local', ...env.outreach })));
    opened.push(outreach.app);
    const accounts = await createAccountsApp(loadAccountsConfig(serviceEnv('accounts', { ...queues, ACCOUNTS_CONSUMER_GROUP: group, ...env.accounts })));
    opened.push(accounts.app);
    const payments = await createPaymentsApp(
      loadPaymentsConfig(serviceEnv('payments', { ...queues, ACCOUNTS_URL: accounts.url, CREDIT_SWEEP_SCHEDULE: 'false', ...env.payments })),
    );
    opened.push(payments.app);
    const placement = await createPlacementApp(loadPlacementConfig(serviceEnv('placement', { ...queues, PLACEMENT_DROP_DIR: dropDir, ...env.placement })));
    opened.push(placement.app);
    const gateway = await createGatewayApp(
      loadGatewayConfig(
        serviceEnv('gateway', {
          ACCOUNTS_URL: accounts.url,
          OUTREACH_URL: outreach.url,
          PAYMENTS_URL: payments.url,
          PLACEMENT_URL: placement.url,
          CONSOLE_DIST_DIR: consoleDir,
          ...env.gateway,
        }),
      ),
    );
    opened.push(gateway.app);

    const tenantId = `t-${id}`;
    const clinics = { a: `c-${id}-a`, b: `c-${id}-b` };
    const clinicsService = accounts.app.get(ClinicsService);
    await clinicsService.upsert({ tenantId, clinicId: clinics.a, name: 'Maple Street Rehab', timeZone: 'America/Chicago', phone: '(555) 010-2030', dayLengthMs: 86_400_000 });
    await clinicsService.upsert({ tenantId, clinicId: clinics.b, name: 'Harbor Family Practice', timeZone: 'America/Los_Angeles', phone: '(555) 010-4050', dayLengthMs: 86_400_000 });

    const staffUsers = gateway.app.get(StaffUsers);
    const person = (key: string, role: StaffRole, displayName: string, clinicIds: string[] | 'all'): ConsoleUser => ({
      email: `${key}-${id}@console.test`,
      password: `pw-${key}-${id}-long-enough`,
      role,
      displayName,
      clinicIds,
    });
    const users = {
      staff: person('staff', 'staff', 'Sam Staff', [clinics.a]),
      staffB: person('staffb', 'staff', 'Bea Staff', [clinics.b]),
      manager: person('manager', 'manager', 'Mia Manager', [clinics.a]),
      finance: person('finance', 'finance', 'Fred Finance', 'all'),
      ops: person('ops', 'ops', 'Olu Ops', 'all'),
      admin: person('admin', 'admin', 'Ada Admin', 'all'),
    };
    for (const u of Object.values(users)) {
      await staffUsers.create(tenantId, { email: u.email, password: u.password, role: u.role, displayName: u.displayName, clinicIds: u.clinicIds === 'all' ? null : u.clinicIds });
    }

    producer = new Kafka({ clientId: `e2e-console-${id}`, brokers: ['127.0.0.1:9092'], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    const pool = (role: string) => {
      const p = new Pool({ connectionString: `postgres://${role}:${role}@127.0.0.1:5432/${TEST_DATABASE}`, max: 2, options: `-c search_path=${role}` });
      pools.push(p);
      return p;
    };
    const db = { gateway: pool('gateway'), accounts: pool('accounts'), outreach: pool('outreach'), payments: pool('payments'), placement: pool('placement') };
    const kafka = producer;
    return {
      id,
      baseUrl: gateway.url,
      tenantId,
      clinics,
      users,
      gateway: gateway.app,
      accounts: accounts.app,
      outreach: outreach.app,
      payments: payments.app,
      placement: placement.app,
      urls: { accounts: accounts.url, outreach: outreach.url, payments: payments.url, placement: placement.url },
      async ingest(events) {
        await kafka.send({
          topic: Topics.ehrEvents,
          acks: -1,
          messages: events.map((event) => ({
            key: `${tenantId}/${event.clinicId}/${event.data.accountRef}`,
            value: JSON.stringify({ schemaVersion: 1, tenantId, receivedAt: new Date().toISOString(), keyId: 'e2e', event }),
            headers: { [KafkaHeaders.tenantId]: tenantId, [KafkaHeaders.eventType]: event.type, [KafkaHeaders.schemaVersion]: '1', [KafkaHeaders.eventId]: event.id },
          })),
        });
      },
      db,
      queues,
      async stop() {
        for (const p of pools) await p.end();
        await kafka.disconnect();
        for (const app of opened.reverse()) await app.close();
        balances.shutdown();
        await running;
        rmSync(dropDir, { recursive: true, force: true });
        rmSync(consoleDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    // A half-started stack would keep jest alive forever (a running worker, an open consumer).
    for (const p of pools) await p.end().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    for (const app of opened.reverse()) await app.close().catch(() => undefined);
    balances.shutdown();
    await running.catch(() => undefined);
    rmSync(dropDir, { recursive: true, force: true });
    rmSync(consoleDir, { recursive: true, force: true });
    throw err;
  }
}
