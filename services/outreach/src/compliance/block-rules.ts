import { parseInstant } from './validate';
import type { AttemptRequest, BlockReason, ComplianceContext, ContactPointStatus, RuleName } from './types';

export interface BlockFinding {
  readonly reason: BlockReason;
  readonly explanation: string;
}

type BlockCheck = (request: AttemptRequest, ctx: ComplianceContext, nowMs: number) => BlockFinding | null;

export interface BlockRule {
  readonly rule: RuleName;
  readonly check: BlockCheck;
}

const deceasedOrBankruptcy: BlockCheck = (_req, ctx) => {
  const { deceased, bankruptcy } = ctx.accountFlags;
  if (!deceased && !bankruptcy) return null;
  const what = [deceased && 'deceased', bankruptcy && 'in bankruptcy'].filter(Boolean).join(' and ');
  return {
    reason: deceased ? 'deceased' : 'bankruptcy',
    explanation: `the account holder is flagged ${what}; no further contact is made`,
  };
};

const balancePaid: BlockCheck = (_req, ctx) =>
  ctx.balanceCents > 0
    ? null
    : { reason: 'balance_paid', explanation: 'nothing is owed on the balance any more' };

const optOut: BlockCheck = (_req, ctx) => {
  if (ctx.optOuts.length === 0) return null;
  const first = ctx.optOuts[0];
  return {
    reason: 'opted_out',
    explanation:
      `the patient opted out (${first.channel}, ${first.source}, ${first.at}); ` +
      'an opt-out on any channel stops contact on every channel',
  };
};

const disputeOrInsuranceHold: BlockCheck = (req, ctx) => {
  if (req.purpose === 'dispute_ack') return null;
  if (ctx.holds.dispute) {
    return {
      reason: 'dispute_open',
      explanation: 'a dispute is open; only the dispute acknowledgement may be sent until it is resolved',
    };
  }
  if (ctx.holds.insurance) {
    return {
      reason: 'insurance_hold_open',
      explanation:
        'an insurance hold is open; only the dispute acknowledgement may be sent until it is released',
    };
  }
  return null;
};

const smsConsent: BlockCheck = (req, ctx, nowMs) => {
  if (req.channel !== 'sms') return null;
  const c = ctx.smsConsent;
  const grantedMs = c ? parseInstant(c.grantedAt) : undefined;
  const recorded =
    c !== null &&
    grantedMs !== undefined &&
    grantedMs <= nowMs &&
    typeof c.source === 'string' &&
    c.source.trim() !== '';
  if (recorded) return null;
  return {
    reason: 'no_sms_consent',
    explanation: c
      ? 'the SMS consent record lacks a valid past timestamp or a source, so it does not count as consent'
      : 'there is no recorded consent to text this patient',
  };
};

const BAD_CONTACT_POINT: Record<
  Exclude<ContactPointStatus, 'deliverable'>,
  { reason: BlockReason; words: string }
> = {
  invalid_number: { reason: 'invalid_number', words: 'the phone number is marked invalid' },
  bounced: { reason: 'bounced_email', words: 'the email address bounced' },
  undeliverable: { reason: 'undeliverable_address', words: 'the mailing address is marked undeliverable' },
};

const contactPoint: BlockCheck = (req, ctx) => {
  const status = ctx.contactPoints[req.channel];
  if (status === 'deliverable') return null;
  if (status === undefined) {
    return {
      reason: 'no_contact_point',
      explanation: `there is no ${req.channel} contact point on file; use another channel`,
    };
  }
  const bad = BAD_CONTACT_POINT[status];
  return { reason: bad.reason, explanation: `${bad.words}; use another channel` };
};

/**
 * Order matters only for which reason is named first: account-wide and final facts before
 * channel-specific ones, so the log says "deceased" rather than "no SMS consent" for a deceased
 * patient. Every failing rule is still listed in the decision.
 */
export const BLOCK_RULES: readonly BlockRule[] = [
  { rule: 'deceased_or_bankruptcy', check: deceasedOrBankruptcy },
  { rule: 'balance_paid', check: balancePaid },
  { rule: 'opt_out', check: optOut },
  { rule: 'dispute_or_insurance_hold', check: disputeOrInsuranceHold },
  { rule: 'sms_consent', check: smsConsent },
  { rule: 'contact_point', check: contactPoint },
];
