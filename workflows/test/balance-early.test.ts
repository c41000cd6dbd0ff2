// Journeys: paid, partly paid, disputed, plan accepted. The journeys are split over three files (each with its own test server and worker):
// all eleven in one file hung the time-skipping server partway on a cold jest cache; any subset passed.
/**
 * BalanceWorkflow journeys on the real time-skipping test server: months pass in seconds. Default policy
 * (real days): day 3 text, day 10 statement, day 18 email, day 25 call, day 35 second statement, day 60 final
 * notice, placement window day 90–120.
 *
 * With RECORD_FIXTURES=1 each journey's history is written to test/fixtures/ for the replay test.
 */
import { localDateOf } from '../src/domain/local-time';
import { acceptPlanUpdate, disputeOpenedSignal, disputeResolvedSignal } from '../src/shared/balance-messages';
import { record } from './journey-recording';
import { BalanceHarness, DAY, NY, sentSteps } from './balance-harness';

const h = new BalanceHarness();
beforeAll(() => h.setUp(), 120_000);
afterEach(() => h.terminateRunning());
afterAll(() => h.tearDown());

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
      args: [
        {
          requestId: 'plan-1',
          installments: 3,
          firstDueDate: firstDue,
          autopay: true,
          cardOnFileId: 'card-1',
        },
      ],
    });
    expect(plan.installments).toHaveLength(3);
    expect((await h.state(handle)).stage).toBe('plan');
    const result = await handle.result();
    expect(result).toMatchObject({ stage: 'resolved', balanceCents: 0 });
    const inst2 = r.charges.filter((c) => c.request.installmentNumber === 2);
    expect(inst2.map((c) => c.status)).toEqual(['soft_declined', 'succeeded']);
    expect(r.charges.filter((c) => c.status === 'succeeded')).toHaveLength(3);
    // No cadence step while the plan ran.
    expect(
      r.sends.filter((s) => !s.request.workflowId.includes(':plan:')).map((s) => s.request.stepKey),
    ).toEqual(before.map((s) => s.split(':')[0]));
    await record('plan-with-missed-installment', handle);
  });
});
