import type { OutreachRequestBase } from '@courtesy/workflows';
import type { Channel, ComplianceContext, ContactAttemptRecord, ContactPointStatus, OptOutRecord, SmsConsentRecord } from '../compliance';
import type { ContactPointRow } from '../contact-points/contact-points.service';

/**
 * Builds the guard's view of one attempt from the workflow's request (snapshot of contact facts, holds,
 * policy figures) and outreach's own records (opt-outs, bad addresses, keyword consent, attempt log).
 * Pure, so the merge rules are table-tested: the stricter of the two sources always wins.
 */
export function guardContext(input: {
  request: OutreachRequestBase;
  channel: Channel;
  destination: string | undefined;
  points: readonly ContactPointRow[];
  attempts: readonly ContactAttemptRecord[];
  clinicTimeZone: string | undefined;
  now: Date;
}): ComplianceContext {
  const { request, channel, destination, points } = input;
  const mine = points.filter((p) => p.tenant_id === request.tenantId && p.account_id === request.accountId);

  // `points` are the account's own plus other accounts' records for the same phone number (a STOP is per
  // number): any opt-out among them stops every channel.
  const optOuts: OptOutRecord[] = points
    .filter((p) => p.opted_out_at !== null)
    .map((p) => ({ at: new Date(p.opted_out_at!).toISOString(), channel: p.channel, source: p.opt_out_source ?? 'unknown' }));

  const contactPoints: Partial<Record<Channel, ContactPointStatus>> = {};
  if (destination !== undefined) {
    const known = mine.find((p) => p.channel === channel && p.address === destination);
    contactPoints[channel] = known?.status ?? 'deliverable';
  }

  return {
    policy: { version: String(request.policyVersion), weeklyContactCap: request.weeklyMessageCap },
    patientTimeZone: request.contact.timeZone ?? null,
    clinicTimeZone: input.clinicTimeZone ?? null,
    balanceCents: request.balanceCents,
    accountFlags: {
      deceased: request.holds.stopped && request.figures?.stopReason !== 'bankruptcy',
      bankruptcy: request.holds.stopped && request.figures?.stopReason === 'bankruptcy',
    },
    holds: { dispute: request.holds.disputed, insurance: request.holds.insuranceHold },
    optOuts,
    smsConsent: smsConsent(request, points, input.now),
    contactPoints,
    attempts: input.attempts,
  };
}

function smsConsent(request: OutreachRequestBase, points: readonly ContactPointRow[], now: Date): SmsConsentRecord | null {
  const phone = request.contact.phone;
  // A START from this number is the patient's own express consent.
  const keyword = points.find((p) => p.channel === 'sms' && p.address === phone && p.sms_consent_at !== null);
  if (keyword) return { grantedAt: new Date(keyword.sms_consent_at!).toISOString(), source: keyword.sms_consent_source ?? 'sms_keyword_start' };
  if (request.contact.smsConsent !== true) return null;
  return {
    // Without a recorded instant the consent counts from this request, never from before it.
    grantedAt: request.contact.smsConsentAt ?? now.toISOString(),
    source: request.contact.smsConsentSource ?? 'contact_snapshot',
  };
}
