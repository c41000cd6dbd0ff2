import type { Block, MessageTemplate } from './types';

/** Every placeholder a template may use; anything else is a typo that must not reach a patient. */
export const PLACEHOLDERS = [
  'clinicName',
  'clinicPhone',
  'clinicHours',
  'firstName',
  'amountDue',
  'insurancePaid',
  'remaining',
  'dueDate',
  'payLink',
  'unsubscribeLink',
  'planPaymentAmount',
  'planPaymentDate',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export const isPlaceholder = (name: string): name is Placeholder =>
  (PLACEHOLDERS as readonly string[]).includes(name);

/** Link placeholders become anchors in HTML. */
export const LINK_PLACEHOLDERS: ReadonlySet<Placeholder> = new Set(['payLink', 'unsubscribeLink']);

export type Segment = { readonly literal: string } | { readonly name: string };

const TOKEN = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Splits copy into literal text and placeholder names, in order. */
export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) out.push({ literal: text.slice(last, m.index) });
    out.push({ name: m[1] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ literal: text.slice(last) });
  return out;
}

/** Braces left over once well-formed placeholders are removed: "{{ first name }}", "{firstName}}". */
export function hasStrayBraces(text: string): boolean {
  return /[{}]/.test(text.replace(TOKEN, ''));
}

const blockTexts = (b: Block): string[] => {
  switch (b.kind) {
    case 'amounts':
      return b.rows.flatMap((r) => [r.label, r.value]);
    case 'action':
      return [b.label, b.href];
    default:
      return [b.text];
  }
};

/** Every piece of copy in a template, for checks that look at all of it. */
export function templateTexts(t: MessageTemplate): string[] {
  switch (t.channel) {
    case 'sms':
      return [t.body];
    case 'email':
      return [t.subject, ...t.blocks.flatMap(blockTexts)];
    case 'letter':
      return [t.title, ...t.blocks.flatMap(blockTexts)];
    case 'call_script':
      return t.steps.flatMap((s) => (s.note === undefined ? [s.say] : [s.say, s.note]));
  }
}

export function placeholdersUsed(t: MessageTemplate): Set<string> {
  const names = new Set<string>();
  for (const text of templateTexts(t)) {
    for (const s of segments(text)) if ('name' in s) names.add(s.name);
  }
  return names;
}
