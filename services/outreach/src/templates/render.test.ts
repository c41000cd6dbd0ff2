import { TEMPLATE_CATALOG } from './catalog';
import { InvalidTemplateVariable, formatCents, formatDate } from './format';
import { MissingTemplateVariable, TemplateRuleViolation, render } from './render';
import type {
  EmailTemplate,
  Language,
  MessageTemplate,
  RenderVars,
  RenderedMessage,
  SmsTemplate,
} from './types';

const clinic = {
  name: 'Riverbend Family Clinic',
  colour: '#0b6e4f',
  phone: '(555) 010-0199',
  hours: { en: 'Mon–Fri 8am–5pm', es: 'lun. a vie., 8 a. m. a 5 p. m.' },
};

const vars: RenderVars = {
  clinic,
  firstName: 'Maria',
  amountDueCents: 123_456,
  insurancePaidCents: 48_000,
  remainingCents: 123_456,
  dueDate: '2026-07-15',
  payLink: 'https://pay.example.com/p/Ab3xY',
  unsubscribeLink: 'https://pay.example.com/u/Ab3xY',
  planPaymentCents: 7_500,
  planPaymentDate: '2026-08-01',
};

function find(key: string, language: Language): MessageTemplate {
  const t = TEMPLATE_CATALOG.find((x) => x.key === key && x.language === language);
  if (!t) throw new Error(`no ${key} ${language}`);
  return t;
}

function as<C extends RenderedMessage['channel']>(
  m: RenderedMessage,
  channel: C,
): Extract<RenderedMessage, { channel: C }> {
  expect(m.channel).toBe(channel);
  return m as Extract<RenderedMessage, { channel: C }>;
}

describe('money and dates', () => {
  it.each([
    [0, 'en', '$0.00'],
    [5, 'en', '$0.05'],
    [99, 'en', '$0.99'],
    [100, 'en', '$1.00'],
    [123_456, 'en', '$1,234.56'],
    [123_456, 'es', '$1,234.56'],
    [100_000_000_01, 'en', '$100,000,000.01'],
    [Number.MAX_SAFE_INTEGER, 'en', '$90,071,992,547,409.91'],
  ] as const)('%i cents in %s → %s', (cents, language, text) => {
    expect(formatCents(cents, language)).toBe(text);
  });

  it.each([[-1], [12.5], [Number.NaN]])('refuses %p cents', (cents) => {
    expect(() => formatCents(cents, 'en', 'amountDue')).toThrow(InvalidTemplateVariable);
  });

  it.each([
    ['2026-07-15', 'en', 'July 15, 2026'],
    ['2026-07-15', 'es', '15 de julio de 2026'],
    ['2026-03-08', 'en', 'March 8, 2026'],
    ['2026-12-31', 'es', '31 de diciembre de 2026'],
  ] as const)('%s in %s → %s', (date, language, text) => {
    expect(formatDate(date, language)).toBe(text);
  });

  it.each([['2026-02-30'], ['07/15/2026'], ['2026-7-15'], ['']])('refuses date %p', (date) => {
    expect(() => formatDate(date, 'en', 'dueDate')).toThrow(InvalidTemplateVariable);
  });
});

