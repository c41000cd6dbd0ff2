/**
 * A clinic's collection policy: a versioned record owned by accounts, snapshotted into each balance workflow
 * at start and replaced by signal. Everything the workflow decides (when, which channel, which gate) reads
 * it, so a policy that parses but contradicts itself is refused here rather than discovered months later
 * when a balance can never be placed.
 *
 * All "days" are policy days of `dayLengthMs` (a real day in production, seconds in the demo).
 */
// The `zod/v4` subpath gives the v4 API from both zod 3.25 (what the workflows package resolves today)
// and zod 4, so this file does not change when the workspace dependency moves.
import { z } from 'zod/v4';
import { MAX_CENTS } from './money';
import { isLocalDate, MS_PER_DAY } from './local-time';

export const CHANNELS = ['sms', 'email', 'letter', 'call'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Tones from the segment table in the domain brief; templates pick their wording by tone. */
export const TONES = ['friendly', 'helpful', 'reassuring', 'collaborative', 'neutral'] as const;
export type Tone = (typeof TONES)[number];

export const SEGMENTS = [
  'fresh',
  'early_stall',
  'documentation_doubt',
  'high_value_engaged',
  'silent_aged',
] as const;
export type Segment = (typeof SEGMENTS)[number];

export const STEP_KINDS = ['reminder', 'final_notice'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const HARDSHIP_OUTCOMES = ['temporary_reduction', 'longer_timeline', 'lower_minimum'] as const;
export type HardshipOutcomeKind = (typeof HARDSHIP_OUTCOMES)[number];

/** Ten years: longer offsets are a unit mistake (ms or seconds typed as days), not a policy. */
const MAX_DAYS = 3650;

/** A field's message, except that a missing field says so instead of describing the expected value. */
const e = (message: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message),
});

const NON_NEG_INT = 'must be a non-negative integer';
const POS_INT = 'must be a positive integer';

const dayCount = () =>
  z
    .number(e(NON_NEG_INT))
    .int(e(NON_NEG_INT))
    .min(0, e(NON_NEG_INT))
    .max(MAX_DAYS, e(`must be at most ${MAX_DAYS} days`));

const count = (max = 1000) =>
  z
    .number(e(NON_NEG_INT))
    .int(e(NON_NEG_INT))
    .min(0, e(NON_NEG_INT))
    .max(max, e(`must be at most ${max}`));

const positiveInt = (max: number) =>
  z
    .number(e(POS_INT))
    .int(e(POS_INT))
    .min(1, e(POS_INT))
    .max(max, e(`must be at most ${max}`));

const CENTS_MSG = `must be a whole number of cents between 0 and ${MAX_CENTS}`;
const cents = () =>
  z.number(e(CENTS_MSG)).int(e(CENTS_MSG)).min(0, e(CENTS_MSG)).max(MAX_CENTS, e(CENTS_MSG));

const PCT_MSG = 'must be a whole percent between 0 and 100';
const percent = () => z.number(e(PCT_MSG)).int(e(PCT_MSG)).min(0, e(PCT_MSG)).max(100, e(PCT_MSG));

const SLUG = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
const slug = (what: string) =>
  z
    .string(e(`must be a ${what}: lowercase letters, digits, "_", "-", "."`))
    .regex(SLUG, e(`must be a ${what}: lowercase letters, digits, "_", "-", ".", at most 64 characters`));

const channel = z.enum(CHANNELS, e(`must be one of ${CHANNELS.join(', ')}`));
const CHANNEL_PREF_MSG = `must be one of ${CHANNELS.join(', ')}, or a non-empty list of them in order of preference`;
const channelPreference = z.union(
  [channel, z.array(channel).min(1, e(CHANNEL_PREF_MSG))],
  e(CHANNEL_PREF_MSG),
);

const cadenceStepSchema = z.object({
  key: slug('step key'),
  dayOffset: dayCount(),
  channel: channelPreference,
  templateKey: slug('template key'),
  tone: z.enum(TONES, e(`must be one of ${TONES.join(', ')}`)),
  kind: z.enum(STEP_KINDS, e(`must be one of ${STEP_KINDS.join(', ')}`)).default('reminder'),
});

