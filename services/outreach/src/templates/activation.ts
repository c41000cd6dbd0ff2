import { hasStrayBraces, isPlaceholder, placeholdersUsed, segments, templateTexts } from './placeholders';
import { SMS_MAX_CHARS, smsRuleViolations } from './sms-content-rule';
import { LANGUAGES, type MessageTemplate } from './types';

export type ActivationResult =
  { readonly ok: true } | { readonly ok: false; readonly reasons: readonly string[] };

/**
 * Generous lengths for SMS placeholders, so a text that fits here fits for nearly every patient;
 * render() still refuses the rare one that does not.
 */
const SMS_WORST_CASE: Record<string, number> = {
  clinicName: 30,
  firstName: 15,
  amountDue: 10, // $12,345.67
  payLink: 35,
  clinicPhone: 14, // (555) 555-0100
};

function worstCaseSmsLength(body: string): number {
  return segments(body).reduce(
    (n, s) => n + ('name' in s ? (SMS_WORST_CASE[s.name] ?? 0) : s.literal.length),
    0,
  );
}

function contentReasons(t: MessageTemplate): string[] {
  const reasons: string[] = [];
  for (const name of placeholdersUsed(t))
    if (!isPlaceholder(name)) reasons.push(`unknown placeholder {{${name}}}`);
  if (templateTexts(t).some(hasStrayBraces)) reasons.push('malformed placeholder (stray brace)');
  if (!Number.isInteger(t.version) || t.version < 1)
    reasons.push(`version must be a positive integer, got ${t.version}`);

  switch (t.channel) {
    case 'sms': {
      reasons.push(...smsRuleViolations(t.body));
      const worst = worstCaseSmsLength(t.body);
      if (worst > SMS_MAX_CHARS)
        reasons.push(`SMS may reach ${worst} characters with long names; limit ${SMS_MAX_CHARS}`);
      break;
    }
    case 'email':
      // Regulation F §1006.6(e): every email offers a simple way to opt out.
      if (!placeholdersUsed(t).has('unsubscribeLink')) reasons.push('email must include {{unsubscribeLink}}');
      break;
    default:
      break;
  }
  return reasons;
}

const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));

function counterpartReasons(t: MessageTemplate, all: readonly MessageTemplate[]): string[] {
  const reasons: string[] = [];
  const same = JSON.stringify(t);
  const siblings = all.filter(
    (o) => o.key === t.key && o.version === t.version && JSON.stringify(o) !== same,
  );
  if (siblings.some((o) => o.language === t.language)) {
    reasons.push(`another template is already ${t.key} v${t.version} in ${t.language}`);
  }
  for (const language of LANGUAGES) {
    if (language === t.language) continue;
    const other = siblings.find((o) => o.language === language);
    if (!other) {
      reasons.push(`missing the ${language} version of ${t.key} v${t.version}`);
      continue;
    }
    const differs = (['channel', 'purpose', 'tone'] as const).filter((f) => other[f] !== t[f]);
    if (differs.length > 0) reasons.push(`the ${language} version differs in ${differs.join(', ')}`);
    // Both languages render from the same variables, so neither may ask for something the other lacks.
    if (!sameSet(placeholdersUsed(other), placeholdersUsed(t))) {
      reasons.push(`the ${language} version uses different placeholders`);
    }
  }
  return reasons;
}

/**
 * Whether `template` may become the active version of its key. `allTemplates` is the catalog it
 * would join (it may include `template` itself). Every reason is reported, not just the first.
 */
export function canActivate(
  template: MessageTemplate,
  allTemplates: readonly MessageTemplate[],
): ActivationResult {
  const reasons = [...contentReasons(template), ...counterpartReasons(template, allTemplates)];
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}
