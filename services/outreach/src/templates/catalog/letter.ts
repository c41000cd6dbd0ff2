import type { LetterTemplate } from '../types';

// Letter copy only; the statement PDF lays it out with the summary box, QR code and payment slip.

const statementNotice = {
  key: 'statement_notice.letter.helpful',
  version: 1,
  channel: 'letter',
  tone: 'helpful',
  purpose: 'statement_notice',
} as const;

const finalNotice = {
  key: 'final_notice.letter.neutral',
  version: 1,
  channel: 'letter',
  tone: 'neutral',
  purpose: 'final_notice',
} as const;

export const LETTER_TEMPLATES: readonly LetterTemplate[] = [
  {
    ...statementNotice,
    language: 'en',
    title: 'Your statement from {{clinicName}}',
    blocks: [
      { kind: 'heading', text: 'Dear {{firstName}},' },
      {
        kind: 'paragraph',
        text: 'Your insurance has processed your recent visit. This is what is left for you to pay.',
      },
      {
        kind: 'amounts',
        rows: [
          { label: 'Insurance paid', value: '{{insurancePaid}}' },
          { label: 'Amount due', value: '{{amountDue}}' },
          { label: 'Please pay by', value: '{{dueDate}}' },
        ],
      },
      {
        kind: 'paragraph',
        text: 'Ways to pay: online at {{payLink}}, by phone at {{clinicPhone}}, or by mailing the slip at the bottom of this page.',
      },
      {
        kind: 'paragraph',
        text: 'Questions, or does something look wrong? Call us at {{clinicPhone}}, {{clinicHours}}. We are glad to help.',
      },
    ],
  },
  {
    ...statementNotice,
    language: 'es',
    title: 'Su estado de cuenta de {{clinicName}}',
    blocks: [
      { kind: 'heading', text: 'Estimado/a {{firstName}}:' },
      {
        kind: 'paragraph',
        text: 'Su seguro ya procesó su visita reciente. Esto es lo que le queda por pagar.',
      },
      {
        kind: 'amounts',
        rows: [
          { label: 'Pagó su seguro', value: '{{insurancePaid}}' },
          { label: 'Monto a pagar', value: '{{amountDue}}' },
          { label: 'Fecha límite de pago', value: '{{dueDate}}' },
        ],
      },
      {
        kind: 'paragraph',
        text: 'Formas de pago: en línea en {{payLink}}, por teléfono al {{clinicPhone}} o por correo con el talón al pie de esta página.',
      },
      {
        kind: 'paragraph',
        text: '¿Tiene preguntas o algo no le parece correcto? Llámenos al {{clinicPhone}}, {{clinicHours}}. Con gusto le ayudamos.',
      },
    ],
  },
  {
    ...finalNotice,
    language: 'en',
    title: 'Final notice from {{clinicName}}',
    blocks: [
      { kind: 'heading', text: 'Dear {{firstName}},' },
      {
        kind: 'paragraph',
        text: 'Our records show a balance that is still unpaid after our earlier statements.',
      },
      {
        kind: 'amounts',
        rows: [
          { label: 'Amount due', value: '{{amountDue}}' },
          { label: 'Please respond by', value: '{{dueDate}}' },
        ],
      },
      {
        kind: 'paragraph',
        text:
          'Please pay in full, set up a payment plan, or call us by the date above. After that date, the account ' +
          'will be handled under our written collection policy.',
      },
      {
        kind: 'paragraph',
        text: 'If paying is hard for you right now, call {{clinicPhone}} ({{clinicHours}}) and ask about a hardship review.',
      },
      { kind: 'action', label: 'Pay online', href: '{{payLink}}' },
    ],
  },
  {
    ...finalNotice,
    language: 'es',
    title: 'Último aviso de {{clinicName}}',
    blocks: [
      { kind: 'heading', text: 'Estimado/a {{firstName}}:' },
      {
        kind: 'paragraph',
        text: 'Según nuestros registros, sigue sin pagarse un saldo del que ya le enviamos estados de cuenta.',
      },
      {
        kind: 'amounts',
        rows: [
          { label: 'Monto a pagar', value: '{{amountDue}}' },
          { label: 'Responda antes del', value: '{{dueDate}}' },
        ],
      },
      {
        kind: 'paragraph',
        text:
          'Le pedimos que pague el total, elija un plan de pagos o nos llame antes de esa fecha. Después, la cuenta ' +
          'se manejará según nuestra política de cobro por escrito.',
      },
      {
        kind: 'paragraph',
        text: 'Si ahora le resulta difícil pagar, llame al {{clinicPhone}} ({{clinicHours}}) y pregunte por una revisión por dificultad económica.',
      },
      { kind: 'action', label: 'Pagar en línea', href: '{{payLink}}' },
    ],
  },
];
