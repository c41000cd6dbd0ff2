/**
 * A hardship request from the pay page (`hardshipRequested` signal): outreach pauses while staff verify it, the
 * existing `applyHardship` Update ends the wait, and a request nobody answers stops pausing after
 * HARDSHIP_REQUEST_WAIT_DAYS. A table over the pure logic first, then journeys on the time-skipping server
 * (default policy, real days: day 3 text, day 10 statement, day 18 email ...).
 *
 * With RECORD_FIXTURES=1 the journeys' histories are written to test/fixtures/ for the replay test.
 */
import { defaultPolicy } from '../src/domain/policy';
import { MS_PER_DAY } from '../src/domain/local-time';
import { applyApplyHardship, applyFact, decide, initialState, stageOf, HARDSHIP_REQUEST_WAIT_DAYS, type BalanceLogicState } from '../src/workflows/balance-logic';
import { applyHardshipUpdate, hardshipRequestedSignal, type BalanceView } from '../src/shared/balance-messages';
import { record } from './journey-recording';
import { BalanceHarness, CONTACT, DAY } from './balance-harness';

const T0 = Date.parse('2026-03-02T15:00:00Z');
const fresh = (): BalanceLogicState =>
  initialState(
    { tenantId: 't1', clinicId: 'c1', accountId: 'a1', clinicName: 'Maple', balanceCents: 20_000, startedAt: new Date(T0).toISOString(), contact: { ...CONTACT } },
    'balance:t1:c1:a1',
    defaultPolicy(),
  );
const request = (eventId: string, requestId = 'hr-1') => ({ type: 'hardshipRequested' as const, fact: { eventId, requestId, source: 'pay_page' as const } });
const verify = { requestId: 'v1', outcome: { kind: 'longer_timeline' as const }, termMonths: 6, verifiedBy: { userId: 'u-staff', role: 'staff' as const } };

describe('hardshipRequested in the pure logic', () => {
  test.each([
    {
      name: 'a request pauses outreach and shows as the hardship stage',
      steps: (s: BalanceLogicState) => applyFact(s, request('e1'), T0 + 4 * MS_PER_DAY),
      at: 5,
      expect: { stage: 'hardship', pending: 'hr-1', decision: 'wait' },
    },
    {
      name: 'the same event again changes nothing; a second request while one waits keeps the first',
      steps: (s: BalanceLogicState) => {
        applyFact(s, request('e1'), T0 + 4 * MS_PER_DAY);
        applyFact(s, request('e1', 'hr-dup'), T0 + 5 * MS_PER_DAY);
        applyFact(s, request('e2', 'hr-2'), T0 + 6 * MS_PER_DAY);
      },
      at: 7,
      expect: { stage: 'hardship', pending: 'hr-1', decision: 'wait' },
    },
    {
      name: 'staff verification (applyHardship) ends the wait; the term pauses from then on',
      steps: (s: BalanceLogicState) => {
        applyFact(s, request('e1'), T0 + 4 * MS_PER_DAY);
        applyApplyHardship(s, verify, T0 + 6 * MS_PER_DAY);
      },
      at: 7,
      expect: { stage: 'hardship', pending: null, decision: 'wait' },
    },
    {
      name: `an unanswered request stops pausing after ${HARDSHIP_REQUEST_WAIT_DAYS} days`,
      steps: (s: BalanceLogicState) => applyFact(s, request('e1'), T0 + 4 * MS_PER_DAY),
      at: 4 + HARDSHIP_REQUEST_WAIT_DAYS + 7,
      expect: { stage: 'soft', pending: null, decision: 'send' },
    },
  ])('$name', ({ steps, at, expect: want }) => {
    const s = fresh();
    steps(s);
    const nowMs = T0 + at * MS_PER_DAY;
    const d = decide(s, nowMs);
    expect({ stage: stageOf(s, nowMs), pending: s.hardshipRequest?.requestId ?? null, decision: d.kind }).toEqual(want);
    if (want.decision === 'wait' && want.pending) expect(d.summary).toContain(`hardship request ${want.pending} awaiting verification`);
  });
});