describe('render: SMS', () => {
  it.each([
    [
      'payment_reminder.sms.friendly',
      'en',
      [
        'Hi Maria,',
        'Riverbend Family Clinic',
        '$1,234.56',
        'https://pay.example.com/p/Ab3xY',
        '(555) 010-0199',
        'Reply STOP',
      ],
    ],
    [
      'payment_reminder.sms.friendly',
      'es',
      [
        'Hola Maria,',
        'Riverbend Family Clinic',
        '$1,234.56',
        'https://pay.example.com/p/Ab3xY',
        'Responda STOP',
      ],
    ],
    [
      'plan_reminder.sms.collaborative',
      'en',
      ['Hi Maria,', 'next plan payment', 'https://pay.example.com/p/Ab3xY'],
    ],
    ['dispute_ack.sms.reassuring', 'es', ['Hola Maria,', 'Pausamos los recordatorios', '(555) 010-0199']],
    ['help_reply.sms.neutral', 'en', ['Riverbend Family Clinic billing', '(555) 010-0199', 'STOP']],
  ] as const)('%s (%s)', (key, language, expected) => {
    const m = as(render(find(key, language), vars), 'sms');
    for (const part of expected) expect(m.text).toContain(part);
    expect(m.text).not.toMatch(/\{\{|\}\}/);
    expect(m.text.length).toBeLessThanOrEqual(320);
    expect(m).toMatchObject({ templateKey: key, templateVersion: 1, language });
  });

  it('uses the clinic SMS name when it has one', () => {
    const m = as(
      render(find('payment_reminder.sms.friendly', 'en'), {
        ...vars,
        clinic: { ...clinic, name: 'Lakeside Physical Therapy', smsName: 'Lakeside Billing' },
      }),
      'sms',
    );
    expect(m.text).toContain('Lakeside Billing');
    expect(m.text).not.toContain('Physical Therapy');
  });

  it.each([
    [
      'clinic name naming a specialty',
      { clinic: { ...clinic, name: 'Lakeside Physical Therapy' } },
      /clinic name reveals .*therapy/,
    ],
    [
      'Spanish specialty with accents',
      { clinic: { ...clinic, name: 'Clínica de Fisioterapia Sol' } },
      /fisioterapia/,
    ],
    [
      'pay link naming a specialty',
      { payLink: 'https://pay.lakesidetherapy.com/p/1' },
      /pay link reveals therapy/,
    ],
    [
      'pay link naming oncology',
      { payLink: 'https://billing.example.com/oncology/p/1' },
      /pay link reveals oncology/,
    ],
  ])('refuses a text when a value leaks health information: %s', (_name, override, message) => {
    expect(() => render(find('payment_reminder.sms.friendly', 'en'), { ...vars, ...override })).toThrow(
      message,
    );
  });

  it('refuses to send a text over 320 characters', () => {
    const long: SmsTemplate = {
      ...(find('help_reply.sms.neutral', 'en') as SmsTemplate),
      body: `{{clinicName}} ${'x'.repeat(300)} STOP`,
    };
    expect(() => render(long, vars)).toThrow(/over 320/);
  });

  it('refuses an SMS template that breaks the content rule even if nobody activated it', () => {
    const bad: SmsTemplate = {
      ...(find('help_reply.sms.neutral', 'en') as SmsTemplate),
      body: 'Your therapy bill is {{amountDue}}. Reply STOP',
    };
    expect(() => render(bad, vars)).toThrow(TemplateRuleViolation);
  });
});

describe('render: email', () => {
  const email = (language: Language, override: Partial<RenderVars> = {}) =>
    as(render(find('payment_reminder.email.helpful', language), { ...vars, ...override }), 'email');

  it('renders HTML and text from one template with branding, amounts and links', () => {
    const m = email('en');
    expect(m.subject).toBe('Riverbend Family Clinic: what your insurance paid, and what is left');
    for (const part of [
      'Hi Maria,',
      'Insurance paid: $480.00',
      'Left for you to pay: $1,234.56',
      'See my options: https://pay.example.com/p/Ab3xY',
      '(555) 010-0199 (Mon–Fri 8am–5pm)',
      'https://pay.example.com/u/Ab3xY',
    ]) {
      expect(m.text).toContain(part);
    }
    expect(m.html).toContain('<html lang="en">');
    expect(m.html).toContain('background:#0b6e4f;color:#ffffff');
    expect(m.html).toContain('href="https://pay.example.com/p/Ab3xY"');
    expect(m.html).toContain('<a href="https://pay.example.com/u/Ab3xY"');
    expect(m.html).toContain('$480.00');
    expect(m.html).toContain('Riverbend Family Clinic');
    expect(m.html).not.toMatch(/\{\{|\}\}/);
  });

  it('renders Spanish copy with the same figures', () => {
    const m = email('es');
    expect(m.subject).toBe('Riverbend Family Clinic: lo que pagó su seguro y lo que queda');
    expect(m.text).toContain('Pagó su seguro: $480.00');
    expect(m.text).toContain('lun. a vie., 8 a. m. a 5 p. m.');
    expect(m.html).toContain('<html lang="es">');
  });

  it('uses dark text on a pale brand colour', () => {
    expect(email('en', { clinic: { ...clinic, colour: '#ffe08a' } }).html).toContain(
      'background:#ffe08a;color:#1a1a1a',
    );
  });

  it('escapes what patients and clinics typed', () => {
    const m = email('en', {
      firstName: '<script>alert(1)</script>',
      clinic: { ...clinic, name: 'A & B "Care"' },
    });
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(m.html).toContain('A &amp; B &quot;Care&quot;');
    expect(m.text).toContain('<script>alert(1)</script>'); // plain text needs no escaping
  });

  it('renders the plan reminder with plan amount and date', () => {
    const m = as(render(find('plan_reminder.email.collaborative', 'es'), vars), 'email');
    expect(m.subject).toBe('Su próximo pago del plan: 1 de agosto de 2026');
    expect(m.text).toContain('$75.00');
  });
});

