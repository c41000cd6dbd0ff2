/**
 * The contract between BalanceWorkflow and the message templates: every step of the default cadence, sent by
 * email or text (a step's fallback can land on either), in every tone and language, renders from a request that
 * carries only what the workflow sends. A template that needs a figure the workflow does not provide is refused
 * as non-retryable at send time; the final notice email did exactly that for every balance until its {{dueDate}}
 * was sent, and no test between the two packages noticed.
 */
import { domain, type OutreachRequestBase } from '@courtesy/workflows';
import type { OutreachConfig } from '../config';
import { EmailSender } from '../email/email-sender';
import { PayLinkClient } from '../pay-links/pay-link-client';
import { TextSender } from '../sms/text-sender';
import type { AttemptRow } from './attempt-log';

const config = {
  PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
  PAY_LINK_SOURCE: 'local',
  DEFAULT_CLINIC_PHONE: '(555) 010-0100',
  DEFAULT_CLINIC_HOURS_EN: 'Monday to Friday, 8 am to 6 pm',
  DEFAULT_CLINIC_HOURS_ES: 'de lunes a viernes, de 8 a. m. a 6 p. m.',
} as OutreachConfig;

// Transports are never reached: prepare() only picks and renders.
const payLinks = new PayLinkClient(config);
const email = new EmailSender(undefined as never, config, null, payLinks);
const text = new TextSender(undefined as never, config, undefined as never, payLinks);
const row = { unsubscribe_token: 'tok-123' } as AttemptRow;

/** What BalanceWorkflow's send() puts in a request (workflows/src/workflows/balance.ts). */
function workflowRequest(step: domain.CadenceStep, tone: domain.Tone, language: 'en' | 'es'): OutreachRequestBase {
  return {
    attemptKey: `balance:t1:c1:a1:${step.key}:1`,
    workflowId: 'balance:t1:c1:a1',
    tenantId: 't1',
    clinicId: 'c1',
    accountId: 'a1',
    stepKey: step.key,
    templateKey: step.templateKey,
    tone,
    segment: 'silent_aged',
    language,
    balanceCents: 12_345,
    policyVersion: 1,
    weeklyMessageCap: 3,
    contact: { firstName: 'Ana', email: 'ana@example.test', phone: '+13125550100', timeZone: 'America/Chicago', smsConsent: true },
    holds: { disputed: false, insuranceHold: false, stopped: false },
    figures: { clinicName: 'Harbor Family Practice', dueDate: '2026-12-31' },
  };
}

const cases = domain.defaultPolicy().cadence.flatMap((step) =>
  domain.TONES.flatMap((tone) => (['en', 'es'] as const).map((language) => ({ step: step.key, tone, language, req: workflowRequest(step, tone, language) }))),
);

describe('every default cadence step renders from what BalanceWorkflow sends', () => {
  it.each(cases)('$step, $tone, $language: email', async ({ req }) => {
    const prepared = await email.prepare(req, row);
    expect(prepared.text).toContain('/p/');
  });

  it.each(cases)('$step, $tone, $language: text', async ({ req }) => {
    const prepared = await text.prepare(req);
    expect(prepared.body).toContain('/p/');
  });

  it('the final notice email names the pay-by date the workflow sent', async () => {
    const step = domain.defaultPolicy().cadence.find((s) => s.kind === 'final_notice')!;
    const prepared = await email.prepare(workflowRequest(step, 'neutral', 'en'), row);
    expect(prepared.text).toContain('December 31, 2026');
  });
});
