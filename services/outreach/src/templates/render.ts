import { InvalidTemplateVariable, formatCents, formatDate } from './format';
import { escapeHtml, isBrandColour, textColourOn } from './html';
import { LINK_PLACEHOLDERS, isPlaceholder, segments, type Placeholder } from './placeholders';
import {
  SMS_MAX_CHARS,
  findSensitiveContent,
  findSensitiveInLink,
  smsRuleViolations,
} from './sms-content-rule';
import type {
  Block,
  CallScriptTemplate,
  EmailTemplate,
  LetterTemplate,
  MessageTemplate,
  RenderVars,
  RenderedBlock,
  RenderedMessage,
  SmsTemplate,
} from './types';

export class MissingTemplateVariable extends Error {
  constructor(
    readonly variable: Placeholder,
    template: MessageTemplate,
  ) {
    super(
      `template ${template.key} v${template.version} (${template.language}) needs {{${variable}}}, which was not provided`,
    );
    this.name = 'MissingTemplateVariable';
  }
}

/** The template itself (or what a variable put into a text) breaks a content rule. */
export class TemplateRuleViolation extends Error {
  constructor(
    template: MessageTemplate,
    readonly reasons: readonly string[],
  ) {
    super(`template ${template.key} v${template.version} (${template.language}): ${reasons.join('; ')}`);
    this.name = 'TemplateRuleViolation';
  }
}

type Resolve = (name: Placeholder) => string;

function resolver(t: MessageTemplate, vars: RenderVars): Resolve {
  const cache = new Map<Placeholder, string>();
  const need = <T>(name: Placeholder, v: T | undefined): T => {
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      throw new MissingTemplateVariable(name, t);
    }
    return v;
  };
  const link = (name: Placeholder, url: string | undefined): string => {
    const u = need(name, url).trim();
    // Only https links go to patients: no plain-text payment pages, no javascript: or data: URLs. A
    // loopback http link is let through for local development: it cannot reach a patient anyway.
    if (!/^https:\/\/[^\s"'<>]+$/.test(u) && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/[^\s"'<>]*$/.test(u))
      throw new InvalidTemplateVariable(name, `expected an https URL, got ${u}`);
    return u;
  };
  const lang = t.language;
  const compute = (name: Placeholder): string => {
    switch (name) {
      case 'clinicName':
        return need(
          name,
          t.channel === 'sms' ? (vars.clinic.smsName ?? vars.clinic.name) : vars.clinic.name,
        ).trim();
      case 'clinicPhone':
        return need(name, vars.clinic.phone).trim();
      case 'clinicHours':
        return need(name, vars.clinic.hours[lang]).trim();
      case 'firstName':
        return need(name, vars.firstName).trim();
      case 'amountDue':
        return formatCents(need(name, vars.amountDueCents), lang, name);
      case 'insurancePaid':
        return formatCents(need(name, vars.insurancePaidCents), lang, name);
      case 'remaining':
        return formatCents(need(name, vars.remainingCents), lang, name);
      case 'planPaymentAmount':
        return formatCents(need(name, vars.planPaymentCents), lang, name);
      case 'dueDate':
        return formatDate(need(name, vars.dueDate), lang, name);
      case 'planPaymentDate':
        return formatDate(need(name, vars.planPaymentDate), lang, name);
      case 'payLink':
        return link(name, vars.payLink);
      case 'unsubscribeLink':
        return link(name, vars.unsubscribeLink);
    }
  };
  return (name) => {
    let v = cache.get(name);
    if (v === undefined) {
      v = compute(name);
      cache.set(name, v);
    }
    return v;
  };
}

function checkedName(name: string, t: MessageTemplate): Placeholder {
  if (!isPlaceholder(name)) throw new TemplateRuleViolation(t, [`unknown placeholder {{${name}}}`]);
  return name;
}

function fillText(text: string, t: MessageTemplate, resolve: Resolve): string {
  return segments(text)
    .map((s) => ('name' in s ? resolve(checkedName(s.name, t)) : s.literal))
    .join('');
}

function fillHtml(text: string, t: MessageTemplate, resolve: Resolve, linkStyle: string): string {
  return segments(text)
    .map((s) => {
      if (!('name' in s)) return escapeHtml(s.literal);
      const name = checkedName(s.name, t);
      const value = escapeHtml(resolve(name));
      return LINK_PLACEHOLDERS.has(name) ? `<a href="${value}" style="${linkStyle}">${value}</a>` : value;
    })
    .join('');
}

function renderBlock(b: Block, fill: (text: string) => string): RenderedBlock {
  switch (b.kind) {
    case 'amounts':
      return { kind: 'amounts', rows: b.rows.map((r) => ({ label: fill(r.label), value: fill(r.value) })) };
    case 'action':
      return { kind: 'action', label: fill(b.label), href: fill(b.href) };
    default:
      return { kind: b.kind, text: fill(b.text) };
  }
}

function blocksAsText(blocks: readonly RenderedBlock[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'amounts':
          return b.rows.map((r) => `${r.label}: ${r.value}`).join('\n');
        case 'action':
          return `${b.label}: ${b.href}`;
        case 'fine_print':
          return `--\n${b.text}`;
        default:
          return b.text;
      }
    })
    .join('\n\n');
}