describe('render: letters and call scripts', () => {
  it('renders the statement letter as blocks and text', () => {
    const m = as(render(find('statement_notice.letter.helpful', 'en'), vars), 'letter');
    expect(m.title).toBe('Your statement from Riverbend Family Clinic');
    expect(m.blocks).toContainEqual({
      kind: 'amounts',
      rows: [
        { label: 'Insurance paid', value: '$480.00' },
        { label: 'Amount due', value: '$1,234.56' },
        { label: 'Please pay by', value: 'July 15, 2026' },
      ],
    });
    expect(m.text).toContain('Dear Maria,');
  });

  it('renders a call script with caller notes kept apart', () => {
    const m = as(render(find('payment_reminder.call_script.collaborative', 'es'), vars), 'call_script');
    expect(m.steps[0].say).toBe('Hola, ¿podría hablar con Maria, por favor?');
    expect(m.steps[0].note).toContain('(555) 010-0199');
    expect(m.text).toMatch(/^1\. Hola/);
    expect(m.text).toContain('$1,234.56');
  });
});

describe('render: missing and invalid variables', () => {
  it.each<[string, Language, Partial<RenderVars>, string]>([
    ['payment_reminder.sms.friendly', 'en', { firstName: undefined }, 'firstName'],
    ['payment_reminder.sms.friendly', 'en', { firstName: '  ' }, 'firstName'],
    ['payment_reminder.sms.friendly', 'es', { amountDueCents: undefined }, 'amountDue'],
    ['payment_reminder.sms.friendly', 'en', { payLink: undefined }, 'payLink'],
    ['payment_reminder.email.helpful', 'en', { insurancePaidCents: undefined }, 'insurancePaid'],
    ['payment_reminder.email.helpful', 'en', { remainingCents: undefined }, 'remaining'],
    ['payment_reminder.email.helpful', 'en', { unsubscribeLink: undefined }, 'unsubscribeLink'],
    [
      'payment_reminder.email.helpful',
      'es',
      { clinic: { ...clinic, hours: { en: 'Mon–Fri' } } },
      'clinicHours',
    ],
    ['statement_notice.letter.helpful', 'en', { dueDate: undefined }, 'dueDate'],
    ['plan_reminder.email.collaborative', 'en', { planPaymentDate: undefined }, 'planPaymentDate'],
  ])('%s (%s) without %p names the variable', (key, language, override, variable) => {
    const run = () => render(find(key, language), { ...vars, ...override });
    expect(run).toThrow(MissingTemplateVariable);
    expect(run).toThrow(`{{${variable}}}`);
    try {
      run();
    } catch (e) {
      expect((e as MissingTemplateVariable).variable).toBe(variable);
    }
  });

  it.each<[string, Partial<RenderVars>, string]>([
    ['a plain-http pay link', { payLink: 'http://pay.example.com/p/1' }, 'payLink'],
    ['a javascript: link', { payLink: 'javascript:alert(1)' }, 'payLink'],
    ['fractional cents', { remainingCents: 10.5 }, 'remaining'],
    [
      'a colour that is not #RRGGBB',
      { clinic: { ...clinic, colour: 'red;position:fixed' } },
      'clinic.colour',
    ],
  ])('refuses %s', (_name, override, variable) => {
    const run = () => render(find('payment_reminder.email.helpful', 'en'), { ...vars, ...override });
    expect(run).toThrow(InvalidTemplateVariable);
    expect(run).toThrow(variable);
  });

  it('refuses a placeholder it does not know', () => {
    const t = find('payment_reminder.email.helpful', 'en') as EmailTemplate;
    expect(() => render({ ...t, subject: 'Hello {{lastName}}' }, vars)).toThrow(
      /unknown placeholder \{\{lastName\}\}/,
    );
  });

  it('is pure: the same input renders the same output', () => {
    const t = find('final_notice.email.neutral', 'es');
    expect(render(t, vars)).toEqual(render(t, vars));
  });
});

describe('the catalog renders', () => {
  it.each(TEMPLATE_CATALOG.map((t) => [t.key, t.language, t] as const))('%s (%s)', (_key, _language, t) => {
    const m = render(t, vars);
    const texts = m.channel === 'email' ? [m.subject, m.html, m.text] : [m.text];
    for (const text of texts) expect(text).not.toMatch(/\{\{|\}\}/);
  });
});
