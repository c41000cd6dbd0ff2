/**
 * Every scorecard formula against a hand-built data set with known answers, in the real Postgres test database
 * (accounts' schema and migrations). Each case builds its own tenant, so its figures are exact and no other
 * case (or test file) can move them. Facts go through the projector's own mapping (factsOf) from messages
 * shaped as the services publish them, so a fact the projector should ignore (a queued call task) is ignored.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Topics } from '@courtesy/contracts';
import { databaseOptions } from '@courtesy/service-kit';
import { database } from '../src';
import { METRICS, type MetricId } from '../src/scorecard/metric-definitions';
import { factsOf, record } from '../src/scorecard/scorecard-projector';
import { ScorecardService, scorecardCsv, type Scorecard } from '../src/scorecard/scorecard.service';

const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
/** A Wednesday: the current week began Monday 2026-03-02; the last complete week is 2026-02-23. */
const AS_OF = new Date('2026-03-04T12:00:00Z');

let db: DataSource;
let service: ScorecardService;

beforeAll(async () => {
  db = new DataSource(
    databaseOptions(
      {
        DATABASE_URL: 'postgres://accounts:accounts@127.0.0.1:5432/courtesy_test',
        DATABASE_SCHEMA: 'accounts',
        DATABASE_POOL_SIZE: 2,
      },
      { entities: database.entities, migrations: database.migrations },
    ),
  );
  await db.initialize();
  service = new ScorecardService(db);
});

afterAll(async () => {
  await db?.destroy();
});

/** One tenant's hand-built books: clinics, accounts, ledger lines and published facts. */
class Books {
  readonly tenantId = `sc-${run}-${randomBytes(2).toString('hex')}`;
  private n = 0;

  async clinic(clinicId: string) {
    await db.query(
      `insert into clinics (tenant_id, clinic_id, name, time_zone) values ($1, $2, $3, 'America/Chicago')`,
      [this.tenantId, clinicId, `Clinic ${clinicId}`],
    );
  }

  /** An account whose balance first became positive at `firstOwed`, with its ledger lines (signed cents). */
  async account(
    clinicId: string,
    firstOwed: string | null,
    lines: Array<[kind: string, cents: number, at: string]> = [],
  ) {
    const ref = `A-${++this.n}`;
    const balance = lines.reduce((s, [, c]) => s + c, 0);
    const [row] = await db.query(
      `insert into accounts (tenant_id, clinic_id, account_ref, balance_cents, first_positive_at) values ($1, $2, $3, $4, $5) returning id`,
      [this.tenantId, clinicId, ref, balance, firstOwed],
    );
    for (const [kind, cents, at] of lines) {
      await db.query(
        `insert into ledger_entries (account_id, event_id, kind, amount_cents, occurred_at) values ($1, $2, $3, $4, $5)`,
        [row.id, randomUUID(), kind, cents, at],
      );
    }
    return { id: row.id as string, ref, clinicId };
  }

  /** Publishes a fact the way its service would, through the projector's mapping. */
  async fact(topic: string, message: Record<string, unknown>) {
    await record(db, factsOf(topic, message));
  }

  outreach(
    a: { id: string; clinicId: string },
    type: string,
    at: string,
    extra: Record<string, unknown> = {},
  ) {
    return this.fact(Topics.outreachEvents, {
      eventId: `o-${randomUUID()}`,
      occurredAt: at,
      tenantId: this.tenantId,
      clinicId: a.clinicId,
      accountId: a.id,
      workflowId: `balance:${this.tenantId}:${a.clinicId}:${a.id}`,
      type,
      ...extra,
    });
  }

  sent(a: { id: string; clinicId: string }, channel: string, at: string) {
    return this.outreach(a, 'outreach.attempt_sent', at, {
      attemptId: `att-${randomUUID()}`,
      channel,
      sentAt: at,
    });
  }

  payments(a: { id: string; clinicId: string }, type: string, at: string, extra: Record<string, unknown>) {
    return this.fact(Topics.paymentsEvents, {
      eventId: `p-${randomUUID()}`,
      occurredAt: at,
      tenantId: this.tenantId,
      clinicId: a.clinicId,
      accountId: a.id,
      type,
      ...extra,
    });
  }

