/**
 * What an inbound text means. Opt-out and opt-in words are the carrier/CTIA set Twilio also honours; the
 * whole message must be the keyword (a "please stop calling me at work" sentence is read by staff, not parsed).
 */
export type InboundIntent =
  | { kind: 'opt_out' }
  | { kind: 'opt_in' }
  | { kind: 'help' }
  | { kind: 'reply'; intent: 'pay' | 'plan' | 'dispute' | 'question' | 'other' };

const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'OPT OUT']);
const OPT_IN = new Set(['START', 'UNSTOP']);
const HELP = new Set(['HELP', 'INFO']);
const REPLIES: Record<string, 'pay' | 'plan' | 'dispute'> = {
  PAID: 'pay',
  PAY: 'pay',
  PLAN: 'plan',
  PAGADO: 'pay',
  PAGAR: 'pay',
  PLAN_DE_PAGOS: 'plan',
  WRONG: 'dispute',
  ERROR: 'dispute',
};

/** Pure: trims, upper-cases, drops trailing punctuation, folds accents ("¡Stop!" is STOP). */
export function classifyInbound(body: string): InboundIntent {
  const word = body
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/^[\s¡¿"'.!?,]+|[\s"'.!?,]+$/g, '')
    .replace(/\s+/g, ' ')
    .toUpperCase();
  if (OPT_OUT.has(word)) return { kind: 'opt_out' };
  if (OPT_IN.has(word)) return { kind: 'opt_in' };
  if (HELP.has(word) || word === 'AYUDA') return { kind: 'help' };
  const reply = REPLIES[word.replace(/ /g, '_')];
  if (reply) return { kind: 'reply', intent: reply };
  return { kind: 'reply', intent: word.endsWith('?') || body.trim().endsWith('?') ? 'question' : 'other' };
}
