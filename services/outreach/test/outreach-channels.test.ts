import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OutreachActivities } from '@courtesy/workflows';
import { createOutreachApp, loadOutreachConfig, type OutreachConfig } from '../src';
import { OutreachActivitiesProvider } from '../src/worker/outreach-activities';
import { InboundService } from '../src/inbound/inbound.service';
import { CallTasksService } from '../src/call-tasks/call-tasks.service';
import { TwilioStandIn } from './support/twilio-stand-in';
import { ADMIN_TOKEN, TWILIO, nightZone, outreachEnv, request } from './support/outreach-env';

const MAIL_API = 'http://127.0.0.1:1080';

async function emailsTo(address: string): Promise<Array<{ id: string; subject: string; text: string; html: string }>> {
  const all = (await (await fetch(`${MAIL_API}/api/email`)).json()) as Array<{ id: string; to: { address: string }[]; subject: string; text: string; html: string }>;
  return all.filter((m) => m.to.some((t) => t.address === address));
}

describe('outreach channels against the real Postgres, SMTP sink and a Twilio stand-in', () => {
  const twilio = new TwilioStandIn();
  let app: INestApplication;
  let url: string;
  let config: OutreachConfig;
  let act: OutreachActivities;
  let db: DataSource;

  beforeAll(async () => {
    await twilio.start();
    config = loadOutreachConfig(outreachEnv({ ...TWILIO, TWILIO_API_BASE_URL: twilio.url }));
    ({ app, url } = await createOutreachApp(config));
    act = app.get(OutreachActivitiesProvider).activities();
    db = app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await twilio.stop();
  });

  it('texts through the real twilio SDK: a well-formed create request, and a retry sends nothing more', async () => {
    const req = request();
    const outcome = await act.sendText(req);
    expect(outcome).toMatchObject({ status: 'sent', attemptId: req.attemptKey, providerMessageId: expect.stringMatching(/^SM[0-9a-f]{32}$/) });

    const creates = twilio.requests.filter((r) => r.method === 'POST' && r.form.To === req.contact.phone);
    expect(creates).toHaveLength(1);
    const [c] = creates;
    expect(c.path).toBe(`/2010-04-01/Accounts/${TWILIO.TWILIO_ACCOUNT_SID}/Messages.json`);
    expect(c.authorization).toBe(`Basic ${Buffer.from(`${TWILIO.TWILIO_ACCOUNT_SID}:${TWILIO.TWILIO_AUTH_TOKEN}`).toString('base64')}`);
    expect(c.contentType).toBe('application/x-www-form-urlencoded');
    expect(c.userAgent).toMatch(/^twilio-node\//);
    expect(c.form).toEqual({
      To: req.contact.phone,
      Body: expect.stringContaining('Hi Robin, this is Maple Street Clinic. Your balance is $125.00.'),
      MessagingServiceSid: TWILIO.TWILIO_MESSAGING_SERVICE_SID,
      StatusCallback: 'https://pay.courtesy.test/webhooks/twilio/status',
    });
    expect(c.form.Body).toMatch(/https:\/\/pay\.courtesy\.test\/p\/[A-Za-z0-9_-]{12} /);
    expect(c.form.Body).toContain('Reply STOP to opt out.');

    expect(await act.sendText(req)).toEqual(outcome);
    expect(twilio.sentTo(req.contact.phone!)).toHaveLength(1);

    const [row] = await db.query('select status, rule, explanation, decision, policy_version, template_key, template_version from contact_attempts where attempt_key = $1', [req.attemptKey]);
    expect(row).toMatchObject({ status: 'sent', rule: 'allowed', policy_version: '3', template_key: 'payment_reminder.sms.friendly', template_version: 1 });
    expect(row.decision).toMatchObject({ outcome: 'allow', policyVersion: '3', timeZone: { basis: 'patient' } });
    expect(row.explanation).toMatch(/^Allowed sms payment_reminder at .* \(policy 3\)/);

    // One attempt_sent fact for accounts' scorecard, written with the sent mark; the retry added none.
    const facts = await db.query(`select payload from outbox where payload->>'eventId' = $1`, [`outreach:sent:${req.attemptKey}`]);
    expect(facts.map((f: { payload: Record<string, unknown> }) => f.payload)).toEqual([
      expect.objectContaining({ type: 'outreach.attempt_sent', attemptId: req.attemptKey, channel: 'sms', accountId: req.accountId, sentAt: expect.any(String) }),
    ]);
  });

  it('never texts without recorded consent, and says which rule held it back', async () => {
    const req = request({ contact: { smsConsent: false } });
    expect(await act.sendText(req)).toEqual({ status: 'not_possible', attemptId: req.attemptKey, reason: 'no_sms_consent', rule: 'sms_consent' });
    expect(twilio.sentTo(req.contact.phone!)).toHaveLength(0);
  });

  it('defers outside 8:00-21:00 in the patient’s own time zone', async () => {
    const req = request({ contact: { timeZone: nightZone() } });
    const outcome = await act.sendText(req);
    expect(outcome).toMatchObject({ status: 'deferred', rule: 'calling_window' });
    expect(Date.parse((outcome as { until: string }).until)).toBeGreaterThan(Date.now());
    expect(twilio.sentTo(req.contact.phone!)).toHaveLength(0);
  });

  it('attempts for one account at the same moment cannot together pass the weekly cap', async () => {
    const first = request({ weeklyMessageCap: 1 });
    const steps = Array.from({ length: 8 }, (_, i) => ({ ...first, attemptKey: `${first.workflowId}:day-${i}-text:1`, stepKey: `day-${i}-text` }));
    const outcomes = await Promise.all(steps.map((r, i) => (i % 2 ? act.sendEmail({ ...r, templateKey: 'email_insurance_summary' }) : act.sendText(r))));
    expect(outcomes.filter((o) => o.status === 'sent')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'deferred' && o.rule === 'weekly_contact_cap')).toHaveLength(7);
  });

  it('nothing during a dispute except the acknowledgement', async () => {
    const held = request({ holds: { disputed: true, insuranceHold: false, stopped: false } });
    expect(await act.sendText(held)).toMatchObject({ status: 'not_possible', reason: 'held', rule: 'dispute_or_insurance_hold' });
    const ack = request({ holds: { disputed: true, insuranceHold: false, stopped: false }, stepKey: 'dispute-ack', templateKey: 'dispute_ack' });
    expect(await act.sendText(ack)).toMatchObject({ status: 'sent' });
    expect(twilio.sentTo(ack.contact.phone!)[0].body).toContain('paused reminders');
  });

  it('STOP stops every later text for that number, and every other channel too; START opts back in', async () => {
    const first = request();
    await act.sendText(first);
    const inbound = app.get(InboundService);
    expect(await inbound.inboundText({ from: first.contact.phone!, body: 'Stop', messageSid: `SM-in-${first.accountId}` })).toEqual({ reply: null, intent: 'opt_out' });

    const later = { ...first, attemptKey: `${first.workflowId}:day-10-text:1`, stepKey: 'day-10-text' };
    expect(await act.sendText(later)).toMatchObject({ status: 'not_possible', reason: 'opted_out', rule: 'opt_out' });
    // Another account texted at the same number is stopped too: a STOP belongs to the number.
    const otherAccount = request({ contact: { phone: first.contact.phone } });
    expect(await act.sendText(otherAccount)).toMatchObject({ status: 'not_possible', reason: 'opted_out' });
    expect(await act.sendEmail({ ...first, attemptKey: `${first.workflowId}:day-18-email:1`, templateKey: 'email_insurance_summary' })).toMatchObject({
      status: 'not_possible',
      reason: 'opted_out',
    });
    expect(twilio.sentTo(first.contact.phone!)).toHaveLength(1);

    const [fact] = await db.query(`select payload from outbox where payload->>'eventId' = $1`, [`outreach:stop:SM-in-${first.accountId}:${first.accountId}`]);
    expect(fact.payload).toMatchObject({ type: 'outreach.opted_out', accountId: first.accountId, workflowId: first.workflowId, channels: ['sms', 'email', 'letter', 'call'] });

    await inbound.inboundText({ from: first.contact.phone!, body: 'START', messageSid: `SM-in2-${first.accountId}` });
    expect(await act.sendText({ ...first, attemptKey: `${first.workflowId}:day-12-text:1` })).toMatchObject({ status: 'sent' });
  });

  it('HELP answers with the clinic’s line; PLAN becomes a reply fact for the workflow', async () => {
    const req = request();
    await act.sendText(req);
    const inbound = app.get(InboundService);
    const help = await inbound.inboundText({ from: req.contact.phone!, body: 'HELP', messageSid: `SM-help-${req.accountId}` });
    expect(help.reply).toBe('Maple Street Clinic billing: for help with your bill, call (555) 010-0142. Reply STOP to opt out.');
    await inbound.inboundText({ from: req.contact.phone!, body: 'plan', messageSid: `SM-plan-${req.accountId}` });
    const [fact] = await db.query(`select payload from outbox where payload->>'eventId' = $1`, [`outreach:reply:SM-plan-${req.accountId}`]);
    expect(fact.payload).toMatchObject({ type: 'outreach.patient_replied', intent: 'plan', channel: 'sms', accountId: req.accountId });
  });

  it('an undeliverable number (status callback or Twilio error) is not texted again', async () => {
    const req = request();
    const sent = await act.sendText(req);
    const inbound = app.get(InboundService);
    const sid = (sent as { providerMessageId: string }).providerMessageId;
    expect(await inbound.deliveryStatus({ messageSid: sid, status: 'undelivered', errorCode: '30003' })).toEqual({ applied: true });
    expect(await inbound.deliveryStatus({ messageSid: sid, status: 'undelivered', errorCode: '30003' })).toEqual({ applied: false });
    expect(await act.sendText({ ...req, attemptKey: `${req.workflowId}:day-10-text:1` })).toMatchObject({ status: 'not_possible', reason: 'bad_number' });

    const bad = request();
    twilio.rejectNumbers.add(bad.contact.phone!);
    expect(await act.sendText(bad)).toMatchObject({ status: 'not_possible', reason: 'bad_number', rule: 'provider_rejected' });
    expect(await act.sendText({ ...bad, attemptKey: `${bad.workflowId}:day-10-text:1` })).toMatchObject({ status: 'not_possible', reason: 'bad_number', rule: 'contact_point' });
  });

  it('emails through the real SMTP sink: text and HTML from one template, List-Unsubscribe, and the link opts out', async () => {
    const req = request({ stepKey: 'day-18-email', templateKey: 'email_insurance_summary', figures: { clinicName: 'Maple Street Clinic', clinicPhone: '(555) 010-0142', insurancePaidCents: 33_500 } });
    const outcome = await act.sendEmail(req);
    expect(outcome).toMatchObject({ status: 'sent' });
    expect(await act.sendEmail(req)).toEqual(outcome);

    const mails = await emailsTo(req.contact.email!);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.subject).toBe('Maple Street Clinic: what your insurance paid, and what is left');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('Maple Street Clinic');
      expect(part).toContain('$335.00');
      expect(part).toContain('$125.00');
    }
    expect(mail.html).toMatch(/<a href="https:\/\/pay\.courtesy\.test\/p\/[A-Za-z0-9_-]{12}"/);
    const link = /https:\/\/pay\.courtesy\.test\/u\/([A-Za-z0-9_-]+)/.exec(mail.text)![0];
    expect(mail.html).toContain(link);
    // The sink's JSON drops structured headers, so read them from the raw message.
    const source = await (await fetch(`${MAIL_API}/api/email/${mail.id}/source`)).text();
    const headers = source.slice(0, source.indexOf('\r\n\r\n')).replace(/\r\n\s+/g, ' ');
    expect(headers).toMatch(new RegExp(`^List-Unsubscribe: <${link.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}>`, 'm'));
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);

    // The gateway serves /u/<token> and forwards here; this is the same call over outreach's internal API.
    const token = link.split('/u/')[1];
    const res = await fetch(`${url}/internal/unsubscribe/${token}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await act.sendEmail({ ...req, attemptKey: `${req.workflowId}:day-35-email:1` })).toMatchObject({ status: 'not_possible', reason: 'opted_out' });
    expect(await act.sendText({ ...req, attemptKey: `${req.workflowId}:day-36-text:1`, templateKey: 'text_pay_link' })).toMatchObject({ status: 'not_possible', reason: 'opted_out' });
    expect(await emailsTo(req.contact.email!)).toHaveLength(1);
  });

  it('a permanent bounce marks the address bad: no more email there, the workflow hears it', async () => {
    const req = request({ stepKey: 'day-18-email', templateKey: 'email_insurance_summary' });
    const sent = (await act.sendEmail(req)) as { providerMessageId: string };
    const res = await fetch(`${url}/internal/email/bounce`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messageId: sent.providerMessageId, permanent: true }),
    });
    expect(await res.json()).toEqual({ applied: true });
    expect(await act.sendEmail({ ...req, attemptKey: `${req.workflowId}:day-30-email:1` })).toMatchObject({ status: 'not_possible', reason: 'bad_email', rule: 'contact_point' });
    const [fact] = await db.query(`select payload from outbox where payload->>'eventId' = $1`, [`outreach:bounce:${sent.providerMessageId}`]);
    expect(fact.payload).toMatchObject({ type: 'outreach.message_failed', channel: 'email', reason: 'bad_email', attemptId: req.attemptKey });
  });

  it('mails the statement: a print-ready PDF and one manifest line in the drop, once', async () => {
    const req = {
      ...request({ stepKey: 'day-10-statement', templateKey: 'statement_one_page', contact: { lastName: 'Okafor', address: { line1: '12 Elm St', city: 'Springfield', state: 'IL', postalCode: '62701' } } }),
      dueDate: '2026-12-30',
    };
    const outcome = await act.mailStatement(req);
    expect(outcome).toMatchObject({ status: 'sent', providerMessageId: expect.stringMatching(/^st-/) });
    expect(await act.mailStatement(req)).toEqual(outcome);
    const day = new Date().toISOString().slice(0, 10);
    const manifest = (await readFile(join(config.STATEMENT_DROP_DIR, day, 'manifest.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const mine = manifest.filter((l) => l.attemptKey === req.attemptKey);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ sheets: 1, recipient: { name: 'Robin Okafor', line1: '12 Elm St' } });
    const pdf = await readFile(join(config.STATEMENT_DROP_DIR, day, mine[0].file));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // Returned mail: the address is marked undeliverable and staff get an address-check call.
    const returned = await app.get(InboundService).mailReturned({ tenantId: req.tenantId, accountId: req.accountId });
    expect(returned).toMatchObject({ applied: true, callTaskId: expect.any(String) });
    const [task] = await db.query('select purpose, status, workflow_id from call_tasks where id = $1', [returned.callTaskId]);
    expect(task).toEqual({ purpose: 'address_check', status: 'open', workflow_id: req.workflowId });
    expect(await app.get(InboundService).mailReturned({ tenantId: req.tenantId, accountId: req.accountId })).toEqual({ applied: true, callTaskId: undefined });
    expect(await act.mailStatement({ ...req, attemptKey: `${req.workflowId}:day-35-statement:1` })).toMatchObject({
      status: 'not_possible',
      reason: 'address_undeliverable',
    });

    const noAddress = { ...request({ stepKey: 'day-10-statement', templateKey: 'statement_one_page' }), dueDate: '2026-12-30' };
    expect(await act.mailStatement(noAddress)).toMatchObject({ status: 'not_possible', reason: 'no_address' });
  });

  it('queues a call task with the segment’s script; staff claim it and the outcome becomes a fact', async () => {
    const req = { ...request({ stepKey: 'day-25-call', templateKey: 'call_offer_plan', segment: 'high_value_engaged', tone: 'collaborative', tenantId: `t-calls-${Date.now()}` }), purpose: 'cadence' as const };
    const outcome = await act.createCallTask(req);
    expect(outcome).toMatchObject({ status: 'sent', providerMessageId: expect.stringMatching(/^call-task:\d+$/) });
    expect(await act.createCallTask(req)).toEqual(outcome);

    const calls = app.get(CallTasksService);
    const task = await calls.claim(req.tenantId, 'agent-7');
    expect(task).toMatchObject({ account_id: req.accountId, script_key: 'payment_reminder.call_script.collaborative', phone: req.contact.phone });
    expect(task!.script_text).toContain('Robin');
    expect(await calls.claim(req.tenantId, 'agent-8')).toBeUndefined();

    const res = await fetch(`${url}/internal/call-tasks/task/${task!.id}/outcome`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ agentId: 'agent-7', outcome: 'promise_to_pay', promiseBy: '2026-12-20T18:00:00Z', promiseAmountCents: 12_500 }),
    });
    expect(await res.json()).toEqual({ id: task!.id, outcome: 'promise_to_pay', applied: true });
    const [fact] = await db.query(`select payload from outbox where payload->>'eventId' = $1`, [`outreach:call:${task!.id}`]);
    expect(fact.payload).toMatchObject({ type: 'outreach.call_outcome', outcome: 'promise_to_pay', promiseAmountCents: 12_500, attemptId: req.attemptKey });

    // A conversation took place: no further call for 7 days.
    const next = { ...req, attemptKey: `${req.workflowId}:day-27-call:1` };
    expect(await act.createCallTask(next)).toMatchObject({ status: 'deferred', rule: 'call_after_conversation' });

    const bad = await fetch(`${url}/internal/call-tasks/task/${task!.id}/outcome`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ agentId: 'agent-7', outcome: 'maybe' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0].path).toBe('body.outcome');
  });

  it('reads the attempt log per account, with rule and policy version on every attempt', async () => {
    const req = request({ contact: { smsConsent: false } });
    await act.sendText(req);
    const res = await fetch(`${url}/internal/accounts/${req.tenantId}/${req.accountId}/attempts`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const body = (await res.json()) as { attempts: { explanation: string }[] };
    expect(body.attempts).toEqual([expect.objectContaining({ attemptKey: req.attemptKey, channel: 'sms', status: 'blocked', rule: 'sms_consent', policyVersion: '3' })]);
    expect(body.attempts[0].explanation).toContain('no recorded consent');
    expect((await fetch(`${url}/internal/accounts/${req.tenantId}/${req.accountId}/attempts`)).status).toBe(401);
  });

  it('refuses a malformed request for good, naming the field', async () => {
    await expect(act.sendText({ ...request(), language: 'fr' as 'en' })).rejects.toMatchObject({ nonRetryable: true, message: expect.stringContaining('language must be "en" or "es"') });
  });
});