  placement(a: { id: string; clinicId: string }, type: string, at: string, extra: Record<string, unknown>) {
    return this.fact(Topics.placementEvents, {
      eventId: `pl-${randomUUID()}`,
      schemaVersion: 1,
      occurredAt: at,
      tenantId: this.tenantId,
      clinicId: a.clinicId,
      accountId: a.id,
      agencyId: 'ace',
      placementId: `pl-${randomUUID()}`,
      type,
      ...extra,
    });
  }

  /** An EHR event as the gateway stores it on ehr.events.v1 (the account named by the integrator's reference). */
  ehr(a: { ref: string; clinicId: string }, type: string, at: string, data: Record<string, unknown>) {
    return this.fact(Topics.ehrEvents, {
      schemaVersion: 1,
      tenantId: this.tenantId,
      receivedAt: at,
      event: {
        id: `e-${randomUUID()}`,
        type,
        occurredAt: at,
        clinicId: a.clinicId,
        data: { schemaVersion: 1, accountRef: a.ref, ...data },
      },
    });
  }

  scorecard(clinicId: string | null = null) {
    return service.scorecard(this.tenantId, clinicId, AS_OF, 12);
  }
}

/** The value of one metric (and segment) in the week starting `week` (YYYY-MM-DD, a Monday). */
function figure(s: Scorecard, metric: MetricId, week: string, segment: string | null = null) {
  const m = s.metrics.find((x) => x.id === metric)!;
  const series = m.series.find((x) => x.segment === segment)!;
  const point = series.points.find((p) => p.weekStart.startsWith(week));
  if (!point) throw new Error(`no point for ${metric} in week ${week}`);
  return point.value;
}

interface Case {
  metric: MetricId;
  build: (b: Books) => Promise<void>;
  /** [week, segment, expected value, clinic scope] */
  expect: Array<[week: string, segment: string | null, value: number | null, clinicId?: string]>;
}

