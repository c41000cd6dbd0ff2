/**
 * Property test over the pure decision logic of BalanceWorkflow: thousands of random event sequences
 * (payments, disputes, rebills, opt-outs, plans, hardship, policy changes, duplicates, outreach answers,
 * placement answers, time passing). The test keeps its OWN model of the facts it sent and checks the
 * workflow's decisions against it, so a bug in the logic's own bookkeeping shows up as a violation:
 *  - no outreach once the balance is zero (or below);
 *  - no outreach while a dispute is open, while rebilled to insurance, or after deceased/bankruptcy;
 *  - never two sends for one step;
 *  - placement only when every gate holds (age window, balance, attempts, final notice lead, no hold, plan,
 *    hardship or dispute).
 */
import { defaultPolicy, parsePolicy, type Channel, type CollectionPolicy } from '../domain/policy';
import { MS_PER_DAY, localDateOf } from '../domain/local-time';
import type { BalanceStart } from '../shared/balance-types';
import type { AttemptOutcome } from '../shared/outreach-activities';
import {
  applyAcceptPlan,
  applyApplyHardship,
  applyFact,
  applyPromiseToPay,
  applyRouteAnswer,
  applySendOutcome,
  decide,
  initialState,
  responseDueDate,
  validateAcceptPlan,
  validateApplyHardship,
  validatePromiseToPay,
  type BalanceFact,
  type BalanceLogicState,
} from './balance-logic';

