/**
 * Each scorecard metric in SQL, under its id from metric-definitions.ts (the words live there). Every query
 * takes $1 as-of instant, $2 tenant, $3 clinic (null: the whole tenant), $4 number of weeks, and returns one
 * row per week (per week and segment for recovery_rate): week_start, segment, value, numerator, denominator.
 *
 * Sources, all in accounts' own schema:
 * - ledger_entries / accounts: money and the moment an account first owed (first_positive_at);
 * - scorecard_facts: the projection ScorecardProjector keeps of the facts other services publish (contacts from
 *   outreach.attempt_sent and outreach.call_outcome, complaints and disputes, promises and plans, placements
 *   and agency commission). Accounts never reads outreach's or placement's tables: a projection of their
 *   published facts keeps each service the only writer and reader of its schema, and survives their
 *   refactors, which a cross-schema reporting grant would not.
 *
 * Intervals are written in hours so that a session time zone with daylight saving cannot make a week 167 hours.
 */
import type { MetricId } from './metric-definitions';

const BASE = `
with weeks as (
  select w as week_start, w + interval '168 hours' as week_end,
         least(w + interval '168 hours', $1::timestamptz) as cut
    from generate_series(date_trunc('week', $1::timestamptz, 'UTC') - ($4::int - 1) * interval '168 hours',
                         date_trunc('week', $1::timestamptz, 'UTC'), interval '168 hours') as w
),
acct as (
  select id, clinic_id, first_positive_at from accounts where tenant_id = $2 and ($3::text is null or clinic_id = $3)
),
ledger as (
  select l.account_id, l.kind, l.amount_cents, l.occurred_at from ledger_entries l join acct on acct.id = l.account_id
),
facts as (
  -- EHR facts name the account by the integrator's reference; the others by accounts' ID.
  select f.kind, f.ref, f.occurred_at, f.amount_cents, f.data, coalesce(f.account_id, a.id) as account_id
    from scorecard_facts f
    left join accounts a on f.account_id is null and a.tenant_id = f.tenant_id and a.clinic_id = f.clinic_id and a.account_ref = f.account_ref
   where f.tenant_id = $2 and ($3::text is null or f.clinic_id = $3)
),
opening as (
  -- What each account owed when each week began (only accounts that owed something).
  select w.week_start, w.week_end, a.id, a.first_positive_at, sum(l.amount_cents) as bal
    from weeks w cross join acct a join ledger l on l.account_id = a.id and l.occurred_at < w.week_start
   group by w.week_start, w.week_end, a.id, a.first_positive_at
  having sum(l.amount_cents) > 0
)`;

/** Patient responsibility: what the visit left the patient to pay after insurance. */
const RESPONSIBILITY = `l.kind in ('charge', 'insurance_paid', 'contractual_adjustment')`;

const ratio = (num: string, den: string, scale = 100) =>
  `round(${scale}.0 * (${num}) / nullif(${den}, 0), 2)`;