const cases: Case[] = [
  {
    metric: 'days_to_first_contact',
    build: async (b) => {
      await b.clinic('c1');
      await b.clinic('c2');
      const a1 = await b.account('c1', '2026-02-20T00:00:00Z');
      await b.sent(a1, 'sms', '2026-02-23T12:00:00Z'); // 3.5 days: the first contact
      await b.sent(a1, 'email', '2026-02-25T00:00:00Z'); // a later contact changes nothing
      const a2 = await b.account('c1', '2026-02-17T00:00:00Z');
      await b.outreach(a2, 'outreach.call_outcome', '2026-02-27T00:00:00Z', {
        attemptId: 'call-1',
        outcome: 'no_answer',
      }); // 10 days
      const a3 = await b.account('c1', '2026-02-10T00:00:00Z');
      await b.sent(a3, 'call', '2026-02-24T00:00:00Z'); // a queued call task is no contact
      await b.sent(a3, 'letter', '2026-03-03T00:00:00Z'); // 21 days, in the current week
      const a4 = await b.account('c2', '2026-02-23T00:00:00Z');
      await b.sent(a4, 'sms', '2026-02-24T00:00:00Z'); // 1 day, other clinic
    },
    expect: [
      ['2026-02-23', null, 4.83], // (3.5 + 10 + 1) / 3
      ['2026-03-02', null, 21],
      ['2026-02-16', null, null],
      ['2026-02-23', null, 6.75, 'c1'], // (3.5 + 10) / 2
      ['2026-02-23', null, 1, 'c2'],
    ],
  },
  {
    metric: 'patient_pay_yield',
    build: async (b) => {
      await b.clinic('c1');
      await b.account('c1', '2025-11-15T00:00:00Z', [
        ['charge', 10_000, '2025-11-15T00:00:00Z'], // before every window
        ['insurance_paid', -10_000, '2025-11-15T00:00:00Z'],
        ['patient_payment', -1_000, '2025-11-20T00:00:00Z'],
        ['charge', 20_000, '2026-01-10T00:00:00Z'],
        ['insurance_paid', -12_000, '2026-01-20T00:00:00Z'],
        ['contractual_adjustment', -3_000, '2026-01-20T00:00:00Z'], // responsibility 5,000
        ['adjustment', -500, '2026-01-25T00:00:00Z'], // a write-off is neither paid nor owed
        ['patient_payment', -2_000, '2026-02-01T00:00:00Z'],
      ]);
      await b.account('c1', '2026-02-25T00:00:00Z', [
        ['charge', 4_000, '2026-02-25T00:00:00Z'],
        ['patient_payment', -1_000, '2026-02-27T00:00:00Z'],
        ['patient_payment', -1_500, '2026-03-03T00:00:00Z'],
      ]);
    },
    expect: [
      ['2026-02-16', null, 40], // 2,000 / 5,000 over [2025-11-24, 2026-02-23)
      ['2026-02-23', null, 33.33], // 3,000 / 9,000
      ['2026-03-02', null, 50], // 4,500 / 9,000 up to the as-of instant
    ],
  },
  {
    metric: 'promise_kept',
    build: async (b) => {
      await b.clinic('c1');
      // Monthly plan of 3 for 100.00 from 2026-01-15: 33.34 due first, then 33.33 twice.
      const p1 = await b.account('c1', '2026-01-01T00:00:00Z', [
        ['charge', 10_000, '2026-01-01T00:00:00Z'],
        ['patient_payment', -3_334, '2026-01-14T00:00:00Z'], // on time
        ['patient_payment', -3_333, '2026-02-16T10:00:00Z'], // a day late for 2026-02-15
      ]);
      await b.payments(p1, 'plan.chosen', '2026-01-05T00:00:00Z', {
        requestId: 'r1',
        installments: 3,
        firstDueDate: '2026-01-15',
        totalCents: 10_000,
        autopay: false,
      });
      // A scheduled payment kept on its day (23:00 UTC).
      const p2 = await b.account('c1', '2026-02-01T00:00:00Z', [
        ['charge', 5_000, '2026-02-01T00:00:00Z'],
        ['patient_payment', -5_000, '2026-02-13T23:00:00Z'],
      ]);
      await b.payments(p2, 'payment.scheduled', '2026-02-10T00:00:00Z', {
        requestId: 'r2',
        amountCents: 5_000,
        payOn: '2026-02-13',
        cardOnFileId: 'card-1',
      });
      // A promise on a call, broken; the payment before the promise does not count.
      const p3 = await b.account('c1', '2026-01-20T00:00:00Z', [
        ['charge', 9_000, '2026-01-20T00:00:00Z'],
        ['patient_payment', -2_000, '2026-02-01T00:00:00Z'],
      ]);
      await b.outreach(p3, 'outreach.call_outcome', '2026-02-11T00:00:00Z', {
        attemptId: 'call-p3',
        outcome: 'promise_to_pay',
        promiseBy: '2026-02-14T23:59:59.000Z',
        promiseAmountCents: 2_000,
      });
      // Every 14 days, 2 installments of 30.01: the first carries the odd cent (15.01), so 15.00 misses it.
      const p4 = await b.account('c1', '2026-01-25T00:00:00Z', [
        ['charge', 3_001, '2026-01-25T00:00:00Z'],
        ['patient_payment', -1_500, '2026-02-01T00:00:00Z'],
        ['patient_payment', -1_501, '2026-02-16T12:00:00Z'],
      ]);
      await b.payments(p4, 'plan.chosen', '2026-01-30T00:00:00Z', {
        requestId: 'r4',
        installments: 2,
        firstDueDate: '2026-02-02',
        intervalDays: 14,
        totalCents: 3_001,
        autopay: true,
      });
    },
    expect: [
      ['2026-01-12', null, 100], // p1 #1
      ['2026-02-02', null, 0], // p4 #1
      ['2026-02-09', null, 33.33], // p1 #2 late, p2 kept, p3 broken
      ['2026-02-16', null, 100], // p4 #2
      ['2026-02-23', null, null], // nothing due (p1 #3 is due 2026-03-15)
    ],
  },
  {
    metric: 'dispute_resolution_days',
    build: async (b) => {
      await b.clinic('c1');
      const a1 = await b.account('c1', '2026-01-01T00:00:00Z');
      await b.ehr(a1, 'dispute.opened', '2026-02-20T00:00:00Z', {
        disputeRef: 'd1',
        reason: 'other',
        channel: 'phone',
        description: 'x',
      });
      await b.ehr(a1, 'dispute.resolved', '2026-02-24T12:00:00Z', {
        disputeRef: 'd1',
        outcome: 'rejected',
        cause: 'none',
        resolution: 'x',
      }); // 4.5
      const a2 = await b.account('c1', '2026-01-01T00:00:00Z');
      await b.payments(a2, 'dispute.requested', '2026-02-10T00:00:00Z', {
        requestId: 'q2',
        reason: 'other',
        description: 'x',
      });
      await b.ehr(a2, 'dispute.resolved', '2026-02-25T00:00:00Z', {
        disputeRef: 'pp-q2',
        outcome: 'upheld',
        cause: 'clinic_error',
        resolution: 'x',
      }); // 15
      const a3 = await b.account('c1', '2026-01-01T00:00:00Z');
      await b.ehr(a3, 'dispute.opened', '2026-02-16T00:00:00Z', {
        disputeRef: 'd3',
        reason: 'other',
        channel: 'phone',
        description: 'x',
      });
      await b.ehr(a3, 'dispute.resolved', '2026-02-17T06:00:00Z', {
        disputeRef: 'd3',
        outcome: 'withdrawn',
        cause: 'none',
        resolution: 'x',
      }); // 1.25
      await b.ehr(a3, 'dispute.opened', '2026-02-26T00:00:00Z', {
        disputeRef: 'd4',
        reason: 'other',
        channel: 'phone',
        description: 'x',
      }); // still open
    },
    expect: [
      ['2026-02-23', null, 9.75],
      ['2026-02-16', null, 1.25],
      ['2026-03-02', null, null],
    ],
  },
  {
    metric: 'recovery_rate',
    build: async (b) => {
      await b.clinic('c1');
      // Fresh (day 22 when the week began): 25.00 of 100.00.
      await b.account('c1', '2026-02-01T00:00:00Z', [
        ['charge', 10_000, '2026-02-01T00:00:00Z'],
        ['patient_payment', -2_500, '2026-02-24T00:00:00Z'],
      ]);
      // Early stall: day 53 (nothing paid) and day 40 with a high balance but no engagement (60.00 paid).
      await b.account('c1', '2026-01-01T00:00:00Z', [['charge', 20_000, '2026-01-01T00:00:00Z']]);
      await b.account('c1', '2026-01-14T00:00:00Z', [
        ['charge', 60_000, '2026-01-14T00:00:00Z'],
        ['patient_payment', -6_000, '2026-02-25T00:00:00Z'],
      ]);
      // Documentation doubt: a dispute open when the week began.
      const d = await b.account('c1', '2025-12-01T00:00:00Z', [
        ['charge', 8_000, '2025-12-01T00:00:00Z'],
        ['patient_payment', -800, '2026-02-25T00:00:00Z'],
      ]);
      await b.ehr(d, 'dispute.opened', '2026-02-01T00:00:00Z', {
        disputeRef: 'dd',
        reason: 'other',
        channel: 'phone',
        description: 'x',
      });
      // A dispute resolved before the week: silent and aged (day 100) instead.
      const d2 = await b.account('c1', '2025-11-15T00:00:00Z', [['charge', 5_000, '2025-11-15T00:00:00Z']]);
      await b.ehr(d2, 'dispute.opened', '2026-01-05T00:00:00Z', {
        disputeRef: 'dx',
        reason: 'other',
        channel: 'phone',
        description: 'x',
      });
      await b.ehr(d2, 'dispute.resolved', '2026-01-10T00:00:00Z', {
        disputeRef: 'dx',
        outcome: 'rejected',
        cause: 'none',
        resolution: 'x',
      });
      // High-value engaged: 800.00 owed, reached on a call before the week.
      const h = await b.account('c1', '2026-01-10T00:00:00Z', [
        ['charge', 80_000, '2026-01-10T00:00:00Z'],
        ['patient_payment', -20_000, '2026-02-26T00:00:00Z'],
      ]);
      await b.outreach(h, 'outreach.call_outcome', '2026-02-15T00:00:00Z', {
        attemptId: 'call-h',
        outcome: 'reached',
      });
      // Silent and aged: 30.00 of 150.00.
      await b.account('c1', '2025-11-01T00:00:00Z', [
        ['charge', 15_000, '2025-11-01T00:00:00Z'],
        ['patient_payment', -3_000, '2026-02-27T00:00:00Z'],
      ]);
      // A balance that began during the week is in no denominator, and its payment counts nowhere.
      await b.account('c1', '2026-02-24T00:00:00Z', [
        ['charge', 7_000, '2026-02-24T00:00:00Z'],
        ['patient_payment', -7_000, '2026-02-25T00:00:00Z'],
      ]);
    },
    expect: [
      ['2026-02-23', 'fresh', 25],
      ['2026-02-23', 'early_stall', 7.5], // 6,000 / 80,000
      ['2026-02-23', 'documentation_doubt', 10],
      ['2026-02-23', 'high_value_engaged', 25],
      ['2026-02-23', 'silent_aged', 15], // 3,000 / 20,000
    ],
  },
  {
    metric: 'complaints_per_1000_contacts',
    build: async (b) => {
      await b.clinic('c1');
      const a = await b.account('c1', '2026-02-01T00:00:00Z');
      await b.sent(a, 'sms', '2026-02-23T10:00:00Z');
      await b.sent(a, 'email', '2026-02-24T10:00:00Z');
      await b.sent(a, 'letter', '2026-02-25T10:00:00Z');
      await b.sent(a, 'call', '2026-02-26T10:00:00Z'); // queued, not a contact
      await b.outreach(a, 'outreach.call_outcome', '2026-02-27T10:00:00Z', {
        attemptId: 'c',
        outcome: 'voicemail',
      });
      await b.ehr(a, 'complaint.logged', '2026-02-28T10:00:00Z', {
        complaintRef: 'k1',
        channel: 'phone',
        category: 'tone',
        severity: 'low',
        description: 'x',
      });
      await b.ehr(a, 'complaint.logged', '2026-02-18T10:00:00Z', {
        complaintRef: 'k0',
        channel: 'phone',
        category: 'tone',
        severity: 'low',
        description: 'x',
      });
    },
    expect: [
      ['2026-02-23', null, 250], // 1 complaint per 4 contacts
      ['2026-02-16', null, null], // no contacts to divide by
    ],
  },
  {
    metric: 'percent_placed',
    build: async (b) => {
      await b.clinic('c1');
      const placed = await b.account('c1', '2025-10-01T00:00:00Z', [
        ['charge', 9_000, '2025-10-01T00:00:00Z'],
      ]);
      for (let i = 0; i < 3; i++)
        await b.account('c1', '2026-01-01T00:00:00Z', [['charge', 1_000, '2026-01-01T00:00:00Z']]);
      await b.account('c1', '2026-01-01T00:00:00Z', [
        ['charge', 1_000, '2026-01-01T00:00:00Z'],
        ['patient_payment', -1_000, '2026-01-02T00:00:00Z'],
      ]); // owes nothing
      await b.placement(placed, 'placement.accepted', '2026-02-24T00:00:00Z', {
        batchId: 'b1',
        balanceCents: 9_000,
        ageBucketMinDays: 120,
      });
      await b.placement(placed, 'placement.accepted', '2026-02-25T00:00:00Z', {
        batchId: 'b2',
        balanceCents: 9_000,
        ageBucketMinDays: 120,
      }); // same account
    },
    expect: [
      ['2026-02-23', null, 25], // 1 of 4 owing
      ['2026-02-16', null, 0],
    ],
  },
  {
    metric: 'net_recovery_cents',
    build: async (b) => {
      await b.clinic('c1');
      const a = await b.account('c1', '2025-10-01T00:00:00Z', [
        ['charge', 50_000, '2025-10-01T00:00:00Z'],
        ['patient_payment', -500, '2026-02-17T00:00:00Z'],
        ['patient_payment', -10_000, '2026-02-24T00:00:00Z'], // pay page
        ['patient_payment', -4_000, '2026-02-25T00:00:00Z'], // collected by the agency
      ]);
      await b.placement(a, 'placement.agency_payment_collected', '2026-02-25T00:00:00Z', {
        updateRef: 'u1',
        amountCents: 4_000,
        commissionCents: 1_000,
      });
    },
    expect: [
      ['2026-02-23', null, 13_000],
      ['2026-02-16', null, 500],
    ],
  },
  {
    metric: 'dso_days',
    build: async (b) => {
      await b.clinic('c1');
      await b.account('c1', '2026-01-05T00:00:00Z', [
        ['charge', 30_000, '2026-01-05T00:00:00Z'],
        ['insurance_paid', -20_000, '2026-01-15T00:00:00Z'],
        ['contractual_adjustment', -1_000, '2026-01-15T00:00:00Z'],
        ['patient_payment', -4_000, '2026-02-01T00:00:00Z'],
      ]); // owes 5,000
      await b.account('c1', '2026-02-20T00:00:00Z', [['charge', 9_200, '2026-02-20T00:00:00Z']]); // owes 9,200
      await b.account('c1', '2026-01-10T00:00:00Z', [
        ['charge', 1_000, '2026-01-10T00:00:00Z'],
        ['patient_payment', -1_800, '2026-01-11T00:00:00Z'],
      ]); // in credit: 0
      await b.account('c1', '2025-11-01T00:00:00Z', [['charge', 3_000, '2025-11-01T00:00:00Z']]); // owed, posted before the window
    },
    expect: [
      ['2026-02-23', null, 81.52], // 17,200 owed / (19,200 posted / 91 days)
    ],
  },
];