/** Small seeded PRNG (mulberry32) so a failing sequence can be reproduced from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}

const DAY = MS_PER_DAY;
const T0 = Date.parse('2026-03-02T15:00:00.000Z');
const CHANNELS: Channel[] = ['sms', 'email', 'letter', 'call'];

interface Model {
  balance: number;
  disputes: Set<string>;
  held: boolean;
  stopped: boolean;
  planActive: string | null;
  hardshipUntil: number | null;
  sentSteps: Set<string>;
  attempts: Record<Channel, number>;
  finalNoticeAt: number | null;
  placed: boolean;
  eventIds: string[];
}

function startFor(balanceCents: number, policy: CollectionPolicy): BalanceStart {
  return {
    tenantId: 't1',
    clinicId: 'c1',
    accountId: 'a1',
    clinicName: 'Clinic',
    balanceCents,
    startedAt: new Date(T0).toISOString(),
    dayLengthMs: policy.dayLengthMs,
    contact: { firstName: 'X', email: 'x@example.test', phone: '+13125550100', timeZone: 'America/Chicago', smsConsent: true },
  };
}

interface Violation {
  seed: number;
  step: number;
  what: string;
}

function runSequence(seed: number): { violations: Violation[]; sends: number; placements: number; completes: number } {
  const r = rng(seed);
  const policy = defaultPolicy();
  const balance0 = r.int(1, 40) * 2_500;
  const s: BalanceLogicState = initialState(startFor(balance0, policy), 'balance:t1:c1:a1', policy);
  const m: Model = {
    balance: balance0,
    disputes: new Set(),
    held: false,
    stopped: false,
    planActive: null,
    hardshipUntil: null,
    sentSteps: new Set(),
    attempts: { sms: 0, email: 0, letter: 0, call: 0 },
    finalNoticeAt: null,
    placed: false,
    eventIds: [],
  };
  const violations: Violation[] = [];
  let now = T0;
  let n = 0;
  let sends = 0;
  let placements = 0;
  let completes = 0;
  /** Event IDs the logic has been given; a redelivery of one must change nothing. */
  const given = new Set<string>();
  const fact = (f: BalanceFact) => {
    const id = (f.fact as { eventId?: string }).eventId;
    if (id !== undefined) given.add(id);
    return applyFact(s, f, now);
  };
  const newId = () => {
    const id = `e${n}-${m.eventIds.length}`;
    m.eventIds.push(id);
    return id;
  };

  for (let step = 0; step < 80; step++) {
    n = step;
    // Random facts first, sometimes several, sometimes a duplicate of an earlier event.
    while (r.chance(0.35)) {
      const kind = r.int(0, 15);
      const eventId = r.chance(0.1) && m.eventIds.length > 0 ? r.pick(m.eventIds) : newId();
      const duplicate = given.has(eventId);
      switch (kind) {
        case 0:
        case 1: {
          const amount = Math.min(m.balance, r.int(1, 4) * 2_500);
          if (amount <= 0) break;
          const after = m.balance - amount;
          fact({ type: 'paymentReceived', fact: { eventId, paymentId: `p-${eventId}`, amountCents: amount, balanceCents: after, source: 'pay_link' } });
          if (!duplicate) m.balance = after;
          if (m.placed && !duplicate) m.placed = false; // recalled
          break;
        }
        case 2: {
          const ref = `D${r.int(1, 3)}`;
          fact({ type: 'disputeOpened', fact: { eventId, disputeRef: ref } });
          if (!duplicate) {
            m.disputes.add(ref);
            m.placed = false;
          }
          break;
        }
        case 3: {
          const ref = `D${r.int(1, 3)}`;
          fact({ type: 'disputeResolved', fact: { eventId, disputeRef: ref, outcome: 'upheld' } });
          if (!duplicate) m.disputes.delete(ref);
          break;
        }
        case 4:
          fact({ type: 'rebilled', fact: { eventId } });
          if (!duplicate) {
            m.held = true;
            m.placed = false;
          }
          break;
        case 5:
          fact({ type: 'rebillResolved', fact: { eventId } });
          if (!duplicate) m.held = false;
          break;
        case 6:
          fact({ type: 'optedOut', fact: { eventId, channels: [r.pick(CHANNELS)] } });
          break;
        case 7:
          fact({ type: 'mailReturned', fact: { eventId } });
          break;
        case 8:
          fact({ type: 'callOutcome', fact: { eventId, outcome: r.pick(['reached', 'voicemail', 'no_answer', 'wrong_number', 'plan_requested'] as const) } });
          break;
        case 9:
          fact({ type: 'complaint', fact: { eventId, severity: r.chance(0.5) ? 'high' : 'low' } });
          break;
        case 10: {
          const v = s.policy.version + 1;
          const p = parsePolicy({
            ...s.policy,
            version: v,
            cadence: s.policy.cadence.map((c) => (c.kind === 'final_notice' ? c : { ...c, dayOffset: Math.max(0, Math.min(59, c.dayOffset + r.int(-2, 2))) })).sort((a, b) => a.dayOffset - b.dayOffset),
          });
          fact({ type: 'policyChanged', fact: { eventId, policy: p } });
          break;
        }
        case 11: {
          const after = r.chance(0.5) ? m.balance + 1_000 : Math.max(0, m.balance - 1_000);
          fact({ type: 'ledgerChanged', fact: { eventId, balanceCents: after, reason: 'adjustment.posted' } });
          if (!duplicate) m.balance = after;
          break;
        }
        case 12:
          if (m.planActive) {
            const planId = m.planActive;
            fact({ type: 'planFinished', fact: { planId, status: 'defaulted', remainingCents: m.balance, paidCents: 0, missedInstallments: 1 } });
            m.planActive = null;
          }
          break;
        case 13: {
          const v = validateAcceptPlan(s, { requestId: `rq-${eventId}`, installments: r.int(2, 8), firstDueDate: localDateOf(now + 5 * DAY, 'America/Chicago'), autopay: false }, now);
          if (v.ok) {
            const { result } = applyAcceptPlan(s, { requestId: `rq-${eventId}`, installments: 3, firstDueDate: localDateOf(now + 5 * DAY, 'America/Chicago'), autopay: false }, now, undefined);
            m.planActive = result.planId;
          }
          break;
        }
        case 14: {
          const req = { requestId: `h-${eventId}`, outcome: { kind: 'longer_timeline' as const }, termMonths: 6, verifiedBy: { userId: 'u', role: 'staff' as const } };
          if (validateApplyHardship(s, req, now).ok) {
            const { result } = applyApplyHardship(s, req, now);
            m.hardshipUntil = Date.parse(result.reviewAt);
          }
          break;
        }
        case 15: {
          if (r.chance(0.15)) {
            fact({ type: 'outreachStopped', fact: { eventId, reason: 'deceased' } });
            if (!duplicate) m.stopped = true;
          } else {
            const req = { requestId: `ptp-${eventId}`, by: new Date(now + r.int(1, 20) * DAY).toISOString(), amountCents: 100 };
            if (validatePromiseToPay(s, req, now).ok) applyPromiseToPay(s, req, now);
          }
          break;
        }
      }
    }
    if (m.hardshipUntil !== null && m.hardshipUntil <= now) m.hardshipUntil = null;

    const d = decide(s, now);
    const bad = (what: string) => violations.push({ seed, step, what });
    if (d.kind === 'complete') {
      completes++;
      if (m.balance > 0 && s.resolution !== 'settled') bad(`completed with balance ${m.balance}`);
      break;
    }
    if (d.kind === 'send') {
      sends++;
      if (m.balance <= 0) bad(`send ${d.stepKey} with balance ${m.balance}`);
      if (m.disputes.size > 0) bad(`send ${d.stepKey} while disputed`);
      if (m.held) bad(`send ${d.stepKey} while held`);
      if (m.stopped) bad(`send ${d.stepKey} after stop`);
      if (m.sentSteps.has(d.stepKey)) bad(`second send for step ${d.stepKey}`);
      if (d.attemptKey !== `balance:t1:c1:a1:${d.stepKey}:${d.attempt}`) bad(`attempt key ${d.attemptKey}`);
      const roll = r.next();
      let outcome: AttemptOutcome;
      if (roll < 0.7) outcome = { status: 'sent', attemptId: d.attemptKey };
      else if (roll < 0.85) outcome = { status: 'deferred', attemptId: d.attemptKey, until: new Date(now + r.int(1, 12) * 3_600_000).toISOString(), rule: 'quiet_hours' };
      else outcome = { status: 'not_possible', attemptId: d.attemptKey, reason: r.pick(['opted_out', 'bad_number', 'bad_email', 'address_undeliverable'] as const), rule: 'x' };
      applySendOutcome(s, d, outcome, now);
      if (outcome.status === 'sent') {
        m.sentSteps.add(d.stepKey);
        m.attempts[d.channel]++;
        if (d.finalNotice) m.finalNoticeAt = now;
      }
      continue;
    }
    if (d.kind === 'place') {
      placements++;
      const pl = s.policy.placement;
      const age = Math.floor((now - T0) / DAY);
      const total = CHANNELS.reduce((x, c) => x + m.attempts[c], 0);
      if (age < pl.windowStartDay || age > pl.windowEndDay) bad(`placement on day ${age}`);
      if (m.balance < pl.minBalanceCents) bad(`placement with balance ${m.balance}`);
      if (total < pl.minAttempts.total) bad(`placement after ${total} attempts`);
      for (const c of CHANNELS) if (m.attempts[c] < pl.minAttempts.byChannel[c]) bad(`placement with ${m.attempts[c]} ${c} attempts`);
      if (m.finalNoticeAt === null || now - m.finalNoticeAt < pl.finalNoticeLeadDays * DAY) bad('placement without final notice lead');
      if (m.disputes.size > 0 || m.held || m.stopped || m.planActive || m.hardshipUntil !== null) bad('placement with a hold');
      if (m.placed) bad('placed twice');
      const rejected = r.chance(0.2);
      applyRouteAnswer(s, rejected ? { rejected: { failedGates: ['min_balance'], reason: 'x' } } : { agencyId: 'ag', placementWorkflowId: 'pw' }, now);
      if (!rejected) {
        m.placed = true;
        if (r.chance(0.7)) fact({ type: 'placementAccepted', fact: { agencyId: 'ag', placementId: `pl-${step}`, placementWorkflowId: 'pw' } });
      }
      continue;
    }
    // Waiting: the clock moves to the wake-up time or, with no timer, a random few days.
    const until = d.until === null ? now + r.int(1, 15) * DAY : Date.parse(d.until);
    if (until <= now) bad(`wait until ${d.until} is not in the future`);
    now = r.chance(0.8) ? Math.max(until, now + 1) : now + r.int(1, 5) * DAY;
  }
  return { violations, sends, placements, completes };
}

