import {
  chargeIdempotencyKey,
  freshProgress,
  nextPlanAction,
  planTimeMs,
  reminderChannelsFor,
  type InstallmentProgress,
  type PlanAction,
  type PlanClock,
  type PlanRulesView,
} from './plan-collection';
import { applyPayment, buildSchedule } from './plan-schedule';
import { MS_PER_DAY, toMs } from './local-time';

const NY = 'America/New_York';
// Three monthly installments of 100.00 due 2027-01-15, 02-15, 03-15 at 10:00 New York (15:00Z).
const schedule = buildSchedule({ totalCents: 30_000, installments: 3, firstDueDate: '2027-01-15', timeZone: NY });
const realClock: PlanClock = { anchorMs: toMs('2027-01-01T15:00:00Z'), dayLengthMs: MS_PER_DAY };
const at = (iso: string) => toMs(iso);
const day = MS_PER_DAY;
const due1 = at('2027-01-15T15:00:00Z');

const autopay: PlanRulesView = { retryScheduleDays: [1, 3, 7], autopay: true, reminderChannels: ['sms', 'email'] };
const byLink: PlanRulesView = { ...autopay, autopay: false };

const progress = (entries: Record<number, Partial<InstallmentProgress>>) =>
  new Map(Object.entries(entries).map(([seq, p]) => [Number(seq), { ...freshProgress(), ...p }]));

describe('nextPlanAction', () => {
  it.each<[string, PlanRulesView, Record<number, Partial<InstallmentProgress>>, number, PlanAction]>([
    ['reminder 2 days before the first due date, by text first', autopay, {}, realClock.anchorMs,
      { kind: 'remind', seq: 1, atMs: at('2027-01-13T15:00:00Z'), attempt: 1, channel: 'sms' }],
    ['text refused: the second reminder attempt goes by email', autopay, { 1: { reminderAttempts: 1, reminderChannelsRefused: ['sms'] } }, realClock.anchorMs,
      { kind: 'remind', seq: 1, atMs: at('2027-01-13T15:00:00Z'), attempt: 2, channel: 'email' }],
    ['reminder deferred by quiet hours waits until allowed', autopay, { 1: { reminderAttempts: 1, reminderDeferredUntilMs: at('2027-01-14T13:00:00Z') } }, realClock.anchorMs,
      { kind: 'remind', seq: 1, atMs: at('2027-01-14T13:00:00Z'), attempt: 2, channel: 'sms' }],
    ['reminder deferred past the due date is dropped: charge on the due date', autopay, { 1: { reminderDeferredUntilMs: due1 + 1 } }, realClock.anchorMs,
      { kind: 'charge', seq: 1, atMs: due1, attempt: 1, amountCents: 10_000 }],
    ['every channel refused: no reminder, charge on the due date', autopay, { 1: { reminderChannelsRefused: ['sms', 'email'] } }, realClock.anchorMs,
      { kind: 'charge', seq: 1, atMs: due1, attempt: 1, amountCents: 10_000 }],
    ['plan started after the due date: no reminder', autopay, {}, due1 + 1,
      { kind: 'charge', seq: 1, atMs: due1, attempt: 1, amountCents: 10_000 }],
    ['reminded: charge on the due date', autopay, { 1: { reminderDone: true } }, realClock.anchorMs,
      { kind: 'charge', seq: 1, atMs: due1, attempt: 1, amountCents: 10_000 }],
    ['soft decline once: retry one day later', autopay, { 1: { reminderDone: true, chargeAttempts: 1 } }, due1,
      { kind: 'charge', seq: 1, atMs: due1 + day, attempt: 2, amountCents: 10_000 }],
    ['soft decline twice: retry on day +3', autopay, { 1: { reminderDone: true, chargeAttempts: 2 } }, due1 + day,
      { kind: 'charge', seq: 1, atMs: due1 + 3 * day, attempt: 3, amountCents: 10_000 }],
    ['soft decline three times: last retry on day +7', autopay, { 1: { reminderDone: true, chargeAttempts: 3 } }, due1 + 3 * day,
      { kind: 'charge', seq: 1, atMs: due1 + 7 * day, attempt: 4, amountCents: 10_000 }],
    ['retries exhausted: call task now', autopay, { 1: { reminderDone: true, chargeAttempts: 4 } }, due1 + 7 * day,
      { kind: 'call', seq: 1, atMs: due1 + 7 * day, purpose: 'missed_installment' }],
    ['retries exhausted and called: default now', autopay, { 1: { reminderDone: true, chargeAttempts: 4, callTaskCreated: true } }, due1 + 7 * day,
      { kind: 'default', seq: 1, atMs: due1 + 7 * day, reason: 'retries_exhausted' }],
    ['hard decline: call task at once, no retry', autopay, { 1: { reminderDone: true, chargeAttempts: 1, hardDeclined: true } }, due1,
      { kind: 'call', seq: 1, atMs: due1, purpose: 'hard_decline' }],
    ['hard decline called: default on the last retry day unless paid by link', autopay, { 1: { reminderDone: true, chargeAttempts: 1, hardDeclined: true, callTaskCreated: true } }, due1,
      { kind: 'default', seq: 1, atMs: due1 + 7 * day, reason: 'hard_decline' }],
    ['pay by link: reminder first', byLink, {}, realClock.anchorMs,
      { kind: 'remind', seq: 1, atMs: at('2027-01-13T15:00:00Z'), attempt: 1, channel: 'sms' }],
    ['pay by link, unpaid: call task on the first retry day', byLink, { 1: { reminderDone: true } }, due1,
      { kind: 'call', seq: 1, atMs: due1 + day, purpose: 'missed_installment' }],
    ['pay by link, called: default on the last retry day', byLink, { 1: { reminderDone: true, callTaskCreated: true } }, due1 + day,
      { kind: 'default', seq: 1, atMs: due1 + 7 * day, reason: 'not_paid' }],
    ['no retry days: default on the due date itself', { ...autopay, retryScheduleDays: [] }, { 1: { reminderDone: true, chargeAttempts: 1, hardDeclined: true, callTaskCreated: true } }, due1,
      { kind: 'default', seq: 1, atMs: due1, reason: 'hard_decline' }],
  ])('%s', (_name, rules, p, now, expected) => {
    expect(nextPlanAction(schedule, progress(p), realClock, rules, now)).toEqual(expected);
  });

  it('moves on to installment 2 once installment 1 is paid, whatever happened to it', () => {
    const paid = applyPayment(schedule, 10_000).schedule;
    const action = nextPlanAction(paid, progress({ 1: { chargeAttempts: 2 } }), realClock, autopay, due1 + day);
    expect(action).toEqual({ kind: 'remind', seq: 2, atMs: at('2027-02-13T15:00:00Z'), attempt: 1, channel: 'sms' });
  });

  it('charges only what is still owed after a partial payment', () => {
    const partly = applyPayment(schedule, 2_500).schedule;
    const action = nextPlanAction(partly, progress({ 1: { reminderDone: true } }), realClock, autopay, due1);
    expect(action).toMatchObject({ kind: 'charge', seq: 1, amountCents: 7_500 });
  });

  it('is paid when nothing is owed', () => {
    expect(nextPlanAction(applyPayment(schedule, 30_000).schedule, new Map(), realClock, autopay, due1)).toEqual({ kind: 'paid' });
  });
});

