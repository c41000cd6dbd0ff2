/**
 * The staff console's scorecard and clinic policy pages in real headless Chromium (Debian's, playwright-core)
 * against the real stack (gateway serving the built console, accounts on the real Postgres):
 * - the scorecard renders a chart per metric for a seeded tenant, with known figures, definitions on hover, a
 *   tenant/clinic switch and a CSV export that downloads; staff cannot open it;
 * - a policy edit with a bad field shows that field's error and stores nothing; a good edit is previewed on the
 *   timeline before saving and stored as a new version; a manager reads only.
 * The tenant's books are seeded in accounts' tables (ledger and scorecard facts) relative to this week, so the
 * figures are known whatever day the test runs; the formulas themselves are checked in accounts' scorecard test.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { METRICS } from '../../services/accounts/src/scorecard/metric-definitions';
import { startConsoleStack, type ConsoleStack, type ConsoleUser } from '../support/console-stack';
import { launchBrowser, screenshot, signIn, type Browser } from '../support/browser';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Monday 00:00 UTC of the current week: the scorecard's last point. */
function thisMonday(): number {
  const now = new Date();
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return midnight - ((now.getUTCDay() + 6) % 7) * DAY;
}

let stack: ConsoleStack;
let browser: Browser;

async function seed(s: ConsoleStack) {
  const db = s.db.accounts;
  const monday = thisMonday();
  const iso = (ms: number) => new Date(ms).toISOString();
  let n = 0;
  const account = async (clinicId: string, firstOwed: number, lines: Array<[string, number, number]>) => {
    const balance = lines.reduce((t, [, c]) => t + c, 0);
    const { rows } = await db.query(
      `insert into accounts (tenant_id, clinic_id, account_ref, balance_cents, first_positive_at) values ($1, $2, $3, $4, $5) returning id`,
      [s.tenantId, clinicId, `SC-${++n}`, balance, iso(firstOwed)],
    );
    for (const [kind, cents, at] of lines) {
      await db.query(
        `insert into ledger_entries (account_id, event_id, kind, amount_cents, occurred_at) values ($1, $2, $3, $4, $5)`,
        [rows[0].id, randomUUID(), kind, cents, iso(at)],
      );
    }
    return rows[0].id as string;
  };
  const fact = (
    clinicId: string,
    accountId: string,
    kind: string,
    at: number,
    extra: { amount?: number; ref?: string; data?: object } = {},
  ) =>
    db.query(
      `insert into scorecard_facts (event_id, kind, tenant_id, clinic_id, account_id, ref, occurred_at, amount_cents, data) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        randomUUID(),
        kind,
        s.tenantId,
        clinicId,
        accountId,
        extra.ref ?? null,
        iso(at),
        extra.amount ?? null,
        JSON.stringify(extra.data ?? {}),
      ],
    );

  // Eleven past weeks of steady work at both clinics, so every chart has a trend.
  for (let w = 11; w >= 1; w--) {
    const start = monday - w * 7 * DAY;
    for (const [clinic, size] of [
      [s.clinics.a, 3],
      [s.clinics.b, 2],
    ] as const) {
      for (let i = 0; i < size; i++) {
        const owed = start - (5 + i + (w % 4)) * DAY;
        const id = await account(clinic, owed, [
          ['charge', 40_000 + 5_000 * i, owed],
          ['insurance_paid', -25_000, owed + 2 * DAY],
          ['contractual_adjustment', -5_000, owed + 2 * DAY],
          ['patient_payment', -(2_000 + 700 * ((w + i) % 5)), start + (1 + i) * DAY],
        ]);
        await fact(clinic, id, 'contact', start + (i + 1) * HOUR, { data: { channel: 'sms' } });
        await fact(clinic, id, 'contact', start + DAY + i * HOUR, { data: { channel: 'email' } });
        if ((w + i) % 3 === 0) await fact(clinic, id, 'complaint', start + 2 * DAY, { ref: `k-${w}-${i}` });
        if (i === 0) {
          await fact(clinic, id, 'dispute_opened', start - (3 + (w % 3)) * DAY, { ref: `d-${w}` });
          await fact(clinic, id, 'dispute_resolved', start + DAY, { ref: `d-${w}` });
        }
        // A one-payment plan due mid-week, kept two weeks in three.
        const due = new Date(start + 3 * DAY).toISOString().slice(0, 10);
        await fact(clinic, id, 'promise', start - 2 * DAY, {
          amount: (w + i) % 3 === 0 ? 100_000 : 1_000,
          data: { source: 'plan', installments: 1, firstDueDate: due },
        });
        if (w % 4 === 0 && i === 1) {
          await fact(clinic, id, 'placed', start + 3 * DAY, { amount: 10_000 });
          await fact(clinic, id, 'agency_commission', start + 4 * DAY, {
            amount: 600,
            data: { collectedCents: 2_000 },
          });
        }
      }
    }
  }
  // This week at clinic A, with known answers: four contacts and one complaint (250 per 1,000 contacts), and one
  // account first contacted 3.5 days after it first owed money.
  const owed = monday + HOUR - 3.5 * DAY;
  const a = await account(s.clinics.a, owed, [['charge', 12_000, owed]]);
  await fact(s.clinics.a, a, 'contact', monday + HOUR, { data: { channel: 'sms' } });
  await fact(s.clinics.a, a, 'contact', monday + 2 * HOUR, { data: { channel: 'email' } });
  await fact(s.clinics.a, a, 'contact', monday + 3 * HOUR, { data: { channel: 'letter' } });
  await fact(s.clinics.a, a, 'contact', monday + 4 * HOUR, { data: { channel: 'call', outcome: 'reached' } });
  await fact(s.clinics.a, a, 'complaint', monday + 5 * HOUR, { ref: 'k-now' });
}

async function open(user: ConsoleUser, path: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`browser error: ${err.message}`));
  await signIn(page, stack.baseUrl, user, path);
  return page;
}

beforeAll(async () => {
  stack = await startConsoleStack();
  await seed(stack);
  browser = launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('scorecard page', () => {
  it('renders a 12-week chart per metric for the tenant, with known figures and definitions on hover', async () => {
    const page = await open(stack.users.finance, '/console/scorecard');
    await page.getByTestId('metric-dso_days').waitFor();
    for (const m of METRICS) {
      const card = page.getByTestId(`metric-${m.id}`);
      // The definition is the card's description and the heading's hover text, word for word.
      expect(await card.locator('h2').getAttribute('title')).toBe(m.definition);
      const chart = page.getByTestId(`chart-${m.id}`);
      expect(await chart.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
      expect(await chart.locator('circle').count()).toBeGreaterThanOrEqual(m.bySegment ? 5 : 10);
      expect(await chart.locator('polyline').count()).toBeGreaterThanOrEqual(1);
    }
    expect(await page.getByTestId('chart-recovery_rate').locator('g.series').count()).toBe(5);
    // Tenant-wide this week: only clinic A has anything.
    expect(await page.getByTestId('value-complaints_per_1000_contacts').textContent()).toBe('250.0');
    expect(await page.getByTestId('value-days_to_first_contact').textContent()).toBe('3.5 d');
    await screenshot(page, 'scorecard');

    // Clinic B this week: no contacts, so no ratio (a dash, not a zero).
    await page.getByLabel('Scope').selectOption(stack.clinics.b);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="value-complaints_per_1000_contacts"]')?.textContent === '—',
    );
    expect(await page.getByTestId('value-days_to_first_contact').textContent()).toBe('—');
    await page.getByLabel('Scope').selectOption(stack.clinics.a);
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="value-complaints_per_1000_contacts"]')?.textContent === '250.0',
    );
  }, 120_000);

  it('exports the CSV of the scope shown, and audits the view and the export', async () => {
    const page = await open(stack.users.finance, '/console/scorecard');
    await page.getByTestId('metric-dso_days').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('csv-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^scorecard-${stack.tenantId}-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
    );
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe('scope,metric,label,unit,segment,week_start,value,numerator,denominator');
    expect(csv).toHaveLength(1 + 12 * (METRICS.length - 1 + 5));
    const monday = new Date(thisMonday()).toISOString().slice(0, 10);
    expect(csv).toContain(
      `tenant:${stack.tenantId},complaints_per_1000_contacts,"Complaints per 1,000 contacts",per_1000,,${monday},250,1,4`,
    );

    const { rows } = await stack.db.gateway.query(
      `select action, subject from staff_audit where tenant_id = $1 and action like 'scorecard.%'`,
      [stack.tenantId],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { action: 'scorecard.viewed', subject: `tenant:${stack.tenantId}` },
        { action: 'scorecard.exported', subject: `tenant:${stack.tenantId}` },
      ]),
    );
  }, 120_000);

  it('is not for billing staff, and a clinic-limited manager sees only their clinic', async () => {
    const staff = await open(stack.users.staff, '/console/scorecard');
    await staff.getByText('needs role manager or finance or admin').waitFor();
    expect(await staff.getByRole('link', { name: 'Scorecard' }).count()).toBe(0);
    const res = await staff.evaluate(async () => (await fetch('/staff/v1/reports/scorecard')).status);
    expect(res).toBe(403);

    const manager = await open(stack.users.manager, '/console/scorecard');
    await manager.getByTestId('metric-dso_days').waitFor();
    const options = await manager.getByLabel('Scope').locator('option').allTextContents();
    expect(options).toEqual(['Maple Street Rehab']);
    const other = await manager.evaluate(
      async (b) => (await fetch(`/staff/v1/reports/scorecard?clinicId=${b}`)).status,
      stack.clinics.b,
    );
    expect(other).toBe(403);
    const bad = await manager.evaluate(async () => {
      const r = await fetch('/staff/v1/reports/scorecard?weeks=99');
      return { status: r.status, body: await r.json() };
    });
    expect(bad).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        errors: [{ path: 'query.weeks', message: 'must be a whole number from 1 to 52' }],
      },
    });
  }, 120_000);
});

describe('clinic policy page', () => {
  const stored = async () =>
    (
      await stack.db.accounts.query(
        `select version, created_by from clinic_policies where tenant_id = $1 and clinic_id = $2 order by version`,
        [stack.tenantId, stack.clinics.a],
      )
    ).rows;

  it('a bad field shows its error and stores nothing; a good edit is previewed, then stored as a new version', async () => {
    const page = await open(stack.users.admin, '/console/policies');
    await page.getByLabel('Clinic').selectOption(stack.clinics.a);
    await page.getByTestId('timeline').waitFor();
    expect(await page.getByText('Version 0 (the default policy: none stored yet)').count()).toBe(1);

    // Bad: the placement window would close before it opens.
    await page.getByLabel('Placement window closes (day)').fill('80');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    const err = page.getByTestId('error-placement.windowEndDay');
    await err.waitFor();
    expect(await err.textContent()).toBe('must not be before placement.windowStartDay (90)');
    expect(await page.getByLabel('Placement window closes (day)').getAttribute('aria-invalid')).toBe('true');
    expect(await stored()).toEqual([]);
    await screenshot(page, 'policy-invalid');

    // Good: window back, the first text a day earlier; the timeline shows the draft before it is saved.
    await page.getByLabel('Placement window closes (day)').fill('120');
    expect(await err.count()).toBe(0); // the message was about the old value
    await page.getByLabel('step 1 dayOffset').fill('2');
    const first = page.getByTestId('timeline').locator('li').first();
    expect(await first.locator('.when').textContent()).toMatch(/^Day 2 · /);
    expect(await first.locator('strong').textContent()).toBe('text_pay_link');
    expect(
      await page.getByTestId('timeline').locator('li.timeline-final').locator('strong').textContent(),
    ).toBe('final_notice (final notice)');
    expect(await stored()).toEqual([]);

    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.getByTestId('saved').waitFor();
    expect(await page.getByTestId('saved').textContent()).toContain('Saved as version 1');
    await page.getByTestId('version-1').waitFor();
    await screenshot(page, 'policy');
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0].created_by).toMatch(/^staff:/);
    const { rows: current } = await stack.db.accounts.query(
      `select policy from clinic_policies where tenant_id = $1 and clinic_id = $2 and version = 1`,
      [stack.tenantId, stack.clinics.a],
    );
    expect(current[0].policy.cadence[0].dayOffset).toBe(2);
    expect(current[0].policy.placement.windowEndDay).toBe(120);
    const { rows: audit } = await stack.db.gateway.query(
      `select action, subject, details from staff_audit where tenant_id = $1 and action = 'policy.saved'`,
      [stack.tenantId],
    );
    expect(audit).toEqual([
      { action: 'policy.saved', subject: `clinic:${stack.clinics.a}`, details: { version: 1 } },
    ]);
  }, 120_000);

  it('a manager reads the policy and its versions but cannot save one', async () => {
    const page = await open(stack.users.manager, '/console/policies');
    await page.getByTestId('timeline').waitFor();
    await page.getByText("Read only: tenant admins change a clinic's policy.").waitFor();
    expect(await page.getByRole('button', { name: 'Save as new version' }).count()).toBe(0);
    expect(await page.getByLabel('Final notice on day').getAttribute('readonly')).not.toBeNull();
    const status = await page.evaluate(
      async (clinic) =>
        (
          await fetch(`/staff/v1/policies/${clinic}`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json', 'x-courtesy-csrf': '1' },
            body: '{}',
          })
        ).status,
      stack.clinics.a,
    );
    expect(status).toBe(403);
  }, 120_000);
});
