import { canActivate } from './activation';
import { TEMPLATE_CATALOG } from './catalog';
import { findSensitiveContent, findSensitiveInLink, smsRuleViolations } from './sms-content-rule';
import type { EmailTemplate, MessageTemplate, SmsTemplate } from './types';

const smsEn: SmsTemplate = {
  key: 'test.sms',
  version: 3,
  channel: 'sms',
  language: 'en',
  tone: 'friendly',
  purpose: 'payment_reminder',
  body: 'Hi {{firstName}}, {{clinicName}} here. You owe {{amountDue}}: {{payLink}} Call {{clinicPhone}}. Reply STOP to opt out.',
};
const smsEs: SmsTemplate = {
  ...smsEn,
  language: 'es',
  body: 'Hola {{firstName}}, le escribe {{clinicName}}. Debe {{amountDue}}: {{payLink}} Llame al {{clinicPhone}}. Responda STOP para salir.',
};

const refusal = (t: MessageTemplate, all: readonly MessageTemplate[]) => {
  const r = canActivate(t, all);
  return r.ok ? [] : r.reasons;
};

describe('canActivate', () => {
  it('accepts a clean pair', () => {
    expect(canActivate(smsEn, [smsEn, smsEs])).toEqual({ ok: true });
    expect(canActivate(smsEs, [smsEn, smsEs])).toEqual({ ok: true });
  });

  it('accepts every template in the catalog', () => {
    const refused = TEMPLATE_CATALOG.map(
      (t) => [t.key, t.language, refusal(t, TEMPLATE_CATALOG)] as const,
    ).filter(([, , reasons]) => reasons.length > 0);
    expect(refused).toEqual([]);
  });

  it('has English and Spanish for every key in the catalog', () => {
    const keys = new Set(TEMPLATE_CATALOG.map((t) => t.key));
    for (const key of keys) {
      expect(
        TEMPLATE_CATALOG.filter((t) => t.key === key)
          .map((t) => t.language)
          .sort(),
      ).toEqual(['en', 'es']);
    }
  });

  it.each<[string, Partial<SmsTemplate>, RegExp]>([
    [
      'a diagnosis word',
      { body: 'Hi {{firstName}}, your diagnosis bill is {{amountDue}}. Reply STOP' },
      /health information: diagnosis/,
    ],
    [
      'a specialty',
      { body: 'Hi {{firstName}}, your Physical Therapy balance is {{amountDue}}. Reply STOP' },
      /physical therapy/,
    ],
    [
      'mental health',
      { body: '{{clinicName}} mental health services: {{amountDue}} due. Reply STOP' },
      /mental health/,
    ],
    ['counseling', { body: 'Your counseling balance: {{amountDue}}. Reply STOP' }, /counseling/],
    ['psychiatry', { body: 'Psychiatry billing: {{amountDue}}. Reply STOP' }, /psychiatry/],
    ['oncology', { body: 'Oncology dept: {{amountDue}}. Reply STOP' }, /oncology/],
    ['surgery', { body: 'For your surgery on May 2: {{amountDue}}. Reply STOP' }, /surgery/],
    [
      'a Spanish specialty with accents',
      { body: 'Su saldo de psiquiatría es {{amountDue}}. Responda STOP' },
      /psiquiatria/,
    ],
    ['a CPT code', { body: 'Charge 97110: {{amountDue}}. Reply STOP' }, /97110/],
    ['an ICD-10 code', { body: 'Visit code F41.1: {{amountDue}}. Reply STOP' }, /F41\.1/],
    ['an HCPCS code', { body: 'Item G0283 {{amountDue}}. Reply STOP' }, /G0283/],
    [
      'a placeholder texts may not carry',
      { body: 'Hi {{firstName}}, due {{dueDate}}: {{amountDue}}. Reply STOP' },
      /may not use \{\{dueDate\}\}/,
    ],
    [
      'insurance amounts',
      { body: 'Insurance paid {{insurancePaid}}. Reply STOP' },
      /may not use \{\{insurancePaid\}\}/,
    ],
    [
      'no way to opt out',
      { body: 'Hi {{firstName}}, you owe {{amountDue}}: {{payLink}}' },
      /opt out \(reply STOP\)/,
    ],
    [
      'a text too long for long names',
      { body: `{{clinicName}} {{firstName}} ${'a'.repeat(270)} STOP` },
      /may reach \d+ characters/,
    ],
    [
      'an unknown placeholder',
      { body: 'Hi {{lastName}}, Reply STOP' },
      /unknown placeholder \{\{lastName\}\}/,
    ],
    ['a malformed placeholder', { body: 'Hi {firstName}}, Reply STOP' }, /stray brace/],
  ])('refuses an SMS with %s', (_name, change, reason) => {
    const en = { ...smsEn, ...change };
    const reasons = refusal(en, [en, smsEs]);
    expect(reasons.some((r) => reason.test(r))).toBe(true);
  });

  it.each<[string, MessageTemplate[], RegExp]>([
    ['no Spanish version', [smsEn], /missing the es version of test\.sms v3/],
    ['Spanish only for an older version', [smsEn, { ...smsEs, version: 2 }], /missing the es version/],
    ['Spanish under another key', [smsEn, { ...smsEs, key: 'other.sms' }], /missing the es version/],
    [
      'a Spanish version with a different purpose',
      [smsEn, { ...smsEs, purpose: 'final_notice' }],
      /differs in purpose/,
    ],
    ['a Spanish version with a different tone', [smsEn, { ...smsEs, tone: 'neutral' }], /differs in tone/],
    [
      'a Spanish version that needs other variables',
      [smsEn, { ...smsEs, body: 'Hola {{firstName}}, debe {{amountDue}}. Responda STOP' }],
      /different placeholders/,
    ],
    [
      'two English versions of the same key',
      [smsEn, { ...smsEn, body: `${smsEn.body} ` }, smsEs],
      /already test\.sms v3 in en/,
    ],
  ])('refuses when there is %s', (_name, all, reason) => {
    const reasons = refusal(smsEn, all);
    expect(reasons.some((r) => reason.test(r))).toBe(true);
  });

  it('reports every reason at once', () => {
    const bad = { ...smsEn, body: 'Your therapy bill {{dueDate}}' };
    const reasons = refusal(bad, [bad]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/may not use \{\{dueDate\}\}/),
        expect.stringMatching(/therapy/),
        expect.stringMatching(/STOP/),
        expect.stringMatching(/missing the es version/),
      ]),
    );
  });

  it('refuses an email without an unsubscribe link', () => {
    const email = TEMPLATE_CATALOG.find((t) => t.channel === 'email' && t.language === 'en') as EmailTemplate;
    const noLink: EmailTemplate = { ...email, blocks: email.blocks.filter((b) => b.kind !== 'fine_print') };
    expect(refusal(noLink, TEMPLATE_CATALOG)).toContain('email must include {{unsubscribeLink}}');
  });

  it('does not apply the SMS word list to emails, where a statement may explain more', () => {
    const email = TEMPLATE_CATALOG.find((t) => t.channel === 'email' && t.language === 'en') as EmailTemplate;
    const withWord: EmailTemplate = { ...email, subject: 'About your treatment bill' };
    expect(refusal(withWord, TEMPLATE_CATALOG).filter((r) => /health information/.test(r))).toEqual([]);
  });

  it('refuses a version that is not a positive integer', () => {
    const v0 = { ...smsEn, version: 0 };
    expect(refusal(v0, [v0, { ...smsEs, version: 0 }])).toEqual([
      'version must be a positive integer, got 0',
    ]);
  });
});

