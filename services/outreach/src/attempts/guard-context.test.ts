import type { OutreachRequestBase } from '@courtesy/workflows';
import type { ContactPointRow } from '../contact-points/contact-points.service';
import { guardContext } from './guard-context';

const now = new Date('2026-12-02T18:00:00Z');
const req = (over: Partial<OutreachRequestBase> = {}, contact: Partial<OutreachRequestBase['contact']> = {}): OutreachRequestBase => ({
  attemptKey: 'balance:t:c:a:day-3-text:1',
  workflowId: 'balance:t:c:a',
  tenantId: 't',
  clinicId: 'c',
  accountId: 'a',
  stepKey: 'day-3-text',
  templateKey: 'text_pay_link',
  tone: 'friendly',
  segment: 'fresh',
  language: 'en',
  balanceCents: 100,
  policyVersion: 7,
  weeklyMessageCap: 4,
  holds: { disputed: false, insuranceHold: false, stopped: false },
  ...over,
  contact: { phone: '+15550100001', timeZone: 'America/Denver', smsConsent: true, ...contact },
});
const point = (over: Partial<ContactPointRow>): ContactPointRow => ({
  tenant_id: 't',
  account_id: 'a',
  channel: 'sms',
  address: '+15550100001',
  status: 'deliverable',
  opted_out_at: null,
  opt_out_source: null,
  sms_consent_at: null,
  sms_consent_source: null,
  ...over,
});
const ctx = (request: OutreachRequestBase, points: ContactPointRow[] = [], destination: string | undefined = '+15550100001') =>
  guardContext({ request, channel: 'sms', destination, points, attempts: [], clinicTimeZone: 'America/Chicago', now });

describe('guard context: the workflow snapshot and outreach’s own records, the stricter wins', () => {
  it('carries policy version, cap, zones, holds and balance from the request', () => {
    const c = ctx(req({ holds: { disputed: true, insuranceHold: false, stopped: false } }));
    expect(c).toMatchObject({
      policy: { version: '7', weeklyContactCap: 4 },
      patientTimeZone: 'America/Denver',
      clinicTimeZone: 'America/Chicago',
      balanceCents: 100,
      holds: { dispute: true, insurance: false },
      accountFlags: { deceased: false, bankruptcy: false },
      contactPoints: { sms: 'deliverable' },
      optOuts: [],
    });
  });

  it('a stop flag is deceased unless the workflow says bankruptcy', () => {
    const stopped = { disputed: false, insuranceHold: false, stopped: true };
    expect(ctx(req({ holds: stopped })).accountFlags).toEqual({ deceased: true, bankruptcy: false });
    expect(ctx(req({ holds: stopped, figures: { stopReason: 'bankruptcy' } })).accountFlags).toEqual({ deceased: false, bankruptcy: true });
  });

  it('an opt-out recorded by outreach counts even when the snapshot has consent', () => {
    const c = ctx(req(), [point({ opted_out_at: new Date('2026-11-30T10:00:00Z'), opt_out_source: 'sms_keyword_stop' })]);
    expect(c.optOuts).toEqual([{ at: '2026-11-30T10:00:00.000Z', channel: 'sms', source: 'sms_keyword_stop' }]);
  });

  it('a bad number on file for this address blocks it; a new number starts deliverable', () => {
    expect(ctx(req(), [point({ status: 'invalid_number' })]).contactPoints).toEqual({ sms: 'invalid_number' });
    expect(ctx(req({}, { phone: '+15550100002' }), [point({ status: 'invalid_number' })], '+15550100002').contactPoints).toEqual({ sms: 'deliverable' });
  });

  it('no destination means no contact point on the channel', () => {
    const c = guardContext({ request: req(), channel: 'sms', destination: undefined, points: [], attempts: [], clinicTimeZone: undefined, now });
    expect(c.contactPoints).toEqual({});
    expect(c.clinicTimeZone).toBeNull();
  });

  it('consent: a START keyword record, else the snapshot’s (never earlier than recorded), else none', () => {
    expect(ctx(req({}, { smsConsent: false }), [point({ sms_consent_at: new Date('2026-11-01T00:00:00Z'), sms_consent_source: 'sms_keyword_start' })]).smsConsent).toEqual({
      grantedAt: '2026-11-01T00:00:00.000Z',
      source: 'sms_keyword_start',
    });
    expect(ctx(req({}, { smsConsentAt: '2026-01-05T15:00:00Z', smsConsentSource: 'intake_form' })).smsConsent).toEqual({ grantedAt: '2026-01-05T15:00:00Z', source: 'intake_form' });
    expect(ctx(req()).smsConsent).toEqual({ grantedAt: now.toISOString(), source: 'contact_snapshot' });
    expect(ctx(req({}, { smsConsent: false })).smsConsent).toBeNull();
  });
});
