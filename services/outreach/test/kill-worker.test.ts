/**
 * The attempt-first guarantee under a real crash: 500 sends (250 texts through the twilio SDK to the stand-in,
 * 250 emails to the real SMTP sink) driven by Temporal on the real dev server; the outreach process is
 * SIGKILLed mid-batch and started again. Every send must arrive exactly once.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { dataConverterFor } from '@courtesy/temporal';
import { Pool } from 'pg';
import { TwilioStandIn } from './support/twilio-stand-in';
import { TWILIO, outreachEnv, request, runId } from './support/outreach-env';

const MAIL_API = 'http://127.0.0.1:1080';
const BATCHES = 10;
const PER_BATCH = 25; // texts and as many emails per workflow

function startOutreach(env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(join(__dirname, 'support/outreach-process.ts'), [], {
    execArgv: ['-r', join(__dirname, 'support/ts-register.js')],
    env: { ...process.env, OUTREACH_TEST_ENV: JSON.stringify(env) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`outreach process exited with ${code} before it was ready`)));
  });
}

const until = async (check: () => boolean | Promise<boolean>, ms: number) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('killing the outreach worker in the middle of a batch of 500 sends', () => {
  const twilio = new TwilioStandIn();
  let child: ChildProcess | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let client: Client | undefined;
  const pool = new Pool({ connectionString: 'postgres://outreach:outreach@127.0.0.1:5432/courtesy_test', options: '-c search_path=outreach' });

  afterAll(async () => {
    child?.kill('SIGKILL');
    worker?.shutdown();
    await running;
    await client?.connection.close();
    await twilio.stop();
    await pool.end();
  });

  it('leaves zero duplicates and zero missing sends', async () => {
    await twilio.start();
    // A little latency at the "provider" so that, at any instant, many sends are mid-flight.
    twilio.delayMs = 30;
    const env = outreachEnv({ ...TWILIO, TWILIO_API_BASE_URL: twilio.url, DATABASE_POOL_SIZE: '20' });
    const dataConverter = dataConverterFor({ PAYLOAD_CODEC_KEYS: env.PAYLOAD_CODEC_KEYS });
    child = await startOutreach(env);

    const wfQueue = `kill-batch-${runId()}`;
    worker = await Worker.create({
      connection: await NativeConnection.connect({ address: '127.0.0.1:7233' }),
      namespace: 'courtesy-test',
      taskQueue: wfQueue,
      workflowsPath: require.resolve('./support/kill-batch.workflows'),
      dataConverter,
    });
    running = worker.run();
    client = new Client({ connection: await Connection.connect({ address: '127.0.0.1:7233' }), namespace: 'courtesy-test', dataConverter });

    const batches = Array.from({ length: BATCHES }, () => ({
      taskQueue: env.TEMPORAL_OUTREACH_TASK_QUEUE,
      texts: Array.from({ length: PER_BATCH }, () => request()),
      emails: Array.from({ length: PER_BATCH }, () => request({ stepKey: 'day-18-email', templateKey: 'email_insurance_summary' })),
    }));
    const phones = batches.flatMap((b) => b.texts.map((t) => t.contact.phone!));
    const emails = batches.flatMap((b) => b.emails.map((e) => e.contact.email!));
    const handles = await Promise.all(
      batches.map((input, i) => client!.workflow.start('SendBatch', { taskQueue: wfQueue, workflowId: `kill-batch-${runId()}-${i}`, args: [input] })),
    );

    // Kill it while the batch is well under way (texts and emails both in flight).
    await until(() => twilio.messages.length >= 60, 120_000);
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    const atKill = twilio.messages.length;
    const { rows: inDoubt } = await pool.query(`select channel, count(*)::int as n from contact_attempts where status = 'sending' and attempt_key = any($1) group by channel`, [
      batches.flatMap((b) => [...b.texts, ...b.emails].map((r) => r.attemptKey)),
    ]);

    // The kill must land mid-send for this test to mean anything: some attempts were handed over, unrecorded.
    expect(inDoubt.reduce((n: number, r: { n: number }) => n + r.n, 0)).toBeGreaterThan(0);

    child = await startOutreach(env);
    const results = await Promise.all(handles.map((h) => h.result()));
    expect(results.flat().filter((s) => s === 'sent')).toHaveLength(2 * BATCHES * PER_BATCH);

    // The stand-in: each number got exactly one text.
    const perPhone = new Map<string, number>();
    for (const m of twilio.messages) perPhone.set(m.to, (perPhone.get(m.to) ?? 0) + 1);
    expect(phones.filter((p) => perPhone.get(p) !== 1)).toEqual([]);
    expect(twilio.messages.filter((m) => phones.includes(m.to))).toHaveLength(BATCHES * PER_BATCH);

    // The sink: each address got exactly one email.
    const inbox = (await (await fetch(`${MAIL_API}/api/email`)).json()) as Array<{ to: { address: string }[]; messageId?: string; headers: Record<string, string> }>;
    const perAddress = new Map<string, number>();
    for (const m of inbox) for (const t of m.to) perAddress.set(t.address, (perAddress.get(t.address) ?? 0) + 1);
    expect(emails.filter((e) => perAddress.get(e) !== 1)).toEqual([]);

    const { rows } = await pool.query(`select status, count(*)::int as n from contact_attempts where attempt_key = any($1) group by status`, [
      batches.flatMap((b) => [...b.texts, ...b.emails].map((r) => r.attemptKey)),
    ]);
    expect(rows).toEqual([{ status: 'sent', n: 500 }]);
    console.log(JSON.stringify({ textsAtKill: atKill, inDoubtAtKill: inDoubt, texts: twilio.messages.length, emails: emails.length }));
  }, 300_000);
});
