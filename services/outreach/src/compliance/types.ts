import type { TemplatePurpose } from '../templates/purposes';

/** How the patient is reached. Call scripts are templates; the attempt itself is a `call`. */
export type Channel = 'sms' | 'email' | 'letter' | 'call';
export const CHANNELS: readonly Channel[] = ['sms', 'email', 'letter', 'call'];

export interface AttemptRequest {
  readonly channel: Channel;
  readonly purpose: TemplatePurpose;
}

export type CallOutcome =
  'reached' | 'voicemail' | 'no_answer' | 'wrong_number' | 'promise_to_pay' | 'plan_requested' | 'dispute';

/**
 * One attempt actually made on the account (sent, placed, mailed); deferred and blocked requests are
 * not attempts and must not be passed here. Inbound calls count as conversations but not as call
 * attempts, which is how Regulation F counts them.
 */
export interface ContactAttemptRecord {
  readonly channel: Channel;
  /** UTC instant, ISO 8601. */
  readonly at: string;
  readonly direction?: 'outbound' | 'inbound';
  /** For calls: 'reached' (and the outcomes that imply one) mean a conversation took place. */
  readonly callOutcome?: CallOutcome;
}

export interface SmsConsentRecord {
  /** UTC instant, ISO 8601. */
  readonly grantedAt: string;
  /** Where consent was captured, e.g. 'intake_form', 'pay_page', 'sms_keyword_start'. */
  readonly source: string;
}

export interface OptOutRecord {
  readonly at: string;
  readonly channel: Channel;
  readonly source: string;
}

export type ContactPointStatus = 'deliverable' | 'invalid_number' | 'bounced' | 'undeliverable';

/**
 * A clinic's outreach policy as snapshotted into the workflow. It may only tighten the legal limits:
 * a wider calling window or a higher call cap than Regulation F is ignored, never honoured.
 */
export interface OutreachPolicy {
  readonly version: string;
  /** Outbound attempts on all channels together in any rolling 7 days. */
  readonly weeklyContactCap: number;
  /** Local minutes from midnight, [start, end). */
  readonly callingWindow?: { readonly startMinute: number; readonly endMinute: number };
  readonly callAttemptCap?: number;
  /** Local dates ('YYYY-MM-DD', patient's calendar) with no contact at all, e.g. holidays. */
  readonly quietDates?: readonly string[];
}

export interface ComplianceContext {
  readonly policy: OutreachPolicy;
  readonly patientTimeZone?: string | null;
  readonly clinicTimeZone?: string | null;
  readonly balanceCents: number;
  readonly accountFlags: { readonly deceased: boolean; readonly bankruptcy: boolean };
  readonly holds: { readonly dispute: boolean; readonly insurance: boolean };
  /** Any record here is an opt-out in force; opting back in removes it upstream. */
  readonly optOuts: readonly OptOutRecord[];
  readonly smsConsent: SmsConsentRecord | null;
  /** No entry for a channel means there is nowhere to send on it. */
  readonly contactPoints: Partial<Record<Channel, ContactPointStatus>>;
  /** At least the last 7 days of attempts on the account, any order; older ones are ignored. */
  readonly attempts: readonly ContactAttemptRecord[];
}

export type RuleName =
  | 'deceased_or_bankruptcy'
  | 'balance_paid'
  | 'opt_out'
  | 'dispute_or_insurance_hold'
  | 'sms_consent'
  | 'contact_point'
  | 'call_after_conversation'
  | 'call_attempt_cap'
  | 'weekly_contact_cap'
  | 'calling_window';

export type BlockReason =
  | 'deceased'
  | 'bankruptcy'
  | 'balance_paid'
  | 'opted_out'
  | 'dispute_open'
  | 'insurance_hold_open'
  | 'no_sms_consent'
  | 'invalid_number'
  | 'bounced_email'
  | 'undeliverable_address'
  | 'no_contact_point';

/** Which clock the calling window was read from, for the attempt log. */
export type ZoneBasis = 'patient' | 'clinic' | 'strictest_us';

interface DecisionBase {
  readonly policyVersion: string;
  readonly evaluatedAt: string;
  readonly timeZone: { readonly basis: ZoneBasis; readonly zones: readonly string[] };
  /** allow: every rule checked; defer/block: every rule that held the attempt back. */
  readonly rules: readonly RuleName[];
  /** Plain words for staff reading the contact-attempt log. */
  readonly explanation: string;
}

export type Decision =
  | (DecisionBase & { readonly outcome: 'allow' })
  | (DecisionBase & { readonly outcome: 'defer'; readonly until: string; readonly rule: RuleName })
  | (DecisionBase & { readonly outcome: 'block'; readonly rule: RuleName; readonly reason: BlockReason });

/** Thrown for malformed input: the guard fails closed rather than guessing. */
export class InvalidComplianceInput extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`invalid compliance input ${field}: ${detail}`);
    this.name = 'InvalidComplianceInput';
  }
}