// Object and array defaults are factories so that no two parsed policies share a default array, whatever
// zod's copying rules: a mutation in one workflow's policy must not leak into another's.
const perChannelCount = z
  .object({
    sms: count().default(0),
    email: count().default(0),
    letter: count().default(0),
    call: count().default(0),
  })
  .default(() => ({ sms: 0, email: 0, letter: 0, call: 0 }));

/**
 * Where to go when a step's channels are all impossible for this patient (no consent, opted out, bad
 * address). Digital channels fall back to each other before paper because they are cheaper and faster;
 * paper is the last resort because it always reaches a deliverable address.
 */
export const DEFAULT_CHANNEL_FALLBACK: Readonly<Record<Channel, readonly Channel[]>> = {
  sms: ['email', 'letter'],
  email: ['sms', 'letter'],
  letter: ['email'],
  call: ['sms', 'email', 'letter'],
};

const channelList = z.array(channel);

const placementSchema = z.object({
  windowStartDay: dayCount(),
  windowEndDay: dayCount(),
  minBalanceCents: cents(),
  minAttempts: z.object({ total: count(), byChannel: perChannelCount }),
  finalNoticeLeadDays: dayCount().default(30),
  /** Nonprofit hospitals (IRS 501(r)) owe a written notice; a text or call does not count. */
  requireWrittenFinalNotice: z.boolean(e('must be true or false')).default(false),
  requirePlanOfferBeforePlacement: z.boolean(e('must be true or false')).default(false),
  /** How long the patient must have had to answer a plan offer before placement. */
  planOfferLeadDays: dayCount().default(30),
  /** State waiting periods (e.g. 180 or 240 days after the first bill) before placement or reporting. */
  waitingPeriodDays: dayCount().default(0),
});

const termRangeSchema = z.object({
  minBalanceCents: cents(),
  /** Exclusive; null for the open-ended top range. */
  maxBalanceCents: cents().nullable(),
  minInstallments: z
    .number(e('must be an integer of at least 2'))
    .int(e('must be an integer of at least 2'))
    .min(2, e('must be an integer of at least 2'))
    .max(120, e('must be at most 120')),
  maxInstallments: positiveInt(120),
});

const planSchema = z.object({
  minBalanceCents: cents(),
  /** Smallest installment; hardship's "lower minimum" outcome lowers it for one patient. */
  minInstallmentCents: cents().refine((n) => n > 0, e('must be at least 1 cent')),
  termsByBalance: z.array(termRangeSchema).min(1, e('must list at least one balance range')),
  /** Ceiling for any plan granted without approval; every range's maximum must fit under it. */
  maxTermWithoutApproval: positiveInt(120),
  /** Absolute ceiling, even with approval. */
  maxTermWithApproval: positiveInt(120),
  approverRole: z.enum(['manager', 'finance_lead'], e('must be manager or finance_lead')).default('manager'),
  /** Absent: monthly on the same day of month. Present: every N days. */
  intervalDays: z
    .number(e('must be an integer between 7 and 31'))
    .int(e('must be an integer between 7 and 31'))
    .min(7, e('must be an integer between 7 and 31'))
    .max(31, e('must be an integer between 7 and 31'))
    .optional(),
  /** Days after a missed installment on which the card is retried, e.g. +1, +3, +7. */
  retryScheduleDays: z.array(positiveInt(60)).default(() => [1, 3, 7]),
  reminderDaysBefore: count(14).default(2),
});

const hardshipSchema = z.object({
  termMonthsMin: positiveInt(60).default(6),
  termMonthsMax: positiveInt(60).default(12),
  outcomes: z
    .array(z.enum(HARDSHIP_OUTCOMES, e(`must be one of ${HARDSHIP_OUTCOMES.join(', ')}`)))
    .min(1, e('must allow at least one outcome')),
  /** Largest "temporary reduction" of the balance a verified hardship may grant. */
  maxReductionPct: percent().default(50),
  /** "Lower minimum" may not go below this per installment. */
  minInstallmentFloorCents: cents().default(1_000),
  /** A hardship plan may run up to this many installments without a separate approval. */
  maxInstallments: positiveInt(120).default(12),
});

