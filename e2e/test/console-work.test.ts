import type { Page } from 'playwright-core';
import { Client, Connection } from '@temporalio/client';
import { dataConverterFor } from '@courtesy/temporal';
import { balanceStateQuery, domain } from '@courtesy/workflows';
import { PoliciesService } from '@courtesy/accounts';
import { startConsoleStack, type ConsoleStack, type ConsoleUser } from '../support/console-stack';
import { launchBrowser, screenshot, signIn, type Browser } from '../support/browser';
import { CODEC_KEYS, TEST_NAMESPACE, daytimeZone } from '../support/env';
import { eventually } from '../support/eventually';
import { visit } from '../support/events';

/**
 * Staff work in a real headless Chromium on the real stack (Postgres, Kafka, Temporal, every service):
 * a billing staff member works a call task from the queue and records a promise to pay, which the balance
 * workflow receives; a 9-month plan a staff member may not grant waits for a manager, who approves it and the
 * plan starts; a settlement above the manager's threshold is approved by a finance lead. The approver's role
 * always comes from the signed-in session. Screenshots: docs/console/queues.png, call-task.png, approvals.png
 * (with UPDATE_SCREENSHOTS=1; else under .data/screenshots/console/).
 */
describe('console: queues, calls and approvals', () => {
  let stack: ConsoleStack;
  let temporal: Client;
  let browser: Browser;
  const accounts: Record<'call' | 'plan' | 'settle', { id: string; workflowId: string }> = {} as never;
  let callTaskId: string;

  const sql = async (db: keyof ConsoleStack['db'], text: string, params: unknown[]) => (await stack.db[db].query(text, params)).rows;

  async function open(user: ConsoleUser, path: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error(`[browser ${user.role}] ${err.message}`));
    await signIn(page, stack.baseUrl, user, path);
    return page;
  }

  async function userId(user: ConsoleUser): Promise<string> {
    const [row] = await sql('gateway', 'select id from staff_users where email = $1', [user.email]);
    return row.id;
  }

  const state = (workflowId: string) => temporal.workflow.getHandle(workflowId).query(balanceStateQuery);

  beforeAll(async () => {
    stack = await startConsoleStack();
    temporal = new Client({
      connection: await Connection.connect({ address: '127.0.0.1:7233' }),
      namespace: TEST_NAMESPACE,
      dataConverter: dataConverterFor({ PAYLOAD_CODEC_KEYS: CODEC_KEYS }),
    });
    browser = launchBrowser();

    // Clinic A's policy: a call is the first step (day 0), and settlements are open to any balance so one can be
    // asked for at once (10% needs a manager, over 25% a finance lead). Plans keep the default: up to 6 payments
    // without approval at most, longer ones need a manager.
    const base = domain.defaultPolicy();
    await stack.accounts.get(PoliciesService).put(
      stack.tenantId,
      stack.clinics.a,
      {
        ...base,
        cadence: base.cadence.map((step, i) =>
          i === 0 ? { key: 'call_first', dayOffset: 0, channel: 'call', templateKey: 'call_offer_plan', tone: 'collaborative', kind: 'reminder' } : step,
        ),
        settlement: {
          ...base.settlement,
          minAgeDays: 0,
          minAttempts: 0,
          maxDiscountPctByAgeDays: [{ minAgeDays: 0, maxDiscountPct: 40 }],
          managerThresholdPct: 10,
          financeLeadThresholdPct: 25,
          eligibleSegments: ['fresh', 'early_stall', 'documentation_doubt', 'high_value_engaged', 'silent_aged'],
        },
      },
      'e2e',
    );

    // Three patients of clinic A who live where it is daytime now (calls go out only 08:00-21:00 their time).
    const zone = daytimeZone();
    const refs = { call: 'W-CALL', plan: 'W-PLAN', settle: 'W-SETTLE' } as const;
    const charges = { call: 48_000, plan: 120_000, settle: 90_000 };
    const at = new Date().toISOString();
    await stack.ingest(
      (Object.keys(refs) as (keyof typeof refs)[]).flatMap((k, i) => [
        {
          id: `g-${stack.id}-${k}`,
          type: 'guarantor.upserted',
          occurredAt: at,
          clinicId: stack.clinics.a,
          data: {
            schemaVersion: 1,
            accountRef: refs[k],
            name: { first: 'Robin', last: 'Okafor' },
            dateOfBirth: '1984-05-17',
            email: `work-${k}-${stack.id}@example.test`,
            phone: `+1312555014${i}`,
            address: { line1: '12 Elm St', city: 'Springfield', state: 'IL', postalCode: '62701' },
            timeZone: zone,
            language: 'en',
            consent: { sms: { granted: false, at, source: 'front_desk' }, email: { granted: true, at, source: 'front_desk' } },
          },
        },
        visit(`v-${stack.id}-${k}`, stack.clinics.a, refs[k], charges[k]),
      ]),
    );
    for (const k of Object.keys(refs) as (keyof typeof refs)[]) {
      accounts[k] = await eventually(async () => {
        const [row] = await sql('accounts', 'select id, workflow_id from accounts where tenant_id = $1 and account_ref = $2 and balance_cents = $3', [stack.tenantId, refs[k], charges[k]]);
        return row?.workflow_id ? { id: row.id as string, workflowId: row.workflow_id as string } : undefined;
      }, 150_000);
    }
    callTaskId = await eventually(async () => {
      const [task] = await sql('outreach', 'select id from call_tasks where tenant_id = $1 and account_id = $2', [stack.tenantId, accounts.call.id]);
      return task ? String(task.id) : undefined;
    }, 150_000);
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await temporal?.connection.close();
    await stack?.stop();
  }, 240_000);

  /** Text of a result box once it shows (a busy host may take a while to answer an Update); the page on failure. */
  async function textOf(page: Page, testId: string): Promise<string> {
    try {
      await page.getByTestId(testId).waitFor({ timeout: 150_000 });
      return (await page.getByTestId(testId).textContent()) ?? '';
    } catch (err) {
      console.error(`page when ${testId} did not show:`, await page.locator('main').innerText().catch(() => '?'));
      throw err;
    }
  }

  it('a staff member works a call task from the queue and records a promise to pay; the workflow receives it', async () => {
    const page = await open(stack.users.staff, '/console/queues?q=calls');
    const row = page.getByTestId(`work-call-${callTaskId}`);
    await row.waitFor({ timeout: 30_000 }).catch(async (err) => {
      // Say why: what the page shows, what the queue API answers and the task as outreach holds it.
      console.error('calls page:', await page.locator('main').innerText().catch(() => '?'));
      console.error('queue API:', await page.evaluate(async () => (await fetch('/staff/v1/queues/calls')).text()));
      console.error('task:', JSON.stringify(await sql('outreach', 'select id, status, due_at, patient_time_zone, clinic_time_zone from call_tasks where id = $1', [callTaskId])));
      throw err;
    });
    // The queue shows the balance context next to each call, most urgent first.
    await expect(page.getByTestId('calls-table').textContent()).resolves.toContain('W-CALL');
    await expect(page.getByTestId('calls-table').textContent()).resolves.toContain('$480.00');
    await screenshot(page, 'queues');

    await row.click();
    await page.getByTestId('call-script').waitFor();
    await expect(page.getByTestId('call-phone').textContent()).resolves.toBe('+13125550140');
    expect((await page.getByTestId('call-script').textContent())!.length).toBeGreaterThan(40);
    await page.getByTestId('outcome-promise_to_pay').click();
    const by = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await page.locator('input[name="promiseBy"]').fill(by);
    await page.locator('input[name="promiseAmount"]').fill('200.00');
    await screenshot(page, 'call-task');
    await page.getByTestId('promise-save').click();
    expect(await textOf(page, 'call-recorded')).toContain('Promise to pay');

    // The balance workflow took the promise (its Update answered): outreach pauses until the promised day + grace.
    const view = await state(accounts.call.workflowId);
    expect(view.openHolds.promiseToPayUntil).not.toBeNull();
    expect(Date.parse(view.openHolds.promiseToPayUntil!)).toBeGreaterThan(Date.parse(`${by}T18:00:00Z`));
    const [task] = await sql('outreach', 'select status, outcome, promise_amount_cents, claimed_by from call_tasks where id = $1', [callTaskId]);
    expect(task).toMatchObject({ status: 'done', outcome: 'promise_to_pay', promise_amount_cents: 20_000, claimed_by: await userId(stack.users.staff) });
    const audit = await sql('gateway', `select action from staff_audit where tenant_id = $1 and subject = $2 order by id`, [stack.tenantId, `account:${accounts.call.id}`]);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['call_task.claimed', 'call_task.outcome']));
    // The promise shows in "plans and promises due this week" only when it falls due within the week: 10 days out, not yet.
    const due = await page.evaluate(async () => (await fetch('/staff/v1/queues/due-this-week')).json());
    expect(due.promises.items).toEqual([]);
  }, 300_000);

  it('a 9-month plan a staff member cannot grant waits for a manager, who approves it and the plan starts', async () => {
    const staff = await open(stack.users.staff, `/console/work/${accounts.plan.id}`);
    const first = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await staff.locator('input[name="installments"]').fill('9');
    await staff.locator('input[name="firstDueDate"]').fill(first);
    await staff.getByRole('button', { name: 'Offer plan' }).click();
    expect(await textOf(staff, 'plan-result')).toContain('needs a manager');
    expect((await state(accounts.plan.workflowId)).plan).toBeNull();
    const [approval] = await sql('accounts', `select id, status, required_role, requested_by, requested_role from approval_requests where account_id = $1 and kind = 'plan'`, [accounts.plan.id]);
    expect(approval).toMatchObject({ status: 'pending', required_role: 'manager', requested_by: await userId(stack.users.staff), requested_role: 'staff' });

    // The staff member presses Approve anyway: the server refuses with the role that is needed.
    await staff.goto(`${stack.baseUrl}/console/approvals`);
    await staff.getByTestId(`approve-${approval.id}`).click();
    expect(await textOf(staff, `approval-error-${approval.id}`)).toContain('needs role manager or finance (you are staff)');
    // Nor can a request body smuggle an approver in.
    const forged = await staff.evaluate(async (id) => {
      const res = await fetch(`/staff/v1/approvals/${id}/decision`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-courtesy-csrf': '1' },
        body: JSON.stringify({ decision: 'approve', approver: { userId: 'x', role: 'manager' } }),
      });
      return res.status;
    }, approval.id as string);
    expect(forged).toBe(403);
    expect((await sql('accounts', 'select status from approval_requests where id = $1', [approval.id]))[0].status).toBe('pending');

    const manager = await open(stack.users.manager, '/console/approvals');
    await manager.getByTestId(`approval-terms-${approval.id}`).waitFor();
    await expect(manager.getByTestId(`approval-terms-${approval.id}`).textContent()).resolves.toContain(`9 monthly payments from ${first}`);
    await screenshot(manager, 'approvals');
    await manager.getByTestId(`approve-${approval.id}`).click();
    await manager.getByText('Approved by you').waitFor({ timeout: 150_000 });

    const view = await eventually(async () => {
      const v = await state(accounts.plan.workflowId);
      return v.plan?.status === 'active' ? v : undefined;
    }, 30_000);
    expect(view.stage).toBe('plan');
    const [decided] = await sql('accounts', 'select status, decided_by, decided_role, decided_at, result from approval_requests where id = $1', [approval.id]);
    expect(decided).toMatchObject({ status: 'approved', decided_by: await userId(stack.users.manager), decided_role: 'manager' });
    expect(decided.decided_at).not.toBeNull();
    expect(decided.result).toMatchObject({ planId: view.plan!.planId, approvedBy: await userId(stack.users.manager) });
    expect(decided.result.installments).toHaveLength(9);
    const audit = await sql('gateway', `select action, role from staff_audit where tenant_id = $1 and subject = $2 order by id`, [stack.tenantId, `approval:${approval.id}`]);
    expect(audit).toEqual([
      { action: 'approval.approved', role: 'manager' },
    ]);
  }, 300_000);

  it('a settlement above the manager threshold is approved by a finance lead', async () => {
    const staff = await open(stack.users.staff, `/console/work/${accounts.settle.id}`);
    await staff.locator('input[name="discountPct"]').fill('30');
    await staff.getByRole('button', { name: 'Offer settlement' }).click();
    expect(await textOf(staff, 'settlement-result')).toContain('needs a finance lead');
    const [approval] = await sql('accounts', `select id, required_role from approval_requests where account_id = $1 and kind = 'settlement'`, [accounts.settle.id]);
    expect(approval.required_role).toBe('finance_lead');

    // A manager is not enough for 30%.
    const manager = await open(stack.users.manager, '/console/approvals');
    await manager.getByTestId(`approve-${approval.id}`).click();
    expect(await textOf(manager, `approval-error-${approval.id}`)).toContain('needs role finance');
    expect((await state(accounts.settle.workflowId)).settlement).toBeNull();

    const finance = await open(stack.users.finance, '/console/approvals');
    await finance.getByTestId(`approve-${approval.id}`).click();
    await finance.getByText('Approved by you').waitFor({ timeout: 150_000 });

    const view = await state(accounts.settle.workflowId);
    expect(view.settlement).toMatchObject({ settlementCents: 63_000, accepted: false });
    const financeId = await userId(stack.users.finance);
    const offers = await sql('placement', 'select outcome, approver_user_id, approver_role, discount_pct from settlement_offers where balance_workflow_id = $1 order by created_at', [accounts.settle.workflowId]);
    // Placement recorded the staff member's refused ask and the finance lead's offer.
    expect(offers).toEqual([
      expect.objectContaining({ outcome: 'refused', approver_role: 'staff', discount_pct: 30 }),
      expect.objectContaining({ outcome: 'offered', approver_user_id: financeId, approver_role: 'finance_lead', discount_pct: 30 }),
    ]);
    const [decided] = await sql('accounts', 'select status, decided_by, decided_role from approval_requests where id = $1', [approval.id]);
    expect(decided).toEqual({ status: 'approved', decided_by: financeId, decided_role: 'finance_lead' });
  }, 300_000);
});