describe('scorecard formulas on a hand-built data set', () => {
  test.each(cases.map((c) => [c.metric, c] as const))('%s', async (_name, c) => {
    const books = new Books();
    await c.build(books);
    const scopes = new Map<string | null, Scorecard>();
    for (const [week, segment, value, clinicId] of c.expect) {
      const scope = clinicId ?? null;
      if (!scopes.has(scope)) scopes.set(scope, await books.scorecard(scope));
      expect({ week, segment, clinicId, value: figure(scopes.get(scope)!, c.metric, week, segment) }).toEqual(
        { week, segment, clinicId, value },
      );
    }
  });

  test('12 weekly points per metric, Monday to Monday UTC, ending with the current week', async () => {
    const books = new Books();
    await books.clinic('c1');
    const s = await books.scorecard();
    expect(s.weeks).toHaveLength(12);
    expect(s.weeks[0]).toBe('2025-12-15T00:00:00.000Z');
    expect(s.weeks[11]).toBe('2026-03-02T00:00:00.000Z');
    for (const m of s.metrics) {
      expect(m.series.length).toBe(m.bySegment ? 5 : 1);
      for (const series of m.series) expect(series.points.map((p) => p.weekStart)).toEqual(s.weeks);
    }
    expect(s.clinics).toEqual([{ clinicId: 'c1', name: 'Clinic c1' }]);
  });

  test('a redelivered fact is counted once', async () => {
    const books = new Books();
    await books.clinic('c1');
    const a = await books.account('c1', '2026-02-01T00:00:00Z');
    const message = {
      eventId: 'same',
      occurredAt: '2026-02-24T00:00:00Z',
      tenantId: books.tenantId,
      clinicId: 'c1',
      accountId: a.id,
      workflowId: 'w',
      type: 'outreach.attempt_sent',
      attemptId: 'x',
      channel: 'sms',
      sentAt: '2026-02-24T00:00:00Z',
    };
    await books.fact(Topics.outreachEvents, message);
    await books.fact(Topics.outreachEvents, message);
    await books.ehr(a, 'complaint.logged', '2026-02-25T00:00:00Z', {
      complaintRef: 'k',
      channel: 'phone',
      category: 'tone',
      severity: 'low',
      description: 'x',
    });
    expect(figure(await books.scorecard(), 'complaints_per_1000_contacts', '2026-02-23')).toBe(1000);
  });

  test('CSV: a header and one line per metric, segment and week', async () => {
    const books = new Books();
    await books.clinic('c1');
    const csv = scorecardCsv(await books.scorecard())
      .trim()
      .split('\n');
    expect(csv[0]).toBe('scope,metric,label,unit,segment,week_start,value,numerator,denominator');
    expect(csv).toHaveLength(1 + 12 * (METRICS.length - 1 + 5));
    expect(csv).toContain(`tenant:${books.tenantId},dso_days,Days sales outstanding,days,,2026-03-02,,0,0`);
  });

  test('docs/scorecard.md quotes every definition word for word', () => {
    const docs = readFileSync(join(__dirname, '../../../docs/scorecard.md'), 'utf8').replace(/\s+/g, ' ');
    for (const m of METRICS)
      expect({ id: m.id, quoted: docs.includes(m.definition) }).toEqual({ id: m.id, quoted: true });
  });
});
