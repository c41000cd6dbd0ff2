/**
 * The weekly scorecard's metrics, defined once. The API sends these with the figures, the console shows the
 * definition on hover, docs/scorecard.md quotes them (a test checks it does, word for word), and
 * scorecard-queries.ts implements each one in SQL under the same id.
 *
 * Weeks run Monday 00:00 UTC to the next Monday; the current week counts up to the moment asked ("as of").
 */
export const METRIC_IDS = [
  'days_to_first_contact',
  'patient_pay_yield',
  'promise_kept',
  'dispute_resolution_days',
  'recovery_rate',
  'complaints_per_1000_contacts',
  'percent_placed',
  'net_recovery_cents',
  'dso_days',
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

/** Segments as SQL can see them from the ledger and facts: the domain's rules with the default thresholds. */
export const SCORECARD_SEGMENTS = [
  'fresh',
  'early_stall',
  'documentation_doubt',
  'high_value_engaged',
  'silent_aged',
] as const;
export type ScorecardSegment = (typeof SCORECARD_SEGMENTS)[number];

export interface MetricDefinition {
  id: MetricId;
  label: string;
  unit: 'days' | 'percent' | 'per_1000' | 'cents';
  /** Which way is good: the chart marks it. */
  better: 'down' | 'up' | 'stable_or_down';
  /** Plain words, shown on hover: what is counted and over which window. */
  definition: string;
  numerator: string;
  denominator: string;
  /** One series per segment instead of one for the scope. */
  bySegment?: boolean;
}

export const METRICS: readonly MetricDefinition[] = [
  {
    id: 'days_to_first_contact',
    label: 'Days to first contact',
    unit: 'days',
    better: 'down',
    definition:
      'Average days from the moment an account first owed money to the first contact that reached out to the patient ' +
      '(a text, email or statement sent, or a call made), over the accounts whose first contact fell in the week.',
    numerator: 'days summed over those accounts',
    denominator: 'accounts first contacted in the week',
  },
  {
    id: 'patient_pay_yield',
    label: 'Patient pay yield',
    unit: 'percent',
    better: 'up',
    definition:
      'Patient payments (every source: pay page, plans, front desk, agencies) as a percent of patient responsibility ' +
      '(charges less insurance paid and contractual adjustments), both posted in the 91 days up to the end of the week.',
    numerator: 'patient payments, cents, trailing 91 days',
    denominator: 'patient responsibility, cents, trailing 91 days',
  },
  {
    id: 'promise_kept',
    label: 'Promise-to-pay kept',
    unit: 'percent',
    better: 'up',
    definition:
      "Percent of plan installments and promised payments due in the week that were paid on time: the account's " +
      'patient payments from the day of the promise to the end of the due date (UTC) cover everything due so far under it.',
    numerator: 'installments and promises kept',
    denominator: 'installments and promises due in the week (up to now)',
  },
  {
    id: 'dispute_resolution_days',
    label: 'Dispute resolution time',
    unit: 'days',
    better: 'down',
    definition:
      'Average days from a dispute being opened to its resolution, over the disputes resolved in the week.',
    numerator: 'days summed over resolved disputes',
    denominator: 'disputes resolved in the week',
  },
  {
    id: 'recovery_rate',
    label: 'Recovery rate by segment',
    unit: 'percent',
    better: 'up',
    definition:
      'Patient payments in the week as a percent of what the same accounts owed when the week began, by the segment each ' +
      'account was in then: documentation doubt (open dispute), fresh (day 0-30), high-value engaged ($500 or more and the ' +
      'patient engaged: a promise, plan, reply or reached call), silent and aged (day 90 on), early stall (the rest).',
    numerator: 'payments in the week, cents',
    denominator: 'balances owed at the start of the week, cents',
    bySegment: true,
  },
  {
    id: 'complaints_per_1000_contacts',
    label: 'Complaints per 1,000 contacts',
    unit: 'per_1000',
    better: 'down',
    definition:
      'Complaints logged in the week for every 1,000 contacts made in the week (texts, emails and statements sent, calls made).',
    numerator: 'complaints logged in the week',
    denominator: 'contacts made in the week',
  },
  {
    id: 'percent_placed',
    label: 'Placed to collections',
    unit: 'percent',
    better: 'stable_or_down',
    definition:
      'Accounts accepted by a collection agency in the week as a percent of the accounts that owed money when the week began.',
    numerator: 'accounts placed in the week',
    denominator: 'accounts owing at the start of the week',
  },
  {
    id: 'net_recovery_cents',
    label: 'Net recovery after agency fees',
    unit: 'cents',
    better: 'up',
    definition:
      'Patient payments posted in the week (every source) less the commission agencies kept on what they collected in the week.',
    numerator: 'patient payments in the week, cents',
    denominator: 'agency commission in the week, cents',
  },
  {
    id: 'dso_days',
    label: 'Days sales outstanding',
    unit: 'days',
    better: 'down',
    definition:
      'What patients owe at the end of the week (accounts in credit count as zero) divided by the average daily patient ' +
      'responsibility posted over the 91 days up to the end of the week.',
    numerator: 'patient receivables at the end of the week, cents',
    denominator: 'patient responsibility, cents, trailing 91 days',
  },
];

export const metricById = (id: MetricId): MetricDefinition => METRICS.find((m) => m.id === id)!;