const h = new BalanceHarness();
beforeAll(() => h.setUp(), 120_000);
afterEach(() => h.terminateRunning());
afterAll(() => h.tearDown());

describe('BalanceWorkflow journeys: hardship requested on the pay page', () => {
  test('outreach pauses while the request awaits verification; applyHardship takes over', async () => {
    const { handle, workflowId, record: r } = await h.start('hardship-requested', { balanceCents: 40_000 });
    await h.untilDay(r, 4);
    expect(r.sends.map((s) => s.request.stepKey)).toEqual(['text_pay_link']);
    await handle.signal(hardshipRequestedSignal, { eventId: 'pay-fact-1', requestId: 'hr-1', source: 'pay_page' });
    // Kafka redelivers: the same fact again changes nothing.
    await handle.signal(hardshipRequestedSignal, { eventId: 'pay-fact-1', requestId: 'hr-1', source: 'pay_page' });
    let view: BalanceView = await h.state(handle);
    expect(view).toMatchObject({ stage: 'hardship', hardshipRequest: { requestId: 'hr-1' }, hardship: null });
    expect(view.nextStep).toContain('hardship request hr-1 awaiting verification');
    await h.untilDay(r, 20);
    // The day-10 statement and day-18 email wait with the request.
    expect(r.sends.filter((s) => s.day > 4)).toEqual([]);

    const res = await handle.executeUpdate(applyHardshipUpdate, { args: [{ ...verify, requestId: 'verify-hr-1' }] });
    expect(res.reductionCents).toBe(0);
    view = await h.state(handle);
    expect(view).toMatchObject({ stage: 'hardship', hardshipRequest: null, hardship: { kind: 'longer_timeline' } });
    // The six-month term pauses outreach in turn; its end brings the re-verification call first.
    const reviewDay = (Date.parse(view.hardship!.reviewAt) - r.startMs) / DAY;
    await h.untilDay(r, reviewDay - 1);
    expect(r.sends.filter((s) => s.day > 4)).toEqual([]);
    await h.untilDay(r, reviewDay + 1);
    expect(r.sends.filter((s) => s.day > 4).map((s) => `${s.request.stepKey}:${s.channel}`)[0]).toBe('hardship-review-1:call');
    await h.payment(workflowId, 40_000);
    await handle.result();
    await record('hardship-requested-then-verified', handle);
  });

  test(`a request nobody verifies pauses outreach for ${HARDSHIP_REQUEST_WAIT_DAYS} days, then the cadence resumes`, async () => {
    const { handle, workflowId, record: r } = await h.start('hardship-unanswered');
    await h.untilDay(r, 4);
    await handle.signal(hardshipRequestedSignal, { eventId: 'pay-fact-2', requestId: 'hr-2', source: 'pay_page' });
    await h.untilDay(r, 4 + HARDSHIP_REQUEST_WAIT_DAYS - 0.5);
    expect(r.sends.filter((s) => s.day > 4)).toEqual([]);
    expect((await h.state(handle)).stage).toBe('hardship');
    await h.untilDay(r, 4 + HARDSHIP_REQUEST_WAIT_DAYS + 7);
    const after = r.sends.filter((s) => s.day > 4);
    // Paused 30 days from day 4: the day-10 statement goes out on day 40, where the cadence left off.
    expect(after[0]!.request.stepKey).toBe('statement_1');
    expect(after[0]!.day).toBeCloseTo(10 + HARDSHIP_REQUEST_WAIT_DAYS, 3);
    expect((await h.state(handle)).hardshipRequest).toBeNull();
    await h.payment(workflowId, 20_000);
    await handle.result();
    await record('hardship-requested-unanswered', handle);
  });
});
