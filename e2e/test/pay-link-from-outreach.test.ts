import { createHash } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { dataConverterFor } from '@courtesy/temporal';
import { balanceWorkflowId } from '@courtesy/workflows';
import { proxyProofFor } from '../../services/payments/src/pay-page/client-address';
import { ADMIN_TOKEN, CODEC_KEYS, TEST_NAMESPACE, daytimeZone, runId } from '../support/env';
import { eventually } from '../support/eventually';
import { emailsTo } from '../support/mail-sink';
import { startPaymentsStack, type PaymentsStack } from '../support/payments-stack';
import { PageClient, balanceOf, expectRunsOnThisStack, field, patientOwing } from '../support/pay-fixtures';

/**
 * The whole loop with every service running: the balance workflow's first reminder goes out through the
 * outreach worker with a pay link issued by payments; the patient follows the link from the email in the SMTP
 * sink to the GATEWAY's address (which proxies the pay page), pays in full; the ledger reaches zero, the workflow
 * completes, and with the outreach worker still running nothing more is sent while many policy days pass.
 *
 * The clinic's day is 2 s: the day-3 reminder (a text, sent as email since the patient gave no SMS consent)
 * leaves ~6 s after the account opens, and the next steps (day-10 statement, day-18 email, day-25 call,
 * day-35 statement) would fall inside the 30 policy days this test watches after the payment.
 */
const DAY_MS = 2_000;

describe('pay link from an outreach message, through the gateway', () => {
  let stack: PaymentsStack;
  let temporal: Client;

  beforeAll(async () => {
    // A small page rate (10 views a minute, one token back every 6 s) makes the limit test below deterministic.
    stack = await startPaymentsStack({ outreach: true, gateway: true, payments: { PAY_PAGE_RATE_PER_MINUTE: '10' } });
    temporal = new Client({
      connection: await Connection.connect({ address: '127.0.0.1:7233' }),
      namespace: TEST_NAMESPACE,
      dataConverter: dataConverterFor({ PAYLOAD_CODEC_KEYS: CODEC_KEYS }),
    });
  }, 180_000);

  afterAll(async () => {
    await temporal?.connection.close();
    await stack?.stop();
  });

  it('email → link → gateway pay page → paid in full → resolved, and no further outreach', async () => {
    const run = runId();
    const zone = daytimeZone();
    const patient = await patientOwing(stack, run, 12_550, { dayLengthMs: DAY_MS, timeZone: zone });
    const gateway = stack.gatewayUrl!;

    // The first reminder, as the patient receives it.
    const [mail] = await eventually(async () => {
      const got = await emailsTo(patient.email);
      return got.length ? got : undefined;
    }, 60_000);
    const handle = temporal.workflow.getHandle(balanceWorkflowId(patient.tenantId, patient.clinicId, patient.accountId));
    await expectRunsOnThisStack(stack, handle);
    const text = mail!.text ?? '';
    const link = /(https?:\/\/[^\s/]+)\/p\/([A-Za-z0-9_-]+)/.exec(text);
    expect(link).not.toBeNull();
    const [url, origin, code] = link!;
    // A payments-issued code (22 characters, known to payments by its hash), not outreach's local stand-in.
    expect(code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const path = `/p/${code}`;
    expect(mail!.html).toContain(`href="${url}"`);
    expect(origin).toBe(gateway);
    // Real figures from the ledger: what insurance paid (7,000) and what is left.
    expect(text).toContain('$70.00');
    expect(text).toContain('$125.50');
    // One link per attempt, issued by payments and stored only as its hash.
    const { rows: links } = await stack.paymentsDb.query('select account_id from pay_links where code_hash = $1', [createHash('sha256').update(code!).digest('hex')]);
    expect(links).toEqual([{ account_id: patient.accountId }]);

    // The page at the gateway's address: identity check, session cookie scoped to this link's path.
    const page = new PageClient(gateway);
    const gate = await page.get(path);
    expect(gate.status).toBe(200);
    expect(gate.html).toContain('date of birth');
    expect(gate.html).not.toContain('$125.50');
    const verified = await page.post(`${path}/verify`, { answer: patient.dateOfBirth });
    expect(verified.status).toBe(303);
    expect(verified.location).toBe(path);
    expect(verified.headers.get('set-cookie')).toMatch(new RegExp(`pp_session=[^;]+;.*Path=${path.replace(/[-]/g, '\\-')}(;|$)`));
    const home = await page.get(`${path}?lang=en`);
    expect(home.html).toContain('$125.50');
    const form = await page.get(`${path}/pay`);
    const paid = await page.post(`${path}/pay`, { csrf: field(form.html, 'csrf'), requestId: field(form.html, 'requestId'), amount: 'full', paymentToken: 'tok_sandbox_visa' });
    expect(paid.status).toBe(200);
    expect(paid.html).toContain('We received your payment of $125.50');

    await eventually(async () => ((await balanceOf(stack, patient.accountId)) === 0 ? true : undefined), 30_000);
    await eventually(async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined), 30_000);
    expect(await handle.result()).toMatchObject({ stage: 'resolved', balanceCents: 0, resolution: 'paid' });

    // Thirty policy days, enough for three or four more cadence steps, pass with the outreach worker running: nothing goes out.
    const sentBefore = (await emailsTo(patient.email)).length;
    const { rows: before } = await stack.outreachDb.query('select count(*)::int as n from contact_attempts where tenant_id = $1', [patient.tenantId]);
    await new Promise((r) => setTimeout(r, 30 * DAY_MS));
    expect((await emailsTo(patient.email)).length).toBe(sentBefore);
    const { rows: after } = await stack.outreachDb.query(
      `select count(*)::int as n, count(*) filter (where status in ('sending', 'pending'))::int as open from contact_attempts where tenant_id = $1`,
      [patient.tenantId],
    );
    expect(after[0]).toEqual({ n: before[0].n, open: 0 });
  }, 170_000);

  it('limits the pay page by the patient’s address: forwarded by the gateway only, never taken from a client', async () => {
    const gateway = stack.gatewayUrl!;
    const unknown = '/p/AAAAAAAAAAAAAAAAAAAAAA';
    // Through the gateway a client's own X-Forwarded-For is replaced by its real address, so changing it per
    // request does not buy fresh buckets: an unknown code costs 5 of the 10 a minute, so the limit bites.
    const statuses: number[] = [];
    for (let i = 0; i < 10 && !statuses.includes(429); i++) {
      const res = await fetch(`${gateway}${unknown}`, { headers: { 'x-forwarded-for': `203.0.113.${i}`, 'x-courtesy-proxy-proof': 'forged' } });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses[0]).toBe(404);
    expect(statuses).toContain(429);
    // Straight to payments, a forwarded address without the gateway's proof is ignored (same loopback bucket) ...
    const direct = await fetch(`${stack.paymentsUrl}${unknown}`, { headers: { 'x-forwarded-for': '198.51.100.7' } });
    expect(direct.status).toBe(429);
    // ... and with the proof it is the patient's own bucket.
    const proven = await fetch(`${stack.paymentsUrl}${unknown}`, { headers: { 'x-forwarded-for': '198.51.100.7', 'x-courtesy-proxy-proof': proxyProofFor(ADMIN_TOKEN) } });
    expect(proven.status).toBe(404);
  });
});
