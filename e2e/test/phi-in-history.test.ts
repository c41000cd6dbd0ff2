/**
 * No patient data in Temporal's plaintext: a BalanceWorkflow runs on the real dev server for a guarantor
 * with a name, phone, email and postal address, its outreach activities receive those details, and then the
 * plain Temporal CLI (no codec) reads the history and the execution's description. None of the details may
 * appear, neither as text nor inside the base64 the CLI prints payload bytes as.
 *
 * The same CLI output with its encrypted payloads decrypted must show them: that proves the details were in
 * the history (so this test can fail) and that only the codec key reveals them.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { AesGcmPayloadCodec, dataConverterFor, parseCodecKeys } from '@courtesy/temporal';
import { loadConfig } from '@courtesy/config';
import {
  balanceWorkflowId,
  bundleWorkflows,
  createBalanceWorker,
  domain,
  ledgerChangedSignal,
  paymentPlanWorkflowId,
  type BalanceStart,
  type PaymentPlanInput,
  type OutreachActivities,
  type PaymentsActivities,
  type PlacementActivities,
} from '@courtesy/workflows';
import { balancesWorkerConfigSchema } from '../../workflows/src/config';
import { CODEC_KEYS, TEST_NAMESPACE, runId, serviceEnv } from '../support/env';
import { eventually } from '../support/eventually';

const run = promisify(execFile);
const TEMPORAL_CLI = join(__dirname, '../../.tools/bin/temporal');
const cli = async (...args: string[]) =>
  (await run(TEMPORAL_CLI, [...args, '--address', '127.0.0.1:7233', '--namespace', TEST_NAMESPACE, '--output', 'json'], { maxBuffer: 64 * 1024 * 1024 })).stdout;

const id = runId();
const guarantor = {
  firstName: 'Marisol',
  lastName: 'Vandersloot',
  email: `marisol.vandersloot.${id}@example.test`,
  phone: '+15555550187',
  address: { line1: '4417 Quillfeather Lane', line2: 'Apt 9', city: 'Bramblecourt', state: 'IL', postalCode: '62704' },
};
/** Every readable form a detail could leak in. */
const secrets = [
  guarantor.firstName,
  guarantor.lastName,
  guarantor.email,
  guarantor.email.split('@')[0]!,
  guarantor.phone,
  guarantor.phone.slice(2), // the number without +1
  guarantor.address.line1,
  'Quillfeather',
  guarantor.address.city,
];

/** Every string in the CLI's JSON, plus its base64 decoding (payload bytes are printed as base64). */
function readable(json: string): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v, Buffer.from(v, 'base64').toString('utf8'));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(JSON.parse(json));
  return out.join('\n');
}

