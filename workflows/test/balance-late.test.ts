// Journeys: placement and recall, policy change, continue-as-new. The journeys are split over three files (each with its own test server and worker):
// all eleven in one file hung the time-skipping server partway on a cold jest cache; any subset passed.
/**
 * BalanceWorkflow journeys on the real time-skipping test server: months pass in seconds. Default policy
 * (real days): day 3 text, day 10 statement, day 18 email, day 25 call, day 35 second statement, day 60 final
 * notice, placement window day 90–120.
 *
 * With RECORD_FIXTURES=1 each journey's history is written to test/fixtures/ for the replay test.
 */
import { defaultPolicy, parsePolicy } from '../src/domain/policy';
import { localDateOf } from '../src/domain/local-time';
import { acceptPlanUpdate, ledgerChangedSignal, policyChangedSignal } from '../src/shared/balance-messages';
import type { MailStatementRequest } from '../src/shared/outreach-activities';
import { record } from './journey-recording';
import { BalanceHarness, DAY, NY } from './balance-harness';

const h = new BalanceHarness();
beforeAll(() => h.setUp(), 120_000);
afterEach(() => h.terminateRunning());
afterAll(() => h.tearDown());

describe('BalanceWorkflow journeys', () => {
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
    // Every message names a pay-by date in the patient's zone: 14 days for a reminder; for the final notice, the
    // first day placement is allowed (30-day lead), which is when it happens below.
    const sent = (step: string) => r.sends.find((x) => x.request.stepKey === step)!;
    const reminder = sent('insurance_summary');
    expect(reminder.request.figures?.dueDate).toBe(localDateOf(reminder.at + 14 * DAY, NY));
    const finalNotice = sent('final_notice');
    expect(finalNotice.request.figures?.dueDate).toBe(localDateOf(finalNotice.at + 30 * DAY, NY));
    expect((finalNotice.request as MailStatementRequest).dueDate).toBe(localDateOf(finalNotice.at + 30 * DAY, NY));
    expect(r.placements).toHaveLength(0);
    expect((await h.state(handle)).stage).toBe('final_notice');
    await h.untilDay(r, 91);
    expect(r.placements).toHaveLength(1);
    expect(r.placements[0]!.facts).toMatchObject({
      openDispute: false,
      activePlan: false,
      balanceCents: 25_000,
    });
    const placed = await h.state(handle);
    expect(placed).toMatchObject({
      stage: 'placed',
      placement: { status: 'accepted', agencyId: 'agency-1' },
    });
    await h.untilDay(r, 100);
    expect(r.sends).toHaveLength(6);
    await h.payment(workflowId, 5_000);
    const view = await h.state(handle);
    expect(r.recalls).toEqual([
      expect.objectContaining({ reason: 'payment', placementId: `pl-${r.placements[0]!.accountId}` }),
    ]);
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
      cadence: defaultPolicy().cadence.map((s) =>
        s.key === 'statement_1' ? { ...s, dayOffset: 6, channel: 'email' } : s,
      ),
    });
    await handle.signal(policyChangedSignal, { eventId: 'pol-2', policy: v2 });
    await h.untilDay(r, 7);
    expect(r.sends.map((s) => `${s.request.stepKey}:${s.channel}:${s.request.policyVersion}`)).toEqual([
      'text_pay_link:sms:1',
      'statement_1:email:2',
    ]);
    expect(r.sends[1]!.day).toBeCloseTo(6, 3);
    // An invalid policy is refused and changes nothing.
    await handle.signal(policyChangedSignal, {
      eventId: 'pol-3',
      policy: { ...v2, version: 3, cadence: [] },
    });
    expect((await h.state(handle)).policyVersion).toBe(2);
    await h.payment(workflowId, 20_000);
    await handle.result();
    await record('policy-changed', handle);
  });

  test('continue-as-new mid-plan keeps the state, the plan and the dedupe', async () => {
    const {
      handle,
      workflowId,
      record: r,
    } = await h.start('can', { balanceCents: 30_000, start: { historyEventsBeforeContinue: 40 } });
    await h.untilDay(r, 20);
    await handle.executeUpdate(acceptPlanUpdate, {
      args: [
        {
          requestId: 'plan-1',
          installments: 3,
          firstDueDate: localDateOf(r.startMs + 30 * DAY, NY),
          autopay: true,
          cardOnFileId: 'card-1',
        },
      ],
    });
    // A burst of facts grows the history past the threshold; one of them is redelivered after the new run.
    for (let i = 0; i < 25; i++)
      await handle.signal(ledgerChangedSignal, {
        eventId: `noise-${i}`,
        balanceCents: 30_000,
        reason: 'visit.charged',
      });
    await h.untilDay(r, 21);
    const view = await h.state(handle);
    expect(view.runNumber).toBeGreaterThan(1);
    expect(view).toMatchObject({ stage: 'plan', balanceCents: 30_000, plan: { status: 'active' } });
    await handle.signal(ledgerChangedSignal, {
      eventId: 'noise-3',
      balanceCents: 99_999,
      reason: 'visit.charged',
    });
    expect((await h.state(handle)).balanceCents).toBe(30_000);
    const result = await h.env.client.workflow.getHandle(workflowId).result();
    expect(result).toMatchObject({ stage: 'resolved', balanceCents: 0 });
    expect(r.charges.filter((c) => c.status === 'succeeded')).toHaveLength(3);
    await record('continue-as-new-mid-plan', h.env.client.workflow.getHandle(workflowId));
  });
});