describe('SMS content rule', () => {
  it.each([
    ['Your balance is ready', []],
    ['Thanks for your visit', []],
    ['Reply STOP to opt out', []],
    ['Your THERAPY bill', ['therapy']],
    ['salud   mental', ['salud mental']],
    ['Cirugía', ['cirugia']],
    ['therapists and rehab', ['therapist', 'therapists', 'rehab']],
    ['surgeons, by word start', ['surgeon']],
    ['still standard: short terms only as whole words', []],
    ['an STI test', ['sti']],
    ['codes 97110 and Z00.00', ['97110', 'Z00.00']],
    ['phone (555) 010-0199 is not a code', []],
  ])('%p → %p', (text, found) => {
    expect(findSensitiveContent(text)).toEqual(found);
  });

  it.each([
    ['https://pay.example.com/p/Ab3xY', []],
    ['https://pay.lakesidetherapy.com/p/1', ['therapy']],
    ['https://pay.example.com/Oncology-Center/1', ['oncology']],
    ['https://clinica-salud-mental.example/p', ['salud mental']],
  ])('link %s → %p', (url, found) => {
    expect(findSensitiveInLink(url)).toEqual(found);
  });

  it('checks only the literal copy, not placeholder names', () => {
    expect(smsRuleViolations('{{clinicName}}: {{amountDue}} due. Reply STOP')).toEqual([]);
  });
});
