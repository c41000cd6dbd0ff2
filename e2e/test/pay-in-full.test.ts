import { Client, Connection } from '@temporalio/client';
import { dataConverterFor } from '@courtesy/temporal';
import { balanceWorkflowId } from '@courtesy/workflows';
import { CODEC_KEYS, TEST_NAMESPACE, runId } from '../support/env';
import { eventually } from '../support/eventually';
import { startPaymentsStack, type PaymentsStack } from '../support/payments-stack';
import { PageClient, balanceOf, field, patientOwing } from '../support/pay-fixtures';

/**
 * Pay link → page → identity check → pay in full with the sandbox processor → payments row and fact →
 * accounts ledger at zero (same path as an EHR payment) → the balance workflow resolves and sends nothing more.
 */
describe('pay link: pay in full', () => {
  let stack: PaymentsStack;
  let temporal: Client;

  beforeAll(async () => {
    stack = await startPaymentsStack();
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

  it('takes the whole balance, zeroes the ledger and resolves the workflow', async () => {
    const run = runId();
    const patient = await patientOwing(stack, run, 12_550);
    const link = await stack.payLinks.create({ tenantId: patient.tenantId, clinicId: patient.clinicId, accountId: patient.accountId });
    expect(link.url).toMatch(/\/p\/[A-Za-z0-9_-]{22}$/);
    const page = new PageClient(stack.paymentsUrl);
    const path = new URL(link.url).pathname;

    // Nothing about the bill before the identity check.
    const gate = await page.get(path);
    expect(gate.status).toBe(200);
    expect(gate.html).toContain('date of birth');
    expect(gate.html).not.toContain('$125.50');
    expect(gate.headers.get('cache-control')).toBe('no-store');
    expect((await page.get(`${path}/pay`)).status).toBe(401);

    const wrong = await page.post(`${path}/verify`, { answer: '1990-01-01' });
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('4 tries left');
    const right = await page.post(`${path}/verify`, { answer: patient.dateOfBirth });
    expect(right.status).toBe(303);

    const home = await page.get(path);
    expect(home.html).toContain('$125.50');
    expect(home.html).toContain('Maple Street Physical Therapy');

    const form = await page.get(`${path}/pay`);
    const submit = { csrf: field(form.html, 'csrf'), requestId: field(form.html, 'requestId'), amount: 'full', paymentToken: 'tok_sandbox_visa' };
    // A forged form (no CSRF token) is refused and charges nothing.
    expect((await page.post(`${path}/pay`, { ...submit, csrf: 'forged' })).status).toBe(403);
    const paid = await page.post(`${path}/pay`, submit);
    expect(paid.status).toBe(200);
    expect(paid.html).toContain('We received your payment of $125.50');
    // The same form posted again (double tap) is the same payment.
    const again = await page.post(`${path}/pay`, submit);
    expect(again.status).toBe(200);
    const { rows } = await stack.paymentsDb.query('select status, amount_cents from payments where account_id = $1', [patient.accountId]);
    expect(rows).toEqual([{ status: 'succeeded', amount_cents: '12550' }]);

    await eventually(async () => ((await balanceOf(stack, patient.accountId)) === 0 ? true : undefined), 30_000);
    const ledger = await stack.accountsDb.query(`select kind, amount_cents from ledger_entries where account_id = $1 and kind = 'patient_payment'`, [patient.accountId]);
    expect(ledger.rows).toEqual([{ kind: 'patient_payment', amount_cents: '-12550' }]);

    // Integrators get the payment on collections.events.v1 with their account reference and our receipt reference.
    const taken = await eventually(async () => {
      const { rows: out } = await stack.accountsDb.query(`select payload from outbox where topic = 'collections.events.v1' and payload->>'type' = 'payment.taken' and payload->>'tenantId' = $1`, [patient.tenantId]);
      return out.length ? out : undefined;
    });
    expect(taken.map((r: { payload: unknown }) => r.payload)).toEqual([
      expect.objectContaining({ accountRef: patient.accountRef, amountCents: 12_550, method: 'card', reference: expect.stringMatching(/^courtesy-/) }),
    ]);

    const handle = temporal.workflow.getHandle(balanceWorkflowId(patient.tenantId, patient.clinicId, patient.accountId));
    await eventually(async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined), 30_000);

    // Resolved means nothing further goes out: the page now says there is nothing to pay.
    const after = await page.get(path);
    expect(after.html).toContain('You have nothing to pay');
  });

  it('charges a payment the patient scheduled, on its date, once', async () => {
    const run = runId();
    const patient = await patientOwing(stack, run, 6_000);
    const link = await stack.payLinks.create({ tenantId: patient.tenantId, clinicId: patient.clinicId, accountId: patient.accountId });
    const page = new PageClient(stack.paymentsUrl);
    const path = new URL(link.url).pathname;
    await page.post(`${path}/verify`, { answer: patient.dateOfBirth });
    const form = await page.get(`${path}/schedule`);
    const local = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(new Date(Date.now() + days * 86_400_000));
    const base = { csrf: field(form.html, 'csrf'), requestId: field(form.html, 'requestId'), amount: '60.00', paymentToken: 'tok_sandbox_visa', consent: 'yes' };
    const tooLate = await page.post(`${path}/schedule`, { ...base, payOn: local(61) });
    expect(tooLate.status).toBe(422);
    const scheduled = await page.post(`${path}/schedule`, { ...base, payOn: local(1) });
    expect(scheduled.status).toBe(200);
    expect(scheduled.html).toContain('Your payment of $60.00 is scheduled for');
    const { ScheduledPaymentsService } = await import('../../services/payments/src/scheduled/scheduled-payments.service');
    const runner = stack.payments.get(ScheduledPaymentsService);
    // Not due today; due when its date has come (the daily Schedule passes its start time).
    expect((await runner.chargeDue(new Date())).succeeded).toBe(0);
    expect(await runner.chargeDue(new Date(Date.now() + 2 * 86_400_000))).toMatchObject({ due: 1, succeeded: 1 });
    expect((await runner.chargeDue(new Date(Date.now() + 2 * 86_400_000))).due).toBe(0);
    await eventually(async () => ((await balanceOf(stack, patient.accountId)) === 0 ? true : undefined), 30_000);
  });

  it('says plainly when a link is unknown, expired or revoked', async () => {
    const run = runId();
    const patient = await patientOwing(stack, run, 5_000);
    const page = new PageClient(stack.paymentsUrl);
    const unknown = await page.get('/p/AAAAAAAAAAAAAAAAAAAAAA');
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('could not find this payment link');

    const expired = await stack.payLinks.create({ tenantId: patient.tenantId, clinicId: patient.clinicId, accountId: patient.accountId });
    await stack.paymentsDb.query(`update pay_links set expires_at = now() - interval '1 minute' where id = $1`, [expired.id]);
    const e = await page.get(new URL(expired.url).pathname);
    expect(e.status).toBe(410);
    expect(e.html).toContain('expired');
    expect(e.html).toContain('(555) 010-2030');

    const revoked = await stack.payLinks.create({ tenantId: patient.tenantId, clinicId: patient.clinicId, accountId: patient.accountId });
    await stack.payLinks.revoke(revoked.id);
    const r = await page.get(new URL(revoked.url).pathname);
    expect(r.status).toBe(410);
    expect(r.html).toContain('no longer active');
  });

  it('locks a link after too many wrong answers', async () => {
    const run = runId();
    const patient = await patientOwing(stack, run, 5_000);
    const link = await stack.payLinks.create({ tenantId: patient.tenantId, clinicId: patient.clinicId, accountId: patient.accountId });
    const page = new PageClient(stack.paymentsUrl);
    const path = new URL(link.url).pathname;
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await page.post(`${path}/verify`, { answer: '2000-01-0' + (i + 1) })).status);
    expect(statuses).toEqual([422, 422, 422, 422, 423]);
    // Even the right answer is refused while locked.
    expect((await page.post(`${path}/verify`, { answer: patient.dateOfBirth })).status).toBe(423);
  });
});
