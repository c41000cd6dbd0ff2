import { TEMPLATE_CATALOG } from './catalog';
import type { TemplatePurpose } from './purposes';
import type { Language, MessageTemplate, TemplateChannel, Tone } from './types';

/** The attempt channels map onto template channels; a call attempt reads a call script. */
export type AttemptChannel = 'sms' | 'email' | 'letter' | 'call';
const TEMPLATE_CHANNEL: Record<AttemptChannel, TemplateChannel> = {
  sms: 'sms',
  email: 'email',
  letter: 'letter',
  call: 'call_script',
};

/**
 * Why a message goes out, read from the policy's template key and the step key. Policy keys are the
 * clinic's words (`text_pay_link`, `statement_one_page`, `final_notice`...); the purpose is what the
 * compliance guard and the catalog understand. Unknown keys fall back to the channel's ordinary reminder.
 */
export function purposeFor(channel: AttemptChannel, templateKey: string, stepKey: string): TemplatePurpose {
  const words = `${templateKey} ${stepKey}`.toLowerCase();
  if (/dispute/.test(words)) return 'dispute_ack';
  if (/final[-_]?notice/.test(words)) return 'final_notice';
  if (/plan[-_]reminder/.test(words)) return 'plan_reminder';
  if (channel === 'letter') return 'statement_notice';
  return 'payment_reminder';
}

/** The purpose used when the catalog has no template of the asked purpose on a channel. */
const FALLBACK_PURPOSE: Record<AttemptChannel, TemplatePurpose> = {
  sms: 'payment_reminder',
  email: 'payment_reminder',
  letter: 'statement_notice',
  call: 'payment_reminder',
};

export class NoTemplateFound extends Error {
  constructor(channel: AttemptChannel, purpose: TemplatePurpose, language: Language) {
    super(`no ${channel} template for purpose ${purpose} in ${language}`);
    this.name = 'NoTemplateFound';
  }
}

/**
 * Picks the catalog template for an attempt: an exact catalog key wins; otherwise the purpose on the
 * channel in the language, preferring the segment's tone, highest version first. Pure.
 */
export function selectTemplate(
  input: { channel: AttemptChannel; templateKey: string; stepKey: string; tone: Tone; language: Language },
  catalog: readonly MessageTemplate[] = TEMPLATE_CATALOG,
): { template: MessageTemplate; purpose: TemplatePurpose } {
  const channel = TEMPLATE_CHANNEL[input.channel];
  const inLanguage = catalog
    .filter((t) => t.channel === channel && t.language === input.language)
    .sort((a, b) => b.version - a.version);
  const exact = inLanguage.find((t) => t.key === input.templateKey);
  if (exact) return { template: exact, purpose: exact.purpose };
  const wanted = purposeFor(input.channel, input.templateKey, input.stepKey);
  for (const purpose of [wanted, FALLBACK_PURPOSE[input.channel]]) {
    const ofPurpose = inLanguage.filter((t) => t.purpose === purpose);
    const template = ofPurpose.find((t) => t.tone === input.tone) ?? ofPurpose[0];
    // The guard judges the purpose asked for (a dispute acknowledgement stays one even on a fallback copy).
    if (template) return { template, purpose: wanted };
  }
  throw new NoTemplateFound(input.channel, wanted, input.language);
}