const discountTierSchema = z.object({ minAgeDays: dayCount(), maxDiscountPct: percent() });

const settlementSchema = z.object({
  minAgeDays: dayCount(),
  minAttempts: count(),
  maxDiscountPctByAgeDays: z.array(discountTierSchema).min(1, e('must list at least one age tier')),
  /** Discounts strictly above this need a manager. */
  managerThresholdPct: percent(),
  /** Discounts strictly above this need a finance lead. */
  financeLeadThresholdPct: percent(),
  /** "Low probability" balances: the segments a settlement may be offered to. */
  eligibleSegments: z
    .array(z.enum(SEGMENTS, e(`must be one of ${SEGMENTS.join(', ')}`)))
    .default(() => ['silent_aged' as const]),
});

const segmentationSchema = z
  .object({
    freshMaxDays: dayCount().default(30),
    agedMinDays: dayCount().default(90),
    /** $500: patients mostly pay below this line and mostly don't above it (Kodiak, mission anchors §4). */
    highBalanceCents: cents().default(50_000),
  })
  .default(() => ({ freshMaxDays: 30, agedMinDays: 90, highBalanceCents: 50_000 }));

const DAY_LENGTH_MSG = `must be an integer number of milliseconds between 1 and ${MS_PER_DAY}`;

export const collectionPolicySchema = z.object({
  policyId: slug('policy id'),
  version: positiveInt(1_000_000),
  dayLengthMs: z
    .number(e(DAY_LENGTH_MSG))
    .int(e(DAY_LENGTH_MSG))
    .min(1, e(DAY_LENGTH_MSG))
    .max(MS_PER_DAY, e(DAY_LENGTH_MSG)),
  cadence: z.array(cadenceStepSchema).min(1, e('must have at least one step')),
  softPhaseDays: dayCount(),
  finalNoticeDay: dayCount(),
  channelFallback: z
    .object({ sms: channelList, email: channelList, letter: channelList, call: channelList })
    .default(() => ({
      sms: [...DEFAULT_CHANNEL_FALLBACK.sms],
      email: [...DEFAULT_CHANNEL_FALLBACK.email],
      letter: [...DEFAULT_CHANNEL_FALLBACK.letter],
      call: [...DEFAULT_CHANNEL_FALLBACK.call],
    })),
  placement: placementSchema,
  plan: planSchema,
  hardship: hardshipSchema,
  settlement: settlementSchema,
  segmentation: segmentationSchema,
  /** Messages per patient per rolling week across channels; outreach enforces it. */
  weeklyMessageCap: positiveInt(50),
  /** Patient-local dates on which no step becomes due (holidays); steps move to the next allowed day. */
  quietDates: z
    .array(
      z
        .string(e('must be a date YYYY-MM-DD'))
        .refine(isLocalDate, e('must be a real calendar date YYYY-MM-DD')),
    )
    .default(() => []),
  /** Patient-local weekdays (0 = Sunday … 6 = Saturday) on which no step becomes due. */
  quietWeekdays: z.array(count(6)).default(() => []),
});

export type CollectionPolicy = z.output<typeof collectionPolicySchema>;
/** What accounts may send: fields with defaults may be omitted. */
export type CollectionPolicyInput = z.input<typeof collectionPolicySchema>;
export type CadenceStep = CollectionPolicy['cadence'][number];
export type PlacementRules = CollectionPolicy['placement'];
export type PlanRules = CollectionPolicy['plan'];
export type HardshipRules = CollectionPolicy['hardship'];
export type SettlementRules = CollectionPolicy['settlement'];
export type SegmentationRules = CollectionPolicy['segmentation'];

/** The step's channels in order of preference. */
export function stepChannels(step: Pick<CadenceStep, 'channel'>): Channel[] {
  return typeof step.channel === 'string' ? [step.channel] : [...step.channel];
}

export type PolicyValidation = { ok: true; policy: CollectionPolicy } | { ok: false; errors: string[] };

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(policy)' : out;
}

