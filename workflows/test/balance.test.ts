/**
 * BalanceWorkflow journeys on the real time-skipping test server: months pass in seconds. Default policy
 * (real days): day 3 text, day 10 statement, day 18 email, day 25 call, day 35 second statement, day 60 final
 * notice, placement window day 90–120.
 *
 * With RECORD_FIXTURES=1 each journey's history is written to test/fixtures/ for the replay test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { defaultPolicy, parsePolicy } from '../src/domain/policy';
import { localDateOf } from '../src/domain/local-time';
import {
  acceptPlanUpdate,
  applyHardshipUpdate,
  disputeOpenedSignal,
  disputeResolvedSignal,
  ledgerChangedSignal,
  optedOutSignal,
  policyChangedSignal,
  rebilledSignal,
  rebillResolvedSignal,
  type BalanceView,
} from '../src/shared/balance-messages';
import { BalanceHarness, CONTACT, DAY, NY, sentSteps } from './balance-harness';

const h = new BalanceHarness();
beforeAll(() => h.setUp(), 120_000);
afterEach(() => h.terminateRunning());
afterAll(() => h.tearDown());

async function record(name: string, handle: WorkflowHandle): Promise<void> {
  const history = await handle.fetchHistory();
  const raw = JSON.stringify(history);
  // Read without the codec (as the plain CLI would): no contact detail may be readable.
  for (const secret of [CONTACT.firstName, CONTACT.email, CONTACT.phone, 'Maple Street PT']) expect(raw).not.toContain(secret);
  if (process.env.RECORD_FIXTURES === '1') {
    const dir = join(__dirname, 'fixtures');
    mkdirSync(dir, { recursive: true });
    // Binary protobuf (base64) round-trips exactly; payloads inside are codec-encrypted either way.
    const encoded = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('base64');
    writeFileSync(join(dir, `${name}.json`), `${JSON.stringify({ workflowId: handle.workflowId, encoding: 'protobuf/base64', history: encoded }, null, 1)}\n`);
  }
}

describe('BalanceWorkflow journeys', () => {
  test('paid after the day-3 text: resolved, nothing sent afterwards', async () => {
    const { handle, workflowId, record: r } = await h.start('paid-after-text');
    await h.untilDay(r, 4);
    expect(sentSteps(r)).toEqual(['text_pay_link:sms']);
    expect(r.sends[0]!.day).toBeCloseTo(3, 3);
    await h.payment(workflowId, 20_000);
    const result = await handle.result();
    expect(result).toMatchObject({ stage: 'resolved', balanceCents: 0, resolution: 'paid' });
    await h.untilDay(r, 40);
    expect(sentSteps(r)).toEqual(['text_pay_link:sms']);
    await record('paid-after-text', handle);
  });

  test('paid partly then fully', async () => {
    const { handle, workflowId, record: r } = await h.start('paid-partly');
    await h.untilDay(r, 5);
    await h.payment(workflowId, 8_000);
    expect((await h.state(handle)).balanceCents).toBe(12_000);
    await h.untilDay(r, 11);
    expect(sentSteps(r)).toEqual(['text_pay_link:sms', 'statement_1:letter']);
    expect(r.sends[1]!.request.balanceCents).toBe(12_000);
    await h.payment(workflowId, 12_000);
    expect(await handle.result()).toMatchObject({ stage: 'resolved', balanceCents: 0 });
    expect(sentSteps(r)).toHaveLength(2);
    await record('paid-partly-then-fully', handle);
  });

  test('dispute opened on day 12 and resolved on day 30: no outreach in between, the cadence resumes', async () => {
    const { handle, workflowId, record: r } = await h.start('dispute');
    await h.untilDay(r, 12);
    await handle.signal(disputeOpenedSignal, { eventId: 'd-open', disputeRef: 'D1', category: 'amount' });
    expect((await h.state(handle)).stage).toBe('disputed');
    await h.untilDay(r, 30);
    expect(r.sends.filter((s) => s.day > 12)).toEqual([]);
    await handle.signal(disputeResolvedSignal, { eventId: 'd-done', disputeRef: 'D1', outcome: 'upheld' });
    // Paused 18 days: the day-18 email comes 18 days late (day 36), not at once and not skipped.
    await h.untilDay(r, 37);
    const after = r.sends.filter((s) => s.day > 12);
    expect(after.map((s) => s.request.stepKey)).toEqual(['insurance_summary']);
    expect(after[0]!.day).toBeCloseTo(36, 3);
    expect((await h.state(handle)).stage).toBe('soft');
    await h.payment(workflowId, 20_000);
    await handle.result();
    await record('dispute-day-12-to-30', handle);
  });

  test('plan accepted on day 20 with one missed installment retried and the rest paid', async () => {
    const { handle, record: r } = await h.start('plan', { balanceCents: 30_000 });
    let declined = false;
    r.charge = (req) => {
      if (req.installmentNumber === 2 && !declined) {
        declined = true;
        return 'soft_declined';
      }
      return 'succeeded';
    };
    await h.untilDay(r, 20);
    const before = sentSteps(r);
    const firstDue = localDateOf(r.startMs + 30 * DAY, NY);
    const plan = await handle.executeUpdate(acceptPlanUpdate, {
      args: [{ requestId: 'plan-1', installments: 3, firstDueDate: firstDue, autopay: true, cardOnFileId: 'card-1' }],
    });
    expect(plan.installments).toHaveLength(3);
    expect((await h.state(handle)).stage).toBe('plan');
    const result = await handle.result();
    expect(result).toMatchObject({ stage: 'resolved', balanceCents: 0 });
    const inst2 = r.charges.filter((c) => c.request.installmentNumber === 2);
    expect(inst2.map((c) => c.status)).toEqual(['soft_declined', 'succeeded']);
    expect(r.charges.filter((c) => c.status === 'succeeded')).toHaveLength(3);
    // No cadence step while the plan ran.
    expect(r.sends.filter((s) => !s.request.workflowId.includes(':plan:')).map((s) => s.request.stepKey)).toEqual(
      before.map((s) => s.split(':')[0]),
    );
    await record('plan-with-missed-installment', handle);
  });

  test('plan defaults and the cadence resumes where it left off', async () => {
    const { handle, workflowId, record: r } = await h.start('plan-default', { balanceCents: 30_000 });
    r.charge = () => 'soft_declined';
    await h.untilDay(r, 20);
    await handle.executeUpdate(acceptPlanUpdate, {
      args: [{ requestId: 'plan-1', installments: 3, firstDueDate: localDateOf(r.startMs + 25 * DAY, NY), autopay: true, cardOnFileId: 'card-1' }],
    });
    // Retries on days +1, +3, +7, a call task, then the plan defaults.
    let view: BalanceView = await h.state(handle);
    for (let day = 30; day <= 120 && view.plan?.status !== 'defaulted'; day += 5) {
      await h.untilDay(r, day);
      view = await h.state(handle);
    }
    expect(view.plan?.status).toBe('defaulted');
    const defaultedDay = (await h.env.currentTimeMs() - r.startMs) / DAY;
    await h.untilDay(r, defaultedDay + 20);
    const cadenceAfter = r.sends.filter((s) => !s.request.workflowId.includes(':plan:') && s.day > 20);
    expect(cadenceAfter.length).toBeGreaterThan(0);
    // It resumes with the step after the ones already sent (the day-25 call), not from the start.
    expect(cadenceAfter[0]!.request.stepKey).toBe('call_offer_plan');
    await h.payment(workflowId, 30_000);
    await handle.result();
    await record('plan-defaults', handle);
  });

  test('hardship reduces the balance and pauses outreach until its review', async () => {
    const { handle, workflowId, record: r } = await h.start('hardship', { balanceCents: 40_000 });
    await h.untilDay(r, 11);
    const res = await handle.executeUpdate(applyHardshipUpdate, {
      args: [{ requestId: 'h1', outcome: { kind: 'temporary_reduction', reductionPct: 25 }, termMonths: 6, verifiedBy: { userId: 'u-staff', role: 'staff' } }],
    });
    expect(res).toMatchObject({ reductionCents: 10_000, balanceCents: 30_000 });
    const view = await h.state(handle);
    expect(view).toMatchObject({ stage: 'hardship', balanceCents: 30_000 });
    await h.untilDay(r, 60);
    expect(r.sends.filter((s) => s.day > 11)).toEqual([]);
    // The matching ledger adjustment from accounts changes nothing further.
    await h.ledger(workflowId, 30_000, 'adjustment.posted');
    expect((await h.state(handle)).balanceCents).toBe(30_000);
    const refused = await handle
      .executeUpdate(applyHardshipUpdate, {
        args: [{ requestId: 'h2', outcome: { kind: 'temporary_reduction', reductionPct: 90 }, termMonths: 6, verifiedBy: { userId: 'u', role: 'staff' } }],
      })
      .catch((err: Error & { cause?: Error }) => err.cause?.message);
    expect(refused).toMatch(/hardship term runs until/);
    await h.payment(workflowId, 30_000);
    await handle.result();
    await record('hardship-reduction', handle);
  });

  test('rebilled to insurance and back: held, then the cadence resumes', async () => {
    const { handle, workflowId, record: r } = await h.start('rebill');
    await h.untilDay(r, 5);
    await handle.signal(rebilledSignal, { eventId: 'rb-1', claimRef: 'C-1' });
    expect((await h.state(handle)).stage).toBe('held');
    await h.untilDay(r, 25);
    expect(r.sends.filter((s) => s.day > 5)).toEqual([]);
    await handle.signal(rebillResolvedSignal, { eventId: 'rb-2', claimRef: 'C-1' });
    await h.ledger(workflowId, 6_000, 'remittance.posted');
    await h.untilDay(r, 31);
    const after = r.sends.filter((s) => s.day > 5);
    // Held 20 days: the day-10 statement goes out on day 30, for the new balance.
    expect(after.map((s) => s.request.stepKey)).toEqual(['statement_1']);
    expect(after[0]!.day).toBeCloseTo(30, 3);
    expect(after[0]!.request.balanceCents).toBe(6_000);
    await h.payment(workflowId, 6_000);
    await handle.result();
    await record('rebilled-and-back', handle);
  });

  test('opted out of SMS: falls back to email, and to a letter when email fails too', async () => {
    const { handle, workflowId, record: r } = await h.start('opt-out');
    r.outreach = (channel, req) =>
      channel === 'email' && req.stepKey === 'insurance_summary'
        ? { status: 'not_possible', attemptId: req.attemptKey, reason: 'bad_email', rule: 'bounced' }
        : undefined;
    await h.untilDay(r, 1);
    await handle.signal(optedOutSignal, { eventId: 'stop-1', channels: ['sms'] });
    await h.untilDay(r, 19);
    expect(r.sends.map((s) => `${s.request.stepKey}:${s.channel}:${s.outcome}`)).toEqual([
      'text_pay_link:email:sent',
      'statement_1:letter:sent',
      'insurance_summary:email:not_possible',
      'insurance_summary:letter:sent',
    ]);
    expect(r.sends.some((s) => s.channel === 'sms')).toBe(false);
    const attemptKeys = r.sends.map((s) => s.request.attemptKey);
    expect(new Set(attemptKeys).size).toBe(attemptKeys.length);
    await h.payment(workflowId, 20_000);
    await handle.result();
    await record('opted-out-sms', handle);
  });

  test('silent and aged: final notice, placement, and a payment while placed triggers a recall', async () => {
    const { handle, workflowId, record: r } = await h.start('aged', { balanceCents: 25_000 });
    await h.untilDay(r, 89);
    expect(r.sends.map((s) => `${s.request.stepKey}:${s.channel}`)).toEqual([
      'text_pay_link:sms',
      'statement_1:letter',
      'insurance_summary:email',
      'call_offer_plan:call',
      'statement_2:letter',
      'final_notice:letter',
    ]);
    expect(r.placements).toHaveLength(0);
    expect((await h.state(handle)).stage).toBe('final_notice');
    await h.untilDay(r, 91);
    expect(r.placements).toHaveLength(1);
    expect(r.placements[0]!.facts).toMatchObject({ openDispute: false, activePlan: false, balanceCents: 25_000 });
    const placed = await h.state(handle);
    expect(placed).toMatchObject({ stage: 'placed', placement: { status: 'accepted', agencyId: 'agency-1' } });
    await h.untilDay(r, 100);
    expect(r.sends).toHaveLength(6);
    await h.payment(workflowId, 5_000);
    const view = await h.state(handle);
    expect(r.recalls).toEqual([expect.objectContaining({ reason: 'payment', placementId: `pl-${r.placements[0]!.accountId}` })]);
    expect(view.placement?.status).toBe('recalled');
    expect(view.balanceCents).toBe(20_000);
    await h.payment(workflowId, 20_000);
    await handle.result();
    await record('aged-to-placement-and-recall', handle);
  });

  test('policy changed mid-flight takes effect from the next step', async () => {
    const { handle, workflowId, record: r } = await h.start('policy-change');
    await h.untilDay(r, 4);
    const v2 = parsePolicy({
      ...defaultPolicy(),
      version: 2,
      cadence: defaultPolicy().cadence.map((s) => (s.key === 'statement_1' ? { ...s, dayOffset: 6, channel: 'email' } : s)),
    });
    await handle.signal(policyChangedSignal, { eventId: 'pol-2', policy: v2 });
    await h.untilDay(r, 7);
    expect(r.sends.map((s) => `${s.request.stepKey}:${s.channel}:${s.request.policyVersion}`)).toEqual([
      'text_pay_link:sms:1',
      'statement_1:email:2',
    ]);
    expect(r.sends[1]!.day).toBeCloseTo(6, 3);
    // An invalid policy is refused and changes nothing.
    await handle.signal(policyChangedSignal, { eventId: 'pol-3', policy: { ...v2, version: 3, cadence: [] } });
    expect((await h.state(handle)).policyVersion).toBe(2);
    await h.payment(workflowId, 20_000);
    await handle.result();
    await record('policy-changed', handle);
  });

  test('continue-as-new mid-plan keeps the state, the plan and the dedupe', async () => {
    const { handle, workflowId, record: r } = await h.start('can', { balanceCents: 30_000, start: { historyEventsBeforeContinue: 40 } });
    await h.untilDay(r, 20);
    await handle.executeUpdate(acceptPlanUpdate, {
      args: [{ requestId: 'plan-1', installments: 3, firstDueDate: localDateOf(r.startMs + 30 * DAY, NY), autopay: true, cardOnFileId: 'card-1' }],
    });
    // A burst of facts grows the history past the threshold; one of them is redelivered after the new run.
    for (let i = 0; i < 25; i++) await handle.signal(ledgerChangedSignal, { eventId: `noise-${i}`, balanceCents: 30_000, reason: 'visit.charged' });
    await h.untilDay(r, 21);
    const view = await h.state(handle);
    expect(view.runNumber).toBeGreaterThan(1);
    expect(view).toMatchObject({ stage: 'plan', balanceCents: 30_000, plan: { status: 'active' } });
    await handle.signal(ledgerChangedSignal, { eventId: 'noise-3', balanceCents: 99_999, reason: 'visit.charged' });
    expect((await h.state(handle)).balanceCents).toBe(30_000);
    const result = await h.env.client.workflow.getHandle(workflowId).result();
    expect(result).toMatchObject({ stage: 'resolved', balanceCents: 0 });
    expect(r.charges.filter((c) => c.status === 'succeeded')).toHaveLength(3);
    await record('continue-as-new-mid-plan', h.env.client.workflow.getHandle(workflowId));
  });
});