function renderSms(t: SmsTemplate, vars: RenderVars): RenderedMessage {
  const problems = smsRuleViolations(t.body);
  if (problems.length > 0) throw new TemplateRuleViolation(t, problems);
  const resolve = resolver(t, vars);
  const text = fillText(t.body, t, resolve);
  // Values are checked too: the rule is about what the phone shows, not only what we wrote.
  const leaks: string[] = [];
  if (/\{\{\s*clinicName\s*\}\}/.test(t.body)) {
    const found = findSensitiveContent(resolve('clinicName'));
    if (found.length > 0) leaks.push(`clinic name reveals ${found.join(', ')}; set the clinic's smsName`);
  }
  if (/\{\{\s*payLink\s*\}\}/.test(t.body)) {
    const found = findSensitiveInLink(resolve('payLink'));
    if (found.length > 0) leaks.push(`pay link reveals ${found.join(', ')}`);
  }
  if (text.length > SMS_MAX_CHARS)
    leaks.push(`rendered text is ${text.length} characters, over ${SMS_MAX_CHARS}`);
  if (leaks.length > 0) throw new TemplateRuleViolation(t, leaks);
  return { channel: 'sms', templateKey: t.key, templateVersion: t.version, language: t.language, text };
}

function renderEmail(t: EmailTemplate, vars: RenderVars): RenderedMessage {
  const resolve = resolver(t, vars);
  const colour = vars.clinic.colour;
  if (!isBrandColour(colour))
    throw new InvalidTemplateVariable('clinic.colour', `expected #RRGGBB, got ${colour}`);
  const onBrand = textColourOn(colour);
  const linkStyle = 'color:#1a56a8;text-decoration:underline';
  const html = (text: string) => fillHtml(text, t, resolve, linkStyle);
  const plain = (text: string) => fillText(text, t, resolve);

  const subject = plain(t.subject);
  const blocks = t.blocks.map((b) => renderBlock(b, plain));
  const clinicName = escapeHtml(resolve('clinicName'));

  const body = t.blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
          return `<h1 style="font-size:20px;margin:0 0 16px">${html(b.text)}</h1>`;
        case 'paragraph':
          return `<p style="margin:0 0 16px;line-height:1.5">${html(b.text)}</p>`;
        case 'amounts':
          return (
            '<table role="presentation" style="border-collapse:collapse;margin:0 0 16px;width:100%">' +
            b.rows
              .map(
                (r) =>
                  `<tr><td style="padding:6px 0;border-bottom:1px solid #e4e7eb">${html(r.label)}</td>` +
                  `<td style="padding:6px 0;border-bottom:1px solid #e4e7eb;text-align:right;font-weight:bold">${html(r.value)}</td></tr>`,
              )
              .join('') +
            '</table>'
          );
        case 'action':
          return (
            `<p style="margin:24px 0;text-align:center"><a href="${escapeHtml(plain(b.href))}" ` +
            `style="background:${colour};color:${onBrand};padding:12px 24px;border-radius:4px;text-decoration:none;font-weight:bold;display:inline-block">` +
            `${html(b.label)}</a></p>`
          );
        case 'fine_print':
          return `<p style="margin:24px 0 0;font-size:12px;color:#52606d;line-height:1.4">${html(b.text)}</p>`;
      }
    })
    .join('\n');

  const document = [
    '<!doctype html>',
    `<html lang="${t.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">`,
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2933">',
    '<table role="presentation" width="100%" style="border-collapse:collapse"><tr><td align="center" style="padding:24px 8px">',
    '<table role="presentation" width="600" style="max-width:600px;width:100%;background:#ffffff;border-collapse:collapse">',
    `<tr><td style="background:${colour};color:${onBrand};padding:16px 24px;font-size:18px;font-weight:bold">${clinicName}</td></tr>`,
    `<tr><td style="padding:24px">\n${body}\n</td></tr>`,
    '</table></td></tr></table></body></html>',
  ].join('\n');

  const text = `${resolve('clinicName')}\n\n${blocksAsText(blocks)}\n`;
  return {
    channel: 'email',
    templateKey: t.key,
    templateVersion: t.version,
    language: t.language,
    subject,
    html: document,
    text,
  };
}

function renderLetter(t: LetterTemplate, vars: RenderVars): RenderedMessage {
  const resolve = resolver(t, vars);
  const fill = (text: string) => fillText(text, t, resolve);
  const title = fill(t.title);
  const blocks = t.blocks.map((b) => renderBlock(b, fill));
  return {
    channel: 'letter',
    templateKey: t.key,
    templateVersion: t.version,
    language: t.language,
    title,
    blocks,
    text: `${title}\n\n${blocksAsText(blocks)}\n`,
  };
}

function renderCallScript(t: CallScriptTemplate, vars: RenderVars): RenderedMessage {
  const resolve = resolver(t, vars);
  const fill = (text: string) => fillText(text, t, resolve);
  const steps = t.steps.map((s) =>
    s.note === undefined ? { say: fill(s.say) } : { say: fill(s.say), note: fill(s.note) },
  );
  const text = steps.map((s, i) => `${i + 1}. ${s.say}${s.note ? `\n   [${s.note}]` : ''}`).join('\n');
  return {
    channel: 'call_script',
    templateKey: t.key,
    templateVersion: t.version,
    language: t.language,
    steps,
    text,
  };
}

/**
 * Fills a template for one patient. Pure: the same template and variables always give the same
 * message. Throws MissingTemplateVariable naming the first placeholder without a value.
 */
export function render(template: MessageTemplate, vars: RenderVars): RenderedMessage {
  switch (template.channel) {
    case 'sms':
      return renderSms(template, vars);
    case 'email':
      return renderEmail(template, vars);
    case 'letter':
      return renderLetter(template, vars);
    case 'call_script':
      return renderCallScript(template, vars);
  }
}