/** Parses and checks a policy. Errors name the field: `cadence[2].dayOffset: must be a non-negative integer`. */
export function validatePolicy(input: unknown): PolicyValidation {
  const parsed = collectionPolicySchema.safeParse(input, {
    error: (issue) =>
      issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined,
  });
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`) };
  }
  // Coherence is checked only on a well-formed policy: cross-field messages about half-parsed input would
  // mostly repeat the field errors above.
  const errors = coherenceErrors(parsed.data);
  return errors.length === 0 ? { ok: true, policy: parsed.data } : { ok: false, errors };
}

/** validatePolicy that throws, for code paths where an invalid policy is a bug (tests, presets). */
export function parsePolicy(input: unknown): CollectionPolicy {
  const result = validatePolicy(input);
  if (!result.ok) throw new RangeError(`invalid collection policy:\n  ${result.errors.join('\n  ')}`);
  return result.policy;
}

function duplicates<T>(values: readonly T[]): T[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

function coherenceErrors(p: CollectionPolicy): string[] {
  const errors: string[] = [];
  const add = (path: string, message: string) => errors.push(`${path}: ${message}`);

  // Cadence: unique keys, day order, one final notice on finalNoticeDay.
  const firstIndexOfKey = new Map<string, number>();
  p.cadence.forEach((step, i) => {
    const seen = firstIndexOfKey.get(step.key);
    if (seen !== undefined) add(`cadence[${i}].key`, `duplicates cadence[${seen}].key "${step.key}"`);
    else firstIndexOfKey.set(step.key, i);
    const prev = p.cadence[i - 1];
    if (prev !== undefined && step.dayOffset < prev.dayOffset) {
      add(
        `cadence[${i}].dayOffset`,
        `steps must be in day order: day ${step.dayOffset} comes after day ${prev.dayOffset} of cadence[${i - 1}]`,
      );
    }
    for (const dup of new Set(duplicates(stepChannels(step))))
      add(`cadence[${i}].channel`, `lists ${dup} more than once`);
  });

  const finalNotices = p.cadence.map((s, i) => [s, i] as const).filter(([s]) => s.kind === 'final_notice');
  if (finalNotices.length === 0) {
    add('cadence', 'needs exactly one step of kind final_notice (placement requires a final notice)');
  }
  finalNotices
    .slice(1)
    .forEach(([, i]) => add(`cadence[${i}].kind`, 'only one final_notice step is allowed'));
  const finalNotice = finalNotices[0];
  if (finalNotice !== undefined) {
    const [step, i] = finalNotice;
    if (step.dayOffset !== p.finalNoticeDay) {
      add(`cadence[${i}].dayOffset`, `the final_notice step must be on finalNoticeDay (${p.finalNoticeDay})`);
    }
    if (
      p.placement.requireWrittenFinalNotice &&
      stepChannels(step).some((c) => c !== 'letter' && c !== 'email')
    ) {
      add(`cadence[${i}].channel`, 'a written final notice must go by letter or email only');
    }
  }

  if (p.softPhaseDays > p.finalNoticeDay) {
    add(
      'softPhaseDays',
      `must not exceed finalNoticeDay (${p.finalNoticeDay}): the final notice ends the soft phase`,
    );
  }

  // Placement window.
  const pl = p.placement;
  if (pl.windowEndDay < pl.windowStartDay) {
    add('placement.windowEndDay', `must not be before placement.windowStartDay (${pl.windowStartDay})`);
  }
  const latestNotice = pl.windowStartDay - pl.finalNoticeLeadDays;
  if (p.finalNoticeDay > latestNotice) {
    add(
      'finalNoticeDay',
      `must be at most placement.windowStartDay - placement.finalNoticeLeadDays (${pl.windowStartDay} - ${pl.finalNoticeLeadDays} = ${latestNotice})`,
    );
  }
  if (pl.waitingPeriodDays > pl.windowEndDay) {
    add(
      'placement.waitingPeriodDays',
      `ends after the placement window closes (day ${pl.windowEndDay}), so no balance could ever be placed`,
    );
  }
  const channelMinimum = CHANNELS.reduce((sum, c) => sum + pl.minAttempts.byChannel[c], 0);
  if (pl.minAttempts.total < channelMinimum) {
    add(
      'placement.minAttempts.total',
      `must be at least the sum of the per-channel minimums (${channelMinimum})`,
    );
  }
  // Attempts come from cadence steps, so a minimum the cadence cannot reach before the window blocks
  // placement forever.
  const stepsBeforeWindow = p.cadence.filter((s) => s.dayOffset < pl.windowStartDay);
  if (stepsBeforeWindow.length < pl.minAttempts.total) {
    add(
      'placement.minAttempts.total',
      `the cadence plans only ${stepsBeforeWindow.length} step(s) before day ${pl.windowStartDay}`,
    );
  }
  for (const c of CHANNELS) {
    const planned = stepsBeforeWindow.filter((s) => stepChannels(s).includes(c)).length;
    if (planned < pl.minAttempts.byChannel[c]) {
      add(
        `placement.minAttempts.byChannel.${c}`,
        `the cadence plans only ${planned} ${c} step(s) before day ${pl.windowStartDay}`,
      );
    }
  }

  // Channel fallback.
  for (const c of CHANNELS) {
    const list = p.channelFallback[c];
    if (list.includes(c)) add(`channelFallback.${c}`, `must not list ${c} itself`);
    for (const dup of new Set(duplicates(list))) add(`channelFallback.${c}`, `lists ${dup} more than once`);
  }

  // Plan terms: contiguous ranges from the plan minimum upwards, each reachable with the minimum installment.
  const plan = p.plan;
  const ranges = plan.termsByBalance;
  ranges.forEach((r, i) => {
    const at = `plan.termsByBalance[${i}]`;
    const isLast = i === ranges.length - 1;
    if (i === 0 && r.minBalanceCents > plan.minBalanceCents) {
      add(
        `${at}.minBalanceCents`,
        `must be at most plan.minBalanceCents (${plan.minBalanceCents}) so every qualifying balance has terms`,
      );
    }
    const prev = ranges[i - 1];
    if (prev !== undefined && prev.maxBalanceCents !== null && r.minBalanceCents !== prev.maxBalanceCents) {
      add(
        `${at}.minBalanceCents`,
        `must equal the previous range's maxBalanceCents (${prev.maxBalanceCents}): ranges must be contiguous`,
      );
    }
    if (r.maxBalanceCents === null && !isLast)
      add(`${at}.maxBalanceCents`, 'only the last range may be open-ended (null)');
    if (r.maxBalanceCents !== null && isLast)
      add(`${at}.maxBalanceCents`, 'the last range must be open-ended (null)');
    if (r.maxBalanceCents !== null && r.maxBalanceCents <= r.minBalanceCents) {
      add(`${at}.maxBalanceCents`, `must be greater than minBalanceCents (${r.minBalanceCents})`);
    }
    if (r.maxInstallments < r.minInstallments)
      add(`${at}.maxInstallments`, `must be at least minInstallments (${r.minInstallments})`);
    if (r.maxInstallments > plan.maxTermWithoutApproval) {
      add(
        `${at}.maxInstallments`,
        `must be at most plan.maxTermWithoutApproval (${plan.maxTermWithoutApproval})`,
      );
    }
    const smallest = Math.max(r.minBalanceCents, plan.minBalanceCents);
    const needed = r.minInstallments * plan.minInstallmentCents;
    if (r.maxBalanceCents === null || r.maxBalanceCents > plan.minBalanceCents) {
      if (smallest < needed) {
        add(
          `${at}.minInstallments`,
          `${r.minInstallments} installments of at least ${plan.minInstallmentCents} cents need a balance of ${needed}; the range starts at ${smallest}`,
        );
      }
    }
  });
  if (plan.maxTermWithApproval < plan.maxTermWithoutApproval) {
    add(
      'plan.maxTermWithApproval',
      `must be at least plan.maxTermWithoutApproval (${plan.maxTermWithoutApproval})`,
    );
  }
  plan.retryScheduleDays.forEach((d, i) => {
    const prev = plan.retryScheduleDays[i - 1];
    if (prev !== undefined && d <= prev)
      add(`plan.retryScheduleDays[${i}]`, `must be after the previous retry (day ${prev})`);
  });

  const h = p.hardship;
  if (h.termMonthsMin > h.termMonthsMax)
    add('hardship.termMonthsMin', `must not exceed hardship.termMonthsMax (${h.termMonthsMax})`);
  for (const dup of new Set(duplicates(h.outcomes))) add('hardship.outcomes', `lists ${dup} more than once`);

  const s = p.settlement;
  s.maxDiscountPctByAgeDays.forEach((tier, i) => {
    const at = `settlement.maxDiscountPctByAgeDays[${i}]`;
    if (i === 0 && tier.minAgeDays < s.minAgeDays) {
      add(
        `${at}.minAgeDays`,
        `must be at least settlement.minAgeDays (${s.minAgeDays}); younger balances are not eligible`,
      );
    }
    const prev = s.maxDiscountPctByAgeDays[i - 1];
    if (prev !== undefined && tier.minAgeDays <= prev.minAgeDays)
      add(`${at}.minAgeDays`, `must be after the previous tier (day ${prev.minAgeDays})`);
    if (prev !== undefined && tier.maxDiscountPct < prev.maxDiscountPct) {
      add(
        `${at}.maxDiscountPct`,
        `must not be below the previous tier (${prev.maxDiscountPct}%): older balances never get less room`,
      );
    }
  });
  if (s.managerThresholdPct > s.financeLeadThresholdPct) {
    add(
      'settlement.managerThresholdPct',
      `must not exceed settlement.financeLeadThresholdPct (${s.financeLeadThresholdPct})`,
    );
  }

  if (p.segmentation.freshMaxDays >= p.segmentation.agedMinDays) {
    add(
      'segmentation.freshMaxDays',
      `must be below segmentation.agedMinDays (${p.segmentation.agedMinDays})`,
    );
  }

  const firstDateIndex = new Map<string, number>();
  p.quietDates.forEach((d, i) => {
    const seen = firstDateIndex.get(d);
    if (seen !== undefined) add(`quietDates[${i}]`, `duplicates quietDates[${seen}] (${d})`);
    else firstDateIndex.set(d, i);
  });
  if (new Set(p.quietWeekdays).size >= 7)
    add('quietWeekdays', 'must leave at least one weekday on which steps can happen');

  return errors;
}