/** The same output with every encrypted payload replaced by its decryption: what an authorised reader sees. */
async function decrypted(json: string): Promise<string> {
  const codec = new AesGcmPayloadCodec(parseCodecKeys(CODEC_KEYS));
  const out: string[] = [];
  const walk = async (v: unknown): Promise<void> => {
    if (Array.isArray(v)) {
      for (const x of v) await walk(x);
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as { metadata?: Record<string, string>; data?: string };
    const encoding = o.metadata?.['encoding'] && Buffer.from(o.metadata['encoding'], 'base64').toString();
    if (encoding === 'binary/encrypted') {
      const [plain] = await codec.decode([
        {
          metadata: Object.fromEntries(Object.entries(o.metadata!).map(([k, b]) => [k, Buffer.from(b, 'base64')])),
          data: Buffer.from(o.data ?? '', 'base64'),
        },
      ]);
      out.push(Buffer.from(plain!.data ?? []).toString('utf8'));
      return;
    }
    for (const x of Object.values(v)) await walk(x);
  };
  await walk(JSON.parse(json));
  return out.join('\n');
}

describe('Temporal history read with the plain CLI', () => {
  const queues = { balances: `balances-phi-${id}`, outreach: `outreach-phi-${id}` };
  const contacted: string[] = [];
  let client: Client;
  let balances: Worker;
  let activities: Worker;
  let running: Promise<unknown>;
  const workflowId = balanceWorkflowId(`t-${id}`, `c-${id}`, `a-${id}`);
  const planWorkflowId = paymentPlanWorkflowId(workflowId, 'p1');

  beforeAll(async () => {
    const settings = loadConfig('balances-worker', balancesWorkerConfigSchema, serviceEnv('balances'));
    balances = await createBalanceWorker(settings, { bundle: await bundleWorkflows(), taskQueue: queues.balances });
    // Stand-ins for the outreach, payments and placement workers: they see the contact details in the clear.
    const sent = async (r: { attemptKey: string; contact: unknown }) => {
      contacted.push(JSON.stringify(r.contact));
      return { status: 'sent' as const, attemptId: r.attemptKey };
    };
    const outreach: OutreachActivities = { sendText: sent, sendEmail: sent, mailStatement: sent, createCallTask: sent };
    const payments: PaymentsActivities = {
      createPlanSchedule: async (r) => ({ planId: r.planId }),
      chargeInstallment: async () => ({ status: 'soft_declined', code: 'test' }),
      rebalancePlan: async () => undefined,
      cancelPlan: async () => undefined,
    };
    const placement: PlacementActivities = {
      routePlacement: async () => ({ rejected: { failedGates: [], reason: 'test' } }),
      requestRecall: async () => undefined,
    };
    activities = await Worker.create({
      connection: await NativeConnection.connect({ address: '127.0.0.1:7233' }),
      namespace: TEST_NAMESPACE,
      taskQueue: queues.outreach,
      dataConverter: dataConverterFor({ PAYLOAD_CODEC_KEYS: CODEC_KEYS }),
      activities: { ...outreach, ...payments, ...placement },
    });
    running = Promise.all([balances.run(), activities.run()]);
    client = new Client({
      connection: await Connection.connect({ address: '127.0.0.1:7233' }),
      namespace: TEST_NAMESPACE,
      dataConverter: dataConverterFor({ PAYLOAD_CODEC_KEYS: CODEC_KEYS }),
    });

    const start: BalanceStart = {
      tenantId: `t-${id}`,
      clinicId: `c-${id}`,
      accountId: `a-${id}`,
      clinicName: 'Maple Street Physical Therapy',
      balanceCents: 18_500,
      startedAt: new Date().toISOString(),
      // One-second days: the first cadence steps run within seconds.
      dayLengthMs: 1000,
      contact: { ...guarantor, timeZone: 'America/Chicago', language: 'en', smsConsent: true, emailConsent: true },
      taskQueues: { outreach: queues.outreach, payments: queues.outreach, placement: queues.outreach },
    };
    const handle = await client.workflow.start('BalanceWorkflow', { taskQueue: queues.balances, workflowId, args: [start] });
    // Wait until outreach was asked to contact the guarantor, so the details are in activity inputs too.
    await eventually(async () => (contacted.length > 0 ? true : undefined), 60_000);
    await handle.signal(ledgerChangedSignal, { eventId: `paid-${id}`, balanceCents: 0, reason: 'payment' });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([handle.result(), new Promise((r) => (timer = setTimeout(r, 20_000)))]);
    clearTimeout(timer);
    const { status } = await handle.describe();
    if (status.name === 'RUNNING') await handle.terminate('test finished');

    // A payment plan for the same guarantor: its reminder and charge requests carry the contact too.
    const tomorrow = domain.localDateOf(Date.now() + 86_400_000, 'America/Chicago');
    const schedule = domain.buildSchedule({ totalCents: 18_500, installments: 1, firstDueDate: tomorrow, timeZone: 'America/Chicago' });
    const plan: PaymentPlanInput = {
      planId: 'p1',
      parentWorkflowId: workflowId,
      tenantId: start.tenantId,
      clinicId: start.clinicId,
      accountId: start.accountId,
      policyVersion: 1,
      installments: schedule.installments,
      totalCents: 18_500,
      timeZone: 'America/Chicago',
      reminderDaysBefore: 2,
      retryScheduleDays: [1, 3, 7],
      dayLengthMs: 1000,
      autopay: true,
      cardOnFileId: 'card-1',
      contact: start.contact,
      language: 'en',
      weeklyMessageCap: 3,
      taskQueues: { outreach: queues.outreach, payments: queues.outreach },
    };
    const before = contacted.length;
    const result = await client.workflow.execute('PaymentPlanWorkflow', { taskQueue: queues.balances, workflowId: planWorkflowId, args: [plan] });
    expect(result).toMatchObject({ status: 'defaulted' });
    expect(contacted.length).toBeGreaterThan(before);
  }, 150_000);

  afterAll(async () => {
    await client?.connection.close();
    balances?.shutdown();
    activities?.shutdown();
    await running;
    await balances?.connection?.close();
    await activities?.connection?.close();
  });

  it('the worker really handled the details (the control)', () => {
    expect(contacted.join('\n')).toContain(guarantor.email);
  });

  it('workflow show --output json holds no name, phone, email or address, as text or base64', async () => {
    const history = await cli('workflow', 'show', '--workflow-id', workflowId);
    expect(history.length).toBeGreaterThan(1000);
    const plain = readable(history);
    for (const secret of secrets) expect(plain).not.toContain(secret);
    // Decrypted with the codec key, the same history does hold them.
    const authorised = await decrypted(history);
    for (const secret of [guarantor.firstName, guarantor.email, guarantor.phone, guarantor.address.line1]) {
      expect(authorised).toContain(secret);
    }
  });

  it('workflow describe (search attributes, memo, summaries) holds none of them either', async () => {
    const described = readable(await cli('workflow', 'describe', '--workflow-id', workflowId));
    expect(described).toContain(workflowId);
    for (const secret of secrets) expect(described).not.toContain(secret);
  });

  it('the payment plan child: history and description hold none of them either', async () => {
    const history = await cli('workflow', 'show', '--workflow-id', planWorkflowId);
    const plain = readable(history) + readable(await cli('workflow', 'describe', '--workflow-id', planWorkflowId));
    for (const secret of secrets) expect(plain).not.toContain(secret);
    expect(await decrypted(history)).toContain(guarantor.email);
  });
});