describe('BalanceWorkflow decision logic: properties over random event sequences', () => {
  test('1,000 sequences keep every invariant', () => {
    const all: Violation[] = [];
    let sends = 0;
    let placements = 0;
    let completes = 0;
    for (let seed = 1; seed <= 1_000; seed++) {
      const out = runSequence(seed);
      all.push(...out.violations);
      sends += out.sends;
      placements += out.placements;
      completes += out.completes;
    }
    expect(all.slice(0, 10)).toEqual([]);
    // The sequences really exercise the paths the invariants are about.
    expect(sends).toBeGreaterThan(2_000);
    expect(placements).toBeGreaterThan(20);
    expect(completes).toBeGreaterThan(100);
  });
});

describe('responseDueDate: the pay-by date a message names, in the patient\'s time zone', () => {
  const withLead = (days: number) => parsePolicy({ ...defaultPolicy(), placement: { ...defaultPolicy().placement, finalNoticeLeadDays: days } });
  const cases: Array<{ name: string; policy: CollectionPolicy; at: string; finalNotice: boolean; expected: string }> = [
    { name: 'a reminder gives 14 days', policy: defaultPolicy(), at: '2026-03-02T15:00:00Z', finalNotice: false, expected: '2026-03-16' },
    { name: 'a final notice names the first day placement is allowed (30 days by default)', policy: defaultPolicy(), at: '2026-03-02T15:00:00Z', finalNotice: true, expected: '2026-04-01' },
    { name: 'the lead time follows the policy', policy: withLead(20), at: '2026-03-02T15:00:00Z', finalNotice: true, expected: '2026-03-22' },
    { name: 'the date is local: 03:00 UTC is still the evening before in Chicago', policy: defaultPolicy(), at: '2026-03-02T03:00:00Z', finalNotice: false, expected: '2026-03-15' },
    { name: 'a demo policy with 10-second days lands on the same local day', policy: defaultPolicy({ dayLengthMs: 10_000 }), at: '2026-03-02T15:00:00Z', finalNotice: true, expected: '2026-03-02' },
  ];
  it.each(cases)('$name', ({ policy, at, finalNotice, expected }) => {
    const s = initialState(startFor(10_000, policy), 'balance:t1:c1:a1', policy);
    expect(responseDueDate(s, finalNotice, Date.parse(at))).toBe(expected);
  });
});