/**
 * The cadence from the domain brief: day 3 text with a pay link, day 10 one-page statement, day 18 email with
 * what insurance paid, day 25 live call, day 35 second statement (or plan confirmation), final notice on
 * day 60, placement window day 90–120. Amounts are illustrative defaults a clinic is expected to review.
 */
export function defaultPolicy(
  options: { policyId?: string; version?: number; dayLengthMs?: number } = {},
): CollectionPolicy {
  return parsePolicy({
    policyId: options.policyId ?? 'default',
    version: options.version ?? 1,
    dayLengthMs: options.dayLengthMs ?? MS_PER_DAY,
    cadence: [
      { key: 'text_pay_link', dayOffset: 3, channel: 'sms', templateKey: 'text_pay_link', tone: 'friendly' },
      {
        key: 'statement_1',
        dayOffset: 10,
        channel: 'letter',
        templateKey: 'statement_one_page',
        tone: 'helpful',
      },
      {
        key: 'insurance_summary',
        dayOffset: 18,
        channel: 'email',
        templateKey: 'email_insurance_summary',
        tone: 'helpful',
      },
      {
        key: 'call_offer_plan',
        dayOffset: 25,
        channel: 'call',
        templateKey: 'call_offer_plan',
        tone: 'collaborative',
      },
      {
        key: 'statement_2',
        dayOffset: 35,
        channel: ['letter', 'email'],
        templateKey: 'statement_second_or_plan',
        tone: 'helpful',
      },
      {
        key: 'final_notice',
        dayOffset: 60,
        channel: 'letter',
        templateKey: 'final_notice',
        tone: 'neutral',
        kind: 'final_notice',
      },
    ],
    softPhaseDays: 60,
    finalNoticeDay: 60,
    placement: {
      windowStartDay: 90,
      windowEndDay: 120,
      minBalanceCents: 5_000,
      minAttempts: { total: 4, byChannel: { letter: 2, call: 1 } },
      finalNoticeLeadDays: 30,
    },
    plan: {
      minBalanceCents: 7_500,
      minInstallmentCents: 2_500,
      termsByBalance: [
        { minBalanceCents: 7_500, maxBalanceCents: 30_000, minInstallments: 3, maxInstallments: 3 },
        { minBalanceCents: 30_000, maxBalanceCents: 100_000, minInstallments: 3, maxInstallments: 4 },
        { minBalanceCents: 100_000, maxBalanceCents: 250_000, minInstallments: 3, maxInstallments: 5 },
        { minBalanceCents: 250_000, maxBalanceCents: null, minInstallments: 3, maxInstallments: 6 },
      ],
      maxTermWithoutApproval: 6,
      maxTermWithApproval: 24,
    },
    hardship: { outcomes: [...HARDSHIP_OUTCOMES] },
    settlement: {
      minAgeDays: 120,
      minAttempts: 5,
      maxDiscountPctByAgeDays: [
        { minAgeDays: 120, maxDiscountPct: 20 },
        { minAgeDays: 180, maxDiscountPct: 30 },
        { minAgeDays: 365, maxDiscountPct: 40 },
      ],
      managerThresholdPct: 10,
      financeLeadThresholdPct: 25,
    },
    weeklyMessageCap: 3,
  } satisfies CollectionPolicyInput);
}