describe('planTimeMs: policy days compress the calendar', () => {
  it.each<[string, number, string, number]>([
    ['real days: the instant itself', MS_PER_DAY, '2027-01-15T15:00:00Z', at('2027-01-15T15:00:00Z')],
    ['one-second days: 14 days after the anchor is 14 s after it', 1000, '2027-01-15T15:00:00Z', realClock.anchorMs + 14_000],
    ['one-second days: half a day is half a second', 1000, '2027-01-01T03:00:00Z', realClock.anchorMs - 500],
  ])('%s', (_name, dayLengthMs, instant, expected) => {
    expect(planTimeMs({ anchorMs: realClock.anchorMs, dayLengthMs }, instant)).toBe(expected);
  });

  it('retries are policy days: +1, +3, +7 with one-second days', () => {
    const clock = { anchorMs: realClock.anchorMs, dayLengthMs: 1000 };
    const due = realClock.anchorMs + 14_000;
    const attempts = [1, 2, 3, 4].map((n) =>
      nextPlanAction(schedule, progress({ 1: { reminderDone: true, chargeAttempts: n - 1 } }), clock, autopay, due),
    );
    expect(attempts.map((a) => (a as { atMs: number }).atMs - due)).toEqual([0, 1000, 3000, 7000]);
  });
});

describe('chargeIdempotencyKey and reminderChannelsFor', () => {
  it('keys a charge by plan, installment and attempt', () => {
    expect(chargeIdempotencyKey('p-1', 2, 3)).toBe('p-1:2:3');
  });

  it.each<[string, Parameters<typeof reminderChannelsFor>[0], string[]]>([
    ['text consent and email', { phone: '+15555550100', email: 'a@b.test', smsConsent: true }, ['sms', 'email']],
    ['no text consent', { phone: '+15555550100', email: 'a@b.test', smsConsent: false }, ['email']],
    ['email refused', { phone: '+15555550100', email: 'a@b.test', smsConsent: true, emailConsent: false }, ['sms']],
    ['nothing known', {}, []],
  ])('%s', (_name, contact, expected) => {
    expect(reminderChannelsFor(contact)).toEqual(expected);
  });
});
