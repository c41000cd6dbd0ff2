import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import axe from 'axe-core';
import { Client, Connection } from '@temporalio/client';
import { dataConverterFor } from '@courtesy/temporal';
import { applyHardshipUpdate, balanceStateQuery, balanceWorkflowId } from '@courtesy/workflows';
import { CODEC_KEYS, TEST_NAMESPACE, runId } from '../support/env';
import { eventually } from '../support/eventually';
import { startPaymentsStack, type PaymentsStack } from '../support/payments-stack';
import { balanceOf, patientOwing, type PatientAccount } from '../support/pay-fixtures';

/**
 * The pay page in a real headless Chromium (Debian's, driven by playwright-core) at phone size: a patient pays in
 * full, picks a 4-payment plan with autopay, opens a dispute and asks for hardship help. Each choice is followed
 * through to where it lands (ledger, plan schedule in payments, dispute hold, hardship record). Every page is
 * scanned with axe-core. Screenshots go to .data/screenshots/pay-page/; UPDATE_SCREENSHOTS=1 refreshes the committed
 * ones in docs/pay-page/ (a plain test run must not dirty the work tree).
 */
const SHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(__dirname, '../../docs/pay-page')
  : join(__dirname, '../../.data/screenshots/pay-page');
mkdirSync(SHOTS, { recursive: true });
const PHONE = { width: 390, height: 844 };