function clone(policy: CollectionPolicy): CollectionPolicy {
  // Policies are plain JSON (they travel in workflow payloads), so a JSON round trip is a faithful copy.
  return JSON.parse(JSON.stringify(policy)) as CollectionPolicy;
}

/** Moves the placement window to start no earlier than `day`, keeping its width. */
function windowFrom(policy: CollectionPolicy, day: number): void {
  const pl = policy.placement;
  if (pl.windowStartDay >= day) return;
  const width = pl.windowEndDay - pl.windowStartDay;
  pl.windowStartDay = day;
  pl.windowEndDay = day + width;
}

/**
 * Nonprofit hospital (IRS §501(r), mission anchors §2.6): no extraordinary collection action during the
 * 120-day notification period after the first post-discharge statement, and a written notice at least
 * 30 days before the first one. Applied to placement as the stricter reading.
 */
export function nonprofitHospitalPreset(base: CollectionPolicy = defaultPolicy()): CollectionPolicy {
  const p = clone(base);
  p.placement.waitingPeriodDays = Math.max(p.placement.waitingPeriodDays, 120);
  windowFrom(p, p.placement.waitingPeriodDays);
  p.placement.finalNoticeLeadDays = Math.max(p.placement.finalNoticeLeadDays, 30);
  p.placement.requireWrittenFinalNotice = true;
  for (const step of p.cadence) if (step.kind === 'final_notice') step.channel = 'letter';
  return parsePolicy(p);
}

/**
 * State waiting period before placement or credit reporting, e.g. 180 days (California AB 1020 for
 * hospitals) or 240 days (Maryland 2025), mission anchors §2.8.
 */
export function stateWaitingPeriodPreset(
  days: number,
  base: CollectionPolicy = defaultPolicy(),
): CollectionPolicy {
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)
    throw new RangeError(`days: must be an integer between 1 and ${MAX_DAYS}`);
  const p = clone(base);
  p.placement.waitingPeriodDays = Math.max(p.placement.waitingPeriodDays, days);
  windowFrom(p, p.placement.waitingPeriodDays);
  return parsePolicy(p);
}

/**
 * A payment plan must have been offered, and the patient given `leadDays` to take it, before placement
 * (Illinois Fair Patient Billing Act: 30 days to ask for a plan; mission anchors §2.8).
 */
export function planOfferBeforePlacementPreset(
  base: CollectionPolicy = defaultPolicy(),
  leadDays = 30,
): CollectionPolicy {
  const p = clone(base);
  p.placement.requirePlanOfferBeforePlacement = true;
  p.placement.planOfferLeadDays = leadDays;
  return parsePolicy(p);
}
