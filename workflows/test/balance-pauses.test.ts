// Journeys: plan default, hardship, insurance rebill, SMS opt-out. The journeys are split over three files (each with its own test server and worker):
// all eleven in one file hung the time-skipping server partway on a cold jest cache; any subset passed.
/**
 * BalanceWorkflow journeys on the real time-skipping test server: months pass in seconds. Default policy
 * (real days): day 3 text, day 10 statement, day 18 email, day 25 call, day 35 second statement, day 60 final
 * notice, placement window day 90–120.
 *
 * With RECORD_FIXTURES=1 each journey's history is written to test/fixtures/ for the replay test.
 */
import { localDateOf } from '../src/domain/local-time';
import {
  acceptPlanUpdate,
  applyHardshipUpdate,
  optedOutSignal,
  rebilledSignal,
  rebillResolvedSignal,
  type BalanceView,
} from '../src/shared/balance-messages';
import { record } from './journey-recording';
import { BalanceHarness, DAY, NY } from './balance-harness';

const h = new BalanceHarness();
beforeAll(() => h.setUp(), 120_000);
afterEach(() => h.terminateRunning());
afterAll(() => h.tearDown());

describe('BalanceWorkflow journeys', () => {
  test('plan defaults and the cadence resumes where it left off', async () => {
    const { handle, workflowId, record: r } = await h.start('plan-default', { balanceCents: 30_000 });
    r.charge = () => 'soft_declined';
    await h.untilDay(r, 20);
    await handle.executeUpdate(acceptPlanUpdate, {
      args: [
        {
          requestId: 'plan-1',
          installments: 3,
          firstDueDate: localDateOf(r.startMs + 25 * DAY, NY),
          autopay: true,
          cardOnFileId: 'card-1',
        },
      ],
    });
    // Retries on days +1, +3, +7, a call task, then the plan defaults.
    let view: BalanceView = await h.state(handle);
    for (let day = 30; day <= 120 && view.plan?.status !== 'defaulted'; day += 5) {
      await h.untilDay(r, day);
      view = await h.state(handle);
    }
    expect(view.plan?.status).toBe('defaulted');
    const defaultedDay = ((await h.env.currentTimeMs()) - r.startMs) / DAY;
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
      args: [
        {
          requestId: 'h1',
          outcome: { kind: 'temporary_reduction', reductionPct: 25 },
          termMonths: 6,
          verifiedBy: { userId: 'u-staff', role: 'staff' },
        },
      ],
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
        args: [
          {
            requestId: 'h2',
            outcome: { kind: 'temporary_reduction', reductionPct: 90 },
            termMonths: 6,
            verifiedBy: { userId: 'u', role: 'staff' },
          },
        ],
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
});