const QUERIES: Record<MetricId, string> = {
  days_to_first_contact: `${BASE},
first_contact as (
  select account_id, min(occurred_at) as at from facts where kind = 'contact' group by account_id
),
measured as (
  select fc.at, greatest(extract(epoch from fc.at - a.first_positive_at), 0) / 86400.0 as days
    from first_contact fc join acct a on a.id = fc.account_id where a.first_positive_at is not null
)
select w.week_start, null::text as segment, round(avg(m.days), 2) as value,
       round(coalesce(sum(m.days), 0), 2) as numerator, count(m.days) as denominator
  from weeks w left join measured m on m.at >= w.week_start and m.at < w.week_end
 group by w.week_start order by w.week_start`,

  patient_pay_yield: `${BASE},
sums as (
  select w.week_start,
         coalesce(-sum(l.amount_cents) filter (where l.kind = 'patient_payment'), 0) as paid,
         coalesce(sum(l.amount_cents) filter (where ${RESPONSIBILITY}), 0) as owed
    from weeks w left join ledger l on l.occurred_at >= w.cut - interval '2184 hours' and l.occurred_at < w.cut
   group by w.week_start
)
select week_start, null::text as segment, ${ratio('paid', 'owed')} as value, paid as numerator, owed as denominator
  from sums order by week_start`,

  promise_kept: `${BASE},
promises as (
  select account_id, occurred_at as made_at, amount_cents, (data->>'installments')::int as n,
         (data->>'firstDueDate')::date as first_due, (data->>'intervalDays')::int as interval_days
    from facts where kind = 'promise'
),
installments as (
  -- Installment k is due on the first due date plus k-1 months (or intervals); the first installment carries
  -- the odd cents (domain splitCents), so what is due by installment k is total - (n - k) * floor(total / n).
  -- A promise without an amount is kept by any payment.
  select p.account_id, p.made_at,
         case when p.interval_days is null then (p.first_due + make_interval(months => k - 1))::date
              else p.first_due + (k - 1) * p.interval_days end as due_on,
         coalesce(p.amount_cents - (p.n - k) * (p.amount_cents / p.n), 1) as due_so_far
    from promises p cross join lateral generate_series(1, p.n) as k
),
judged as (
  select i.due_on,
         coalesce((select -sum(l.amount_cents) from ledger l
                    where l.account_id = i.account_id and l.kind = 'patient_payment'
                      and l.occurred_at >= i.made_at and l.occurred_at < (i.due_on + 1)::timestamp at time zone 'UTC'), 0)
           >= i.due_so_far as kept
    from installments i
   where (i.due_on + 1)::timestamp at time zone 'UTC' <= $1::timestamptz
)
select w.week_start, null::text as segment, ${ratio('count(j.due_on) filter (where j.kept)', 'count(j.due_on)')} as value,
       count(j.due_on) filter (where j.kept) as numerator, count(j.due_on) as denominator
  from weeks w left join judged j
    on j.due_on >= (w.week_start at time zone 'UTC')::date and j.due_on < (w.week_end at time zone 'UTC')::date
 group by w.week_start order by w.week_start`,

  dispute_resolution_days: `${BASE},
resolved as (
  select r.occurred_at as at, extract(epoch from r.occurred_at - o.opened_at) / 86400.0 as days
    from facts r
    join lateral (select min(o.occurred_at) as opened_at from facts o
                   where o.kind = 'dispute_opened' and o.account_id = r.account_id and o.ref = r.ref) o on o.opened_at is not null
   where r.kind = 'dispute_resolved'
)
select w.week_start, null::text as segment, round(avg(r.days), 2) as value,
       round(coalesce(sum(r.days), 0), 2) as numerator, count(r.days) as denominator
  from weeks w left join resolved r on r.at >= w.week_start and r.at < w.week_end
 group by w.week_start order by w.week_start`,

  recovery_rate: `${BASE},
segmented as (
  -- segmentOf (workflows/src/domain/segmentation.ts) with the default thresholds: first match wins.
  select o.week_start, o.bal,
         case
           when exists (select 1 from facts d where d.kind = 'dispute_opened' and d.account_id = o.id and d.occurred_at < o.week_start
                          and not exists (select 1 from facts r where r.kind = 'dispute_resolved' and r.account_id = o.id
                                             and r.ref = d.ref and r.occurred_at < o.week_start)) then 'documentation_doubt'
           when floor(extract(epoch from o.week_start - o.first_positive_at) / 86400) <= 30 then 'fresh'
           when o.bal >= 50000 and exists (
                  select 1 from facts e where e.account_id = o.id and e.occurred_at < o.week_start
                     and (e.kind in ('promise', 'engaged')
                          or (e.kind = 'contact' and e.data->>'outcome' in ('reached', 'promise_to_pay', 'plan_requested')))) then 'high_value_engaged'
           when floor(extract(epoch from o.week_start - o.first_positive_at) / 86400) >= 90 then 'silent_aged'
           else 'early_stall'
         end as segment,
         coalesce((select -sum(l.amount_cents) from ledger l where l.account_id = o.id and l.kind = 'patient_payment'
                     and l.occurred_at >= o.week_start and l.occurred_at < o.week_end), 0) as paid
    from opening o
)
select w.week_start, sg.segment, ${ratio('coalesce(sum(s.paid), 0)', 'sum(s.bal)')} as value,
       coalesce(sum(s.paid), 0) as numerator, coalesce(sum(s.bal), 0) as denominator
  from weeks w
  cross join unnest(array['fresh', 'early_stall', 'documentation_doubt', 'high_value_engaged', 'silent_aged']) as sg(segment)
  left join segmented s on s.week_start = w.week_start and s.segment = sg.segment
 group by w.week_start, sg.segment order by w.week_start, sg.segment`,

  complaints_per_1000_contacts: `${BASE},
counted as (
  select w.week_start, count(f.kind) filter (where f.kind = 'complaint') as complaints,
         count(f.kind) filter (where f.kind = 'contact') as contacts
    from weeks w left join facts f on f.kind in ('complaint', 'contact') and f.occurred_at >= w.week_start and f.occurred_at < w.week_end
   group by w.week_start
)
select week_start, null::text as segment, ${ratio('complaints', 'contacts', 1000)} as value, complaints as numerator, contacts as denominator
  from counted order by week_start`,

  percent_placed: `${BASE},
placed as (
  select w.week_start, count(distinct f.account_id) as n
    from weeks w left join facts f on f.kind = 'placed' and f.occurred_at >= w.week_start and f.occurred_at < w.week_end
   group by w.week_start
),
owing as (select week_start, count(*) as n from opening group by week_start)
select p.week_start, null::text as segment, ${ratio('p.n', 'coalesce(o.n, 0)')} as value, p.n as numerator, coalesce(o.n, 0) as denominator
  from placed p left join owing o on o.week_start = p.week_start order by p.week_start`,

  net_recovery_cents: `${BASE},
paid as (
  select w.week_start, coalesce(-sum(l.amount_cents), 0) as cents
    from weeks w left join ledger l on l.kind = 'patient_payment' and l.occurred_at >= w.week_start and l.occurred_at < w.week_end
   group by w.week_start
),
fees as (
  select w.week_start, coalesce(sum(f.amount_cents), 0) as cents
    from weeks w left join facts f on f.kind = 'agency_commission' and f.occurred_at >= w.week_start and f.occurred_at < w.week_end
   group by w.week_start
)
select p.week_start, null::text as segment, p.cents - f.cents as value, p.cents as numerator, f.cents as denominator
  from paid p join fees f on f.week_start = p.week_start order by p.week_start`,

  dso_days: `${BASE},
receivable as (
  select w.week_start, coalesce(sum(greatest(b.bal, 0)), 0) as cents
    from weeks w left join lateral (
      select l.account_id, sum(l.amount_cents) as bal from ledger l where l.occurred_at < w.cut group by l.account_id
    ) b on true
   group by w.week_start
),
posted as (
  select w.week_start, coalesce(sum(l.amount_cents), 0) as cents
    from weeks w left join ledger l on ${RESPONSIBILITY} and l.occurred_at >= w.cut - interval '2184 hours' and l.occurred_at < w.cut
   group by w.week_start
)
select r.week_start, null::text as segment, ${ratio('r.cents', 'p.cents', 91)} as value, r.cents as numerator, p.cents as denominator
  from receivable r join posted p on p.week_start = r.week_start order by r.week_start`,
};

export const scorecardQuery = (id: MetricId): string => QUERIES[id];