describe('pay page in a browser', () => {
  let stack: PaymentsStack;
  let context: BrowserContext;
  let profile: string;
  let temporal: Client;

  beforeAll(async () => {
    stack = await startPaymentsStack();
    temporal = new Client({
      connection: await Connection.connect({ address: '127.0.0.1:7233' }),
      namespace: TEST_NAMESPACE,
      dataConverter: dataConverterFor({ PAYLOAD_CODEC_KEYS: CODEC_KEYS }),
    });
    profile = mkdtempSync(join(tmpdir(), 'courtesy-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: PHONE,
      // axe is injected as a script; the page's own CSP forbids scripts, as it should.
      bypassCSP: true,
    });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await temporal?.connection.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await stack?.stop();
  });

  async function serious(page: Page): Promise<string[]> {
    await page.addScriptTag({ content: axe.source });
    // A string runs in the page (its window and document), which Node's type library does not describe.
    const result = (await page.evaluate(`window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] })`)) as axe.AxeResults;
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }

  /** Screenshot and accessibility scan of the page as it is now. */
  async function check(page: Page, name: string) {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    expect(await serious(page)).toEqual([]);
  }

  async function signIn(patient: PatientAccount, shot?: string): Promise<Page> {
    const link = await stack.payLinks.create({ tenantId: patient.tenantId, clinicId: patient.clinicId, accountId: patient.accountId });
    const page = await context.newPage();
    await page.goto(`${stack.paymentsUrl}${new URL(link.url).pathname}`);
    if (shot) await check(page, shot);
    await page.getByLabel('Your date of birth').fill(patient.dateOfBirth);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForSelector('[data-testid=amount-due]');
    return page;
  }

  it('pays in full', async () => {
    const patient = await patientOwing(stack, runId(), 12_550);
    const page = await signIn(patient, '1-identity-check');
    await check(page, '2-balance');
    await page.getByRole('link', { name: 'Pay $125.50 now' }).click();
    await page.getByLabel('Card', { exact: true }).selectOption('tok_sandbox_visa');
    await check(page, '3-pay-in-full');
    // Keyboard only: the submit button is reachable and works with Enter.
    await page.getByRole('button', { name: 'Pay $125.50 now' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('We received your payment of $125.50').waitFor();
    await check(page, '4-paid');
    await eventually(async () => ((await balanceOf(stack, patient.accountId)) === 0 ? true : undefined), 30_000);
    await page.close();
  });

  it('picks a 4-payment plan with autopay, sees the schedule first, and the plan starts', async () => {
    const patient = await patientOwing(stack, runId(), 48_000);
    const page = await signIn(patient);
    await page.getByRole('link', { name: 'Set up a payment plan' }).click();
    await page.getByLabel('Number of payments').selectOption('4');
    await check(page, '5-plan-choose');
    await page.getByRole('button', { name: 'Show my schedule' }).click();
    const rows = page.locator('[data-testid=plan-schedule] tbody tr');
    expect(await rows.count()).toBe(4);
    expect(await rows.first().innerText()).toContain('$120.00');
    await page.getByLabel('Pay automatically from my card on each date (autopay)').check();
    await page.getByLabel('Card', { exact: true }).selectOption('tok_sandbox_visa');
    // Autopay without the consent box ticked is refused, with the reason next to the box.
    await page.getByRole('button', { name: 'Confirm my plan' }).click();
    await page.getByText('Please tick the box to allow autopay').first().waitFor();
    await page.getByLabel('Pay automatically from my card on each date (autopay)').check();
    await page.getByLabel('Card', { exact: true }).selectOption('tok_sandbox_visa');
    await page.getByLabel(/I allow Maple Street Physical Therapy to save this card/).check();
    await check(page, '6-plan-schedule-consent');
    await page.getByRole('button', { name: 'Confirm my plan' }).click();
    await page.getByText('Your payment plan is set up').waitFor();
    await check(page, '7-plan-set');
    // The choice reached the balance workflow (acceptPlan), whose plan child recorded the schedule with payments.
    const plan = await eventually(async () => {
      const { rows: plans } = await stack.paymentsDb.query('select plan_id, autopay, card_on_file_id, charge_cap_cents from plans where account_id = $1', [patient.accountId]);
      return plans[0];
    }, 45_000);
    expect(plan).toMatchObject({ autopay: true, charge_cap_cents: '12000' });
    const { rows: consent } = await stack.paymentsDb.query('select consent from cards_on_file where id = $1', [plan.card_on_file_id]);
    expect(consent[0].consent.text).toContain('charge it for each payment of this plan');
    const { rows: installments } = await stack.paymentsDb.query('select amount_cents from installments where plan_id = $1 order by seq', [plan.plan_id]);
    expect(installments.map((i: { amount_cents: string }) => Number(i.amount_cents))).toEqual([12_000, 12_000, 12_000, 12_000]);
    await page.close();
  });

  it('opens a dispute in the patient’s words', async () => {
    const patient = await patientOwing(stack, runId(), 9_000);
    const page = await signIn(patient);
    await page.getByRole('link', { name: 'This looks wrong' }).click();
    await page.getByLabel('What looks wrong?').selectOption('insurance_not_billed');
    await page.getByLabel('Tell us in your own words').fill('I gave my new insurance card at the visit.');
    await check(page, '8-dispute');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('We paused reminders and will review your bill').waitFor();
    const holds = await eventually(async () => {
      const { rows } = await stack.accountsDb.query('select holds from accounts where id = $1', [patient.accountId]);
      return rows[0].holds.openDisputes?.length ? rows[0].holds : undefined;
    }, 30_000);
    expect(holds.openDisputes[0]).toMatch(/^pp-/);
    await page.close();
  });

  it('asks for hardship help, in Spanish', async () => {
    const patient = await patientOwing(stack, runId(), 20_000, { language: 'es' });
    const link = await stack.payLinks.create({ tenantId: patient.tenantId, clinicId: patient.clinicId, accountId: patient.accountId });
    const page = await context.newPage();
    await page.goto(`${stack.paymentsUrl}${new URL(link.url).pathname}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await page.getByLabel('Su fecha de nacimiento').fill(patient.dateOfBirth);
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.waitForSelector('[data-testid=amount-due]');
    await check(page, '9-balance-es');
    await page.getByRole('link', { name: 'Pedir ayuda por dificultades económicas' }).click();
    await page.getByLabel('Personas en su hogar').fill('4');
    await page.getByLabel('Ingreso del hogar por mes (dólares)').fill('2100');
    await page.getByLabel('Lo que podría pagar cada mes (dólares, opcional)').fill('25');
    await check(page, '10-hardship-es');
    await page.getByRole('button', { name: 'Enviar' }).click();
    await page.getByText('Pausamos los recordatorios').waitFor();
    await eventually(async () => {
      const { rows } = await stack.accountsDb.query(`select 1 from audit_log where subject = $1 and action = 'hardship.requested'`, [`account:${patient.accountId}`]);
      return rows.length === 1 ? true : undefined;
    }, 30_000);
    // The balance workflow heard it (hardshipRequested): outreach paused while staff verify the request ...
    const balance = temporal.workflow.getHandle(balanceWorkflowId(patient.tenantId, patient.clinicId, patient.accountId));
    const waiting = await eventually(async () => {
      const s = await balance.query(balanceStateQuery);
      return s.hardshipRequest ? s : undefined;
    }, 30_000);
    expect(waiting).toMatchObject({ stage: 'hardship', hardship: null });
    expect(waiting.nextStep).toContain('awaiting verification');
    // ... and staff verification with the existing Update ends the wait and starts the term.
    await balance.executeUpdate(applyHardshipUpdate, {
      args: [{ requestId: `verify-${patient.accountId}`, outcome: { kind: 'longer_timeline' }, termMonths: 6, verifiedBy: { userId: 'u-staff', role: 'staff' } }],
    });
    expect(await balance.query(balanceStateQuery)).toMatchObject({ stage: 'hardship', hardshipRequest: null, hardship: { kind: 'longer_timeline' } });
    await page.close();
  });
});
