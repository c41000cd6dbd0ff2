import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot, signIn, type Browser } from '../support/browser';
import { startConsoleStack, type ConsoleStack, type ConsoleUser } from '../support/console-stack';
import { guarantor, remittance, visit } from '../support/events';
import { eventually } from '../support/eventually';

/**
 * The staff console's access rules in a real headless Chromium against the real services: sign-in (and its
 * errors), the account page telling a seeded account's whole story, clinic scope (a clinic-A user cannot open a
 * clinic-B account, by API or by typing the URL), admin-only screens, sign-out and an expired session.
 * Screenshots: docs/console/{signin,account,admin-users}.png when UPDATE_SCREENSHOTS=1.
 */
describe('staff console access', () => {
  // Several browsers, real services and workflow round trips per test: room for a loaded machine, not a speed bound.
  jest.setTimeout(180_000);
  let stack: ConsoleStack;
  let browser: Browser;
  const seeded: Record<'a' | 'b', { accountRef: string; accountId: string }> = {} as never;

  /** An account owing $65.00 after insurance paid $70.00 of a $165.00 visit. */
  async function seed(clinicId: string, accountRef: string, run: string): Promise<string> {
    await stack.ingest([
      guarantor(`g-${run}`, clinicId, accountRef, `robin-${run}@example.test`),
      visit(`v-${run}`, clinicId, accountRef, 16_500),
      remittance(`r-${run}`, clinicId, accountRef, { paid: 7_000, contractual: 3_000, deductible: 6_500, coinsurance: 0, copay: 0 }),
    ]);
    return eventually(async () => {
      const { rows } = await stack.db.accounts.query('select id, balance_cents, workflow_id from accounts where tenant_id = $1 and clinic_id = $2 and account_ref = $3', [stack.tenantId, clinicId, accountRef]);
      return rows[0] && Number(rows[0].balance_cents) === 6_500 && rows[0].workflow_id ? (rows[0].id as string) : undefined;
    }, 60_000);
  }

  beforeAll(async () => {
    stack = await startConsoleStack();
    browser = launchBrowser();
    seeded.a = { accountRef: 'A-2001', accountId: await seed(stack.clinics.a, 'A-2001', `${stack.id}-a`) };
    seeded.b = { accountRef: 'B-3001', accountId: await seed(stack.clinics.b, 'B-3001', `${stack.id}-b`) };
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function signedIn(user: ConsoleUser, path?: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, stack.baseUrl, user, path);
    return { context, page };
  }

  /** The browser's session cookie, for calling the staff API as that user. */
  async function cookieOf(context: BrowserContext) {
    const c = (await context.cookies(stack.baseUrl)).find((x) => x.name === 'courtesy_staff');
    return `courtesy_staff=${c!.value}`;
  }

  const errorsOf = async (res: Response) => ((await res.json()) as { errors: Array<{ path: string; message: string }> }).errors;

  /** Waits for the account page (or whatever the page shows instead, so a failure says what it was). */
  async function accountShown(page: Page, accountRef: string) {
    await page.locator('.page h1, [role=alert]').first().waitFor();
    expect(await page.locator('.page h1, [role=alert]').first().innerText()).toBe(`Account ${accountRef}`);
  }

  const accountPath = (clinicId: string, accountRef: string) => `/console/accounts/${clinicId}/${accountRef}`;

  it('refuses a wrong password next to the field, then signs in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/console/`);
    await page.getByRole('heading', { name: 'Staff console' }).waitFor();
    await screenshot(page, 'signin');
    await page.getByLabel('Email').fill(stack.users.staff.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('email or password is not correct').waitFor();
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Password').fill(stack.users.staff.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('whoami').getByText('Sam Staff').waitFor();
    // The cookie is HttpOnly and SameSite=Strict, so page scripts and other sites cannot use it.
    const cookie = (await context.cookies(stack.baseUrl)).find((c) => c.name === 'courtesy_staff');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await context.close();
  });

  it('shows the whole story of an account of the user’s clinic, and records the read in the audit log', async () => {
    const { context, page } = await signedIn(stack.users.staff);
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByLabel('Account reference').fill(seeded.a.accountRef);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await accountShown(page, seeded.a.accountRef);
    const guarantorPanel = page.getByTestId('guarantor');
    await guarantorPanel.getByText('Robin Okafor').waitFor();
    expect(await guarantorPanel.innerText()).toContain('Email: consented');
    expect(await guarantorPanel.innerText()).toContain('SMS: no consent');
    expect(await page.getByTestId('insurance').innerText()).toMatch(/Insurance paid\s*\$70\.00/);
    expect(await page.getByTestId('account-summary').innerText()).toContain('$65.00');
    expect(await page.getByTestId('visits').innerText()).toContain('$165.00');
    // Stage and segment come from the balance workflow's own query.
    expect(await page.getByTestId('stage').innerText()).not.toBe('Pending');
    await page.getByTestId('attempts').waitFor();
    await page.getByTestId('disputes').getByText('No open disputes.').waitFor();
    // Plain staff do not get the Temporal UI link; ops do (below).
    expect(await page.getByRole('link', { name: 'Open workflow in Temporal UI' }).count()).toBe(0);
    await screenshot(page, 'account');

    const { rows } = await stack.db.gateway.query(`select action, subject, role, details::text as details from staff_audit where tenant_id = $1 and action = 'account.view'`, [stack.tenantId]);
    expect(rows).toContainEqual(expect.objectContaining({ subject: `account:${seeded.a.accountId}`, role: 'staff' }));
    // Who and what, never the patient's details.
    expect(JSON.stringify(rows)).not.toMatch(/Okafor|Robin|example\.test|1984/);
    await context.close();
  });

  it('opens a dispute as staff; a manager resolves it; each is audited', async () => {
    const { context, page } = await signedIn(stack.users.staff, accountPath(stack.clinics.a, seeded.a.accountRef));
    await accountShown(page, seeded.a.accountRef);
    // Staff may open but not resolve.
    await page.getByLabel('Reason').selectOption('insurance_not_billed');
    await page.getByRole('button', { name: 'Open dispute' }).click();
    await page.getByText('is required: what the patient said, for the reviewer').waitFor();
    await page.getByLabel('What the patient said').fill('Says the new insurance card was given at check-in.');
    await page.getByRole('button', { name: 'Open dispute' }).click();
    const disputeRef = await eventually(async () => {
      const { rows } = await stack.db.accounts.query('select holds from accounts where id = $1', [seeded.a.accountId]);
      return rows[0].holds.openDisputes?.[0] as string | undefined;
    }, 30_000);
    await page.reload();
    await accountShown(page, seeded.a.accountRef);
    await page.getByTestId('disputes').getByText(disputeRef).waitFor({ timeout: 60_000 }).catch(async (err: unknown) => {
      throw new Error(`${String(err)}\n--- page text ---\n${await page.locator('main').innerText()}`);
    });
    expect(await page.getByRole('button', { name: 'Resolve' }).count()).toBe(0);
    await context.close();

    const manager = await signedIn(stack.users.manager, accountPath(stack.clinics.a, seeded.a.accountRef));
    await accountShown(manager.page, seeded.a.accountRef);
    const form = manager.page.getByRole('form', { name: `Resolve dispute ${disputeRef}` });
    await form.getByLabel('Outcome').selectOption('rejected');
    await form.getByLabel('Resolution').fill('Card on file was billed; balance stands.');
    await form.getByRole('button', { name: 'Resolve' }).click();
    await eventually(async () => {
      const { rows } = await stack.db.accounts.query('select holds from accounts where id = $1', [seeded.a.accountId]);
      return (rows[0].holds.openDisputes ?? []).length === 0 ? true : undefined;
    }, 30_000);
    const { rows } = await stack.db.gateway.query(`select action, role from staff_audit where tenant_id = $1 and subject = $2 and action like 'dispute.%' order by id`, [stack.tenantId, `account:${seeded.a.accountId}`]);
    expect(rows).toEqual([
      { action: 'dispute.open', role: 'staff' },
      { action: 'dispute.resolve', role: 'manager' },
    ]);
    // Staff cannot resolve through the API either.
    const staffCtx = await signedIn(stack.users.staff);
    const res = await fetch(`${stack.baseUrl}/staff/v1/accounts/${stack.clinics.a}/${seeded.a.accountRef}/disputes/${disputeRef}/resolve`, {
      method: 'POST',
      headers: { cookie: await cookieOf(staffCtx.context), 'x-courtesy-csrf': '1', 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'upheld', cause: 'none', resolution: 'x' }),
    });
    expect(res.status).toBe(403);
    expect((await errorsOf(res))[0]).toEqual({ path: 'role', message: 'needs role manager or finance or admin (you are staff)' });
    await staffCtx.context.close();
    await manager.context.close();
  });

  it('a clinic-A user cannot open a clinic-B account, by API or by URL', async () => {
    const { context, page } = await signedIn(stack.users.staff);
    const cookie = await cookieOf(context);
    const api = await fetch(`${stack.baseUrl}/staff/v1/accounts/${stack.clinics.b}/${seeded.b.accountRef}`, { headers: { cookie } });
    expect(api.status).toBe(403);
    expect((await errorsOf(api))).toEqual([{ path: 'path.clinicId', message: `clinic "${stack.clinics.b}" is not one of your clinics` }]);
    // Nor act on it, nor list it.
    const act = await fetch(`${stack.baseUrl}/staff/v1/accounts/${stack.clinics.b}/${seeded.b.accountRef}/pause`, { method: 'POST', headers: { cookie, 'x-courtesy-csrf': '1', 'content-type': 'application/json' }, body: '{}' });
    expect(act.status).toBe(403);
    const list = await fetch(`${stack.baseUrl}/staff/v1/accounts?clinicId=${stack.clinics.b}`, { headers: { cookie } });
    expect(list.status).toBe(403);

    // The staff-scoped list (Temporal visibility + ledger) shows clinic A's balance and never clinic B's.
    const refs = await eventually(async () => {
      const r = await fetch(`${stack.baseUrl}/staff/v1/accounts`, { headers: { cookie } });
      const { balances } = (await r.json()) as { balances: Array<{ accountRef: string; clinicId: string }> };
      return balances.some((x) => x.accountRef === seeded.a.accountRef) ? balances.map((x) => x.clinicId) : undefined;
    }, 30_000);
    expect(new Set(refs)).toEqual(new Set([stack.clinics.a]));

    await page.goto(`${stack.baseUrl}${accountPath(stack.clinics.b, seeded.b.accountRef)}`);
    await page.getByTestId('not-allowed').waitFor();
    expect(await page.getByTestId('not-allowed').innerText()).toContain(`clinic "${stack.clinics.b}" is not one of your clinics`);
    expect(await page.content()).not.toContain('Robin');
    await screenshot(page, 'not-allowed');
    const { rows } = await stack.db.gateway.query(`select count(*)::int as n from staff_audit where tenant_id = $1 and action = 'account.view_denied' and subject = $2`, [stack.tenantId, `clinic:${stack.clinics.b}`]);
    expect(rows[0].n).toBeGreaterThanOrEqual(2);

    // The clinic-B user opens it fine, and an ops user (all clinics) gets the Temporal UI link.
    const b = await signedIn(stack.users.staffB, accountPath(stack.clinics.b, seeded.b.accountRef));
    await accountShown(b.page, seeded.b.accountRef);
    await b.page.getByTestId('guarantor').getByText('Robin Okafor').waitFor();
    const ops = await signedIn(stack.users.ops, accountPath(stack.clinics.b, seeded.b.accountRef));
    const link = ops.page.getByRole('link', { name: 'Open workflow in Temporal UI' });
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:8233/namespaces/courtesy-test/workflows/.+`));
    await Promise.all([context.close(), b.context.close(), ops.context.close()]);
  });

  it('pauses outreach for a hardship review: the workflow hears it and the action is audited', async () => {
    const { context, page } = await signedIn(stack.users.staffB, accountPath(stack.clinics.b, seeded.b.accountRef));
    await accountShown(page, seeded.b.accountRef);
    await page.getByRole('button', { name: 'Pause outreach for hardship review' }).click();
    // The page reloads the story after the action; the workflow may apply the signal a moment later.
    await eventually(async () => {
      if ((await page.getByTestId('plans').innerText()).includes('paused for review')) return true;
      await page.reload();
      await accountShown(page, seeded.b.accountRef);
      return undefined;
    }, 90_000, 1_000);
    const { rows } = await stack.db.gateway.query(`select role from staff_audit where tenant_id = $1 and action = 'outreach.pause' and subject = $2`, [stack.tenantId, `account:${seeded.b.accountId}`]);
    expect(rows).toEqual([{ role: 'staff' }]);
    await context.close();
  });

  it('admin screens are for admins: users page, adding a user; staff see "Not allowed"', async () => {
    const staff = await signedIn(stack.users.staff, '/console/admin/users');
    await staff.page.getByTestId('not-allowed').waitFor();
    expect(await staff.page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    const res = await fetch(`${stack.baseUrl}/staff/v1/admin/users`, { headers: { cookie: await cookieOf(staff.context) } });
    expect(res.status).toBe(403);
    await staff.context.close();

    const { context, page } = await signedIn(stack.users.admin);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByTestId('users').getByText('Mia Manager').waitFor();
    await page.getByLabel('Name').fill('Nia New');
    await page.getByLabel('Email').fill(`nia-${stack.id}@console.test`);
    await page.getByLabel('Initial password').fill('short');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByText('must be at least 12 characters').waitFor();
    await page.getByLabel('Initial password').fill('a-long-enough-password');
    await page.getByLabel('All clinics').uncheck();
    await page.getByLabel('Maple Street Rehab').check();
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByTestId('users').getByText('Nia New').waitFor();
    await screenshot(page, 'admin-users');
    const { rows } = await stack.db.gateway.query(`select role, clinic_ids, password_hash from staff_users where email = $1`, [`nia-${stack.id}@console.test`]);
    expect(rows[0]).toMatchObject({ role: 'staff', clinic_ids: [stack.clinics.a] });
    // Hashed with scrypt and a salt; the password itself is nowhere.
    expect(rows[0].password_hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    await context.close();
  });

  it('signs out: the page returns to sign-in and the old cookie no longer works', async () => {
    const { context, page } = await signedIn(stack.users.manager);
    const cookie = await cookieOf(context);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    const res = await fetch(`${stack.baseUrl}/staff/v1/session`, { headers: { cookie } });
    expect(res.status).toBe(401);
    await context.close();
  });

  it('an idle session expires: the next request is refused and the page asks to sign in again', async () => {
    const { context, page } = await signedIn(stack.users.finance, accountPath(stack.clinics.b, seeded.b.accountRef));
    await accountShown(page, seeded.b.accountRef);
    const cookie = await cookieOf(context);
    // Idle past the limit (30 minutes by default), as if the user walked away.
    await stack.db.gateway.query(`update staff_sessions set last_seen_at = now() - interval '31 minutes' where ended_at is null and user_id = (select id from staff_users where email = $1)`, [stack.users.finance.email]);
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByText('Your session has expired. Please sign in again.').waitFor();
    expect((await fetch(`${stack.baseUrl}/staff/v1/session`, { headers: { cookie } })).status).toBe(401);

    // The absolute limit holds however active the session is.
    const again = await signedIn(stack.users.finance);
    await stack.db.gateway.query(`update staff_sessions set expires_at = now() - interval '1 second' where ended_at is null and user_id = (select id from staff_users where email = $1)`, [stack.users.finance.email]);
    expect((await fetch(`${stack.baseUrl}/staff/v1/session`, { headers: { cookie: await cookieOf(again.context) } })).status).toBe(401);
    await Promise.all([context.close(), again.context.close()]);
  });

  it('refuses bad sign-in input with the field named, and throttles guessing per email and address', async () => {
    const post = (body: unknown, csrf = true) =>
      fetch(`${stack.baseUrl}/staff/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...(csrf ? { 'x-courtesy-csrf': '1' } : {}) }, body: JSON.stringify(body) });
    const bad = await post({ email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect((await errorsOf(bad))).toEqual([
      { path: 'body.email', message: 'must be an email address' },
      { path: 'body.password', message: 'is required' },
    ]);
    expect((await post({ email: stack.users.ops.email, password: stack.users.ops.password }, false)).status).toBe(403);
    for (let i = 0; i < 5; i++) expect((await post({ email: stack.users.ops.email, password: `guess-${i}` })).status).toBe(401);
    const locked = await post({ email: stack.users.ops.email, password: stack.users.ops.password });
    expect(locked.status).toBe(429);
    expect((await errorsOf(locked))[0].path).toBe('body.email');
    // Other users from the same address are unaffected.
    expect((await post({ email: stack.users.admin.email, password: stack.users.admin.password })).status).toBe(200);
  });
});
