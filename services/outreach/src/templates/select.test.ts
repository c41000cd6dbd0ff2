import { TEMPLATE_CATALOG } from './catalog';
import { purposeFor, selectTemplate } from './select';

describe('template selection', () => {
  it.each([
    ['sms', 'text_pay_link', 'text_pay_link', 'payment_reminder'],
    ['letter', 'statement_one_page', 'statement_one_page', 'statement_notice'],
    ['email', 'email_insurance_summary', 'email_insurance_summary', 'payment_reminder'],
    ['letter', 'final_notice', 'final_notice', 'final_notice'],
    ['sms', 'plan_reminder', 'plan-reminder-2', 'plan_reminder'],
    ['email', 'whatever', 'dispute-ack', 'dispute_ack'],
  ] as const)('%s %s / %s is a %s', (channel, templateKey, stepKey, purpose) => {
    expect(purposeFor(channel, templateKey, stepKey)).toBe(purpose);
  });

  it('prefers the tone, keeps the language, and falls back to the channel reminder', () => {
    const sms = selectTemplate({ channel: 'sms', templateKey: 'text_pay_link', stepKey: 's', tone: 'friendly', language: 'es' });
    expect(sms.template).toMatchObject({ key: 'payment_reminder.sms.friendly', language: 'es' });
    const call = selectTemplate({ channel: 'call', templateKey: 'call_offer_plan', stepKey: 's', tone: 'neutral', language: 'en' });
    expect(call.template.key).toBe('payment_reminder.call_script.neutral');
    const letter = selectTemplate({ channel: 'letter', templateKey: 'statement_second_or_plan', stepKey: 's', tone: 'friendly', language: 'en' });
    expect(letter.template.key).toBe('statement_notice.letter.helpful');
  });

  it('an exact catalog key wins', () => {
    const t = selectTemplate({ channel: 'email', templateKey: 'final_notice.email.neutral', stepKey: 'x', tone: 'friendly', language: 'en' });
    expect(t).toMatchObject({ template: { key: 'final_notice.email.neutral' }, purpose: 'final_notice' });
  });

  it('a purpose without its own copy on a channel is still judged as the purpose asked for', () => {
    const catalog = TEMPLATE_CATALOG.filter((t) => !(t.channel === 'letter' && t.purpose === 'final_notice'));
    const r = selectTemplate({ channel: 'letter', templateKey: 'final_notice', stepKey: 'x', tone: 'neutral', language: 'en' }, catalog);
    expect(r).toMatchObject({ template: { purpose: 'statement_notice' }, purpose: 'final_notice' });
  });
});
