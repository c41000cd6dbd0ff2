/**
 * Twilio's webhooks and the unsubscribe link through the real gateway into the real outreach service (sandbox
 * SMS, real Postgres): a signed STOP stops every later text, a forged signature changes nothing.
 */
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import twilio from 'twilio';
import { DataSource } from 'typeorm';
import { createOutreachApp, loadOutreachConfig } from '../../services/outreach/src';
import { OutreachActivitiesProvider } from '../../services/outreach/src/worker/outreach-activities';
import { ADMIN_TOKEN, outreachEnv, request } from '../../services/outreach/test/support/outreach-env';
import { createGatewayApp } from '../../services/gateway/src/app';
import { loadGatewayConfig } from '../../services/gateway/src/config';

const AUTH_TOKEN = randomBytes(16).toString('hex');
const PUBLIC = 'https://pay.courtesy.test';

describe('gateway: Twilio webhooks and unsubscribe', () => {
  let outreach: INestApplication;
  let gateway: INestApplication;
  let gatewayUrl: string;
  let send: ReturnType<OutreachActivitiesProvider['activities']>;
  let db: DataSource;

  beforeAll(async () => {
    const o = await createOutreachApp(loadOutreachConfig(outreachEnv()));
    outreach = o.app;
    send = outreach.get(OutreachActivitiesProvider).activities();
    db = outreach.get(DataSource);
    const g = await createGatewayApp(
      loadGatewayConfig({
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_URL: 'postgres://gateway:gateway@127.0.0.1:5432/courtesy_test',
        DATABASE_SCHEMA: 'gateway',
        KAFKA_BROKERS: '127.0.0.1:9092',
        ADMIN_TOKEN,
        PUBLIC_BASE_URL: PUBLIC,
        OUTREACH_URL: o.url,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        LOG_LEVEL: 'warn',
      }),
    );
    gateway = g.app;
    gatewayUrl = g.url;
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
    await outreach?.close();
  });

  /** Posts a form the way Twilio does, signed with the SDK's own signer unless `signature` forges one. */
  const twilioPost = (path: string, params: Record<string, string>, signature?: string) =>
    fetch(`${gatewayUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signature ?? twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC}${path}`, params),
      },
      body: new URLSearchParams(params).toString(),
    });

  const sandboxTo = async (phone: string) =>
    Number((await db.query('select count(*) from sandbox_messages where to_address = $1', [phone]))[0].count);

  it('a forged signature is refused and changes nothing; a signed STOP stops every later text', async () => {
    const req = request();
    const phone = req.contact.phone!;
    expect(await send.sendText(req)).toMatchObject({ status: 'sent', providerMessageId: expect.stringMatching(/^SMsandbox/) });
    const stop = { From: phone, To: '+15550000000', Body: 'STOP', MessageSid: `SM${randomBytes(16).toString('hex')}`, AccountSid: `AC${randomBytes(16).toString('hex')}` };

    const forged = await twilioPost('/webhooks/twilio/sms', stop, twilio.getExpectedTwilioSignature('not-the-token-at-all', `${PUBLIC}/webhooks/twilio/sms`, stop));
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ errors: [{ path: 'headers.x-twilio-signature' }] });
    expect((await twilioPost('/webhooks/twilio/sms', { ...stop, Body: 'START' }, twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC}/webhooks/twilio/sms`, stop))).status).toBe(403);
    expect(await send.sendText({ ...req, attemptKey: `${req.workflowId}:day-5-text:1` })).toMatchObject({ status: 'sent' });

    const res = await twilioPost('/webhooks/twilio/sms', stop);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/xml/);
    expect(await res.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    for (const step of ['day-10-text', 'day-20-text', 'plan-reminder-1']) {
      expect(await send.sendText({ ...req, attemptKey: `${req.workflowId}:${step}:1`, stepKey: step })).toMatchObject({ status: 'not_possible', reason: 'opted_out' });
    }
    expect(await sandboxTo(phone)).toBe(2);
    const recorded = await fetch(`${gatewayUrl}/staff/sandbox/messages?to=${encodeURIComponent(phone)}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const { messages } = (await recorded.json()) as { messages: { to: string; body: string }[] };
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatchObject({ to: phone, body: expect.stringContaining('Reply STOP to opt out.') });
  });

  it('HELP is answered in TwiML with the clinic’s line', async () => {
    const req = request();
    await send.sendText(req);
    const res = await twilioPost('/webhooks/twilio/sms', { From: req.contact.phone!, Body: 'help', MessageSid: `SM${randomBytes(16).toString('hex')}` });
    expect(await res.text()).toContain('<Message>Maple Street Clinic billing: for help with your bill, call (555) 010-0142. Reply STOP to opt out.</Message>');
  });

  it('a signed status callback records delivery on the attempt', async () => {
    const req = request();
    const sent = (await send.sendText(req)) as { providerMessageId: string };
    const res = await twilioPost('/webhooks/twilio/status', { MessageSid: sent.providerMessageId, MessageStatus: 'delivered' });
    expect(res.status).toBe(204);
    const [row] = await db.query('select delivery_status from contact_attempts where attempt_key = $1', [req.attemptKey]);
    expect(row.delivery_status).toBe('delivered');
    expect((await twilioPost('/webhooks/twilio/status', { MessageSid: sent.providerMessageId, MessageStatus: 'failed' }, 'AAAA')).status).toBe(403);
  });

  it('the unsubscribe link shows a confirmation page and the button opts out', async () => {
    const req = request({ stepKey: 'day-18-email', templateKey: 'email_insurance_summary' });
    expect(await send.sendEmail(req)).toMatchObject({ status: 'sent' });
    const [row] = await db.query('select unsubscribe_token from contact_attempts where attempt_key = $1', [req.attemptKey]);
    const page = await fetch(`${gatewayUrl}/u/${row.unsubscribe_token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<form method="post" action="/u/${row.unsubscribe_token}">`);
    // Loading the page alone does not opt out.
    expect(await send.sendEmail({ ...req, attemptKey: `${req.workflowId}:day-30-email:1` })).toMatchObject({ status: 'sent' });

    const done = await fetch(`${gatewayUrl}/u/${row.unsubscribe_token}`, { method: 'POST' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('You are unsubscribed');
    expect(await send.sendEmail({ ...req, attemptKey: `${req.workflowId}:day-40-email:1` })).toMatchObject({ status: 'not_possible', reason: 'opted_out' });
    expect((await fetch(`${gatewayUrl}/u/${'x'.repeat(24)}`, { method: 'POST' })).status).toBe(404);
  });

  it('staff read the attempt log per account through the gateway', async () => {
    const req = request({ contact: { smsConsent: false } });
    await send.sendText(req);
    const res = await fetch(`${gatewayUrl}/staff/tenants/${req.tenantId}/accounts/${req.accountId}/attempts`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ attempts: [{ attemptKey: req.attemptKey, status: 'blocked', rule: 'sms_consent', policyVersion: '3' }] });
    expect((await fetch(`${gatewayUrl}/staff/tenants/${req.tenantId}/accounts/${req.accountId}/attempts`)).status).toBe(401);
  });
});
