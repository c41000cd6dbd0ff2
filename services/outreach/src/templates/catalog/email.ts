import type { EmailTemplate } from '../types';

// Every email ends with the unsubscribe link (Regulation F §1006.6(e)); canActivate enforces it.

// v2: the clinic's name leads the subject, so the patient recognises who writes before opening it.
const paymentReminder = {
  key: 'payment_reminder.email.helpful',
  version: 2,
  channel: 'email',
  tone: 'helpful',
  purpose: 'payment_reminder',
} as const;

const disputeAck = {
  key: 'dispute_ack.email.reassuring',
  version: 1,
  channel: 'email',
  tone: 'reassuring',
  purpose: 'dispute_ack',
} as const;

const planReminder = {
  key: 'plan_reminder.email.collaborative',
  version: 1,
  channel: 'email',
  tone: 'collaborative',
  purpose: 'plan_reminder',
} as const;

const finalNotice = {
  key: 'final_notice.email.neutral',
  version: 1,
  channel: 'email',
  tone: 'neutral',
  purpose: 'final_notice',
} as const;

export const EMAIL_TEMPLATES: readonly EmailTemplate[] = [
  {
    ...paymentReminder,
    language: 'en',
    subject: '{{clinicName}}: what your insurance paid, and what is left',
    blocks: [
      { kind: 'heading', text: 'Hi {{firstName}},' },
      {
        kind: 'paragraph',
        text: 'Your insurance has finished processing your recent visit to {{clinicName}}. Here is the short version:',
      },
      {
        kind: 'amounts',
        rows: [
          { label: 'Insurance paid', value: '{{insurancePaid}}' },
          { label: 'Left for you to pay', value: '{{remaining}}' },
        ],
      },
      {
        kind: 'paragraph',
        text: 'Paying online takes a minute, and the same page shows any payment plans open to you.',
      },
      { kind: 'action', label: 'See my options', href: '{{payLink}}' },
      {
        kind: 'paragraph',
        text: 'Does something look off? Call us at {{clinicPhone}} ({{clinicHours}}) and we will go through it with you.',
      },
      {
        kind: 'fine_print',
        text:
          'You are getting this email because you have an open balance with {{clinicName}}. ' +
          'Rather not get billing emails? Unsubscribe here: {{unsubscribeLink}}',
      },
    ],
  },
  {
    ...paymentReminder,
    language: 'es',
    subject: '{{clinicName}}: lo que pagó su seguro y lo que queda',
    blocks: [
      { kind: 'heading', text: 'Hola {{firstName}}:' },
      {
        kind: 'paragraph',
        text: 'Su seguro ya terminó de procesar su visita reciente a {{clinicName}}. En resumen:',
      },
      {
        kind: 'amounts',
        rows: [
          { label: 'Pagó su seguro', value: '{{insurancePaid}}' },
          { label: 'Le queda por pagar', value: '{{remaining}}' },
        ],
      },
      {
        kind: 'paragraph',
        text: 'Pagar en línea toma un minuto, y en la misma página verá los planes de pago disponibles para usted.',
      },
      { kind: 'action', label: 'Ver mis opciones', href: '{{payLink}}' },
      {
        kind: 'paragraph',
        text: '¿Algo no le parece correcto? Llámenos al {{clinicPhone}} ({{clinicHours}}) y lo revisamos juntos.',
      },
      {
        kind: 'fine_print',
        text:
          'Recibe este correo porque tiene un saldo pendiente con {{clinicName}}. ' +
          '¿Prefiere no recibir correos de facturación? Cancele la suscripción aquí: {{unsubscribeLink}}',
      },
    ],
  },
  {
    ...disputeAck,
    language: 'en',
    subject: 'We got your message about your bill',
    blocks: [
      { kind: 'heading', text: 'Hi {{firstName}},' },
      {
        kind: 'paragraph',
        text: 'Thank you for telling us that something on your bill may not be right. Our billing team is looking into it now.',
      },
      {
        kind: 'paragraph',
        text: 'While we review it, payment reminders for this bill are paused. We will write to you with what we find.',
      },
      {
        kind: 'paragraph',
        text:
          'If you have something that could help, such as a letter from your insurance, or you would rather talk, ' +
          'call {{clinicPhone}} ({{clinicHours}}).',
      },
      {
        kind: 'fine_print',
        text:
          'You are getting this email because you contacted {{clinicName}} about a bill. ' +
          'Rather not get billing emails? Unsubscribe here: {{unsubscribeLink}}',
      },
    ],
  },
  {
    ...disputeAck,
    language: 'es',
    subject: 'Recibimos su mensaje sobre su factura',
    blocks: [
      { kind: 'heading', text: 'Hola {{firstName}}:' },
      {
        kind: 'paragraph',
        text: 'Gracias por avisarnos que algo en su factura podría no estar bien. Nuestro equipo de facturación ya lo está revisando.',
      },
      {
        kind: 'paragraph',
        text: 'Mientras lo revisamos, los recordatorios de pago de esta factura quedan en pausa. Le escribiremos con lo que encontremos.',
      },
      {
        kind: 'paragraph',
        text:
          'Si tiene algo que pueda ayudar, como una carta de su seguro, o prefiere hablar con nosotros, ' +
          'llame al {{clinicPhone}} ({{clinicHours}}).',
      },
      {
        kind: 'fine_print',
        text:
          'Recibe este correo porque se comunicó con {{clinicName}} sobre una factura. ' +
          '¿Prefiere no recibir correos de facturación? Cancele la suscripción aquí: {{unsubscribeLink}}',
      },
    ],
  },
  {
    ...planReminder,
    language: 'en',
    subject: 'Your next plan payment: {{planPaymentDate}}',
    blocks: [
      { kind: 'heading', text: 'Hi {{firstName}},' },
      {
        kind: 'paragraph',
        text: 'A quick heads-up: your next plan payment of {{planPaymentAmount}} is due on {{planPaymentDate}}.',
      },
      {
        kind: 'paragraph',
        text: 'If your plan pays automatically, there is nothing to do. Otherwise you can pay from your plan page.',
      },
      { kind: 'action', label: 'View my plan', href: '{{payLink}}' },
      {
        kind: 'paragraph',
        text: 'If that date no longer works, call {{clinicPhone}} ({{clinicHours}}) and we will find one that does.',
      },
      {
        kind: 'fine_print',
        text:
          'You are getting this email because you have a payment plan with {{clinicName}}. ' +
          'Rather not get billing emails? Unsubscribe here: {{unsubscribeLink}}',
      },
    ],
  },
  {
    ...planReminder,
    language: 'es',
    subject: 'Su próximo pago del plan: {{planPaymentDate}}',
    blocks: [
      { kind: 'heading', text: 'Hola {{firstName}}:' },
      {
        kind: 'paragraph',
        text: 'Un aviso rápido: su próximo pago del plan, de {{planPaymentAmount}}, vence el {{planPaymentDate}}.',
      },
      {
        kind: 'paragraph',
        text: 'Si su plan se paga automáticamente, no tiene que hacer nada. Si no, puede pagar desde la página de su plan.',
      },
      { kind: 'action', label: 'Ver mi plan', href: '{{payLink}}' },
      {
        kind: 'paragraph',
        text: 'Si esa fecha ya no le conviene, llame al {{clinicPhone}} ({{clinicHours}}) y buscaremos otra.',
      },
      {
        kind: 'fine_print',
        text:
          'Recibe este correo porque tiene un plan de pagos con {{clinicName}}. ' +
          '¿Prefiere no recibir correos de facturación? Cancele la suscripción aquí: {{unsubscribeLink}}',
      },
    ],
  },
  {
    ...finalNotice,
    language: 'en',
    subject: 'Final notice about your balance with {{clinicName}}',
    blocks: [
      { kind: 'heading', text: 'Hello {{firstName}},' },
      {
        kind: 'paragraph',
        text: 'We have written to you before about your balance of {{amountDue}}, and it is still open.',
      },
      {
        kind: 'paragraph',
        text:
          'Please pay it or set up a payment plan by {{dueDate}}. After that date, the balance will be handled ' +
          "under {{clinicName}}'s written collection policy.",
      },
      {
        kind: 'paragraph',
        text:
          'If money is tight right now, call {{clinicPhone}} ({{clinicHours}}). We can talk about a smaller ' +
          'monthly amount or a hardship review.',
      },
      { kind: 'action', label: 'Pay or set up a plan', href: '{{payLink}}' },
      {
        kind: 'fine_print',
        text:
          'You are getting this email because you have an open balance with {{clinicName}}. ' +
          'Rather not get billing emails? Unsubscribe here: {{unsubscribeLink}}',
      },
    ],
  },
  {
    ...finalNotice,
    language: 'es',
    subject: 'Último aviso sobre su saldo con {{clinicName}}',
    blocks: [
      { kind: 'heading', text: 'Hola {{firstName}}:' },
      {
        kind: 'paragraph',
        text: 'Ya le escribimos antes sobre su saldo de {{amountDue}}, y sigue pendiente.',
      },
      {
        kind: 'paragraph',
        text:
          'Le pedimos que lo pague o que elija un plan de pagos antes del {{dueDate}}. Después de esa fecha, ' +
          'el saldo se manejará según la política de cobro por escrito de {{clinicName}}.',
      },
      {
        kind: 'paragraph',
        text:
          'Si ahora mismo le cuesta pagar, llame al {{clinicPhone}} ({{clinicHours}}). Podemos hablar de una ' +
          'cuota mensual más baja o de una revisión por dificultad económica.',
      },
      { kind: 'action', label: 'Pagar o elegir un plan', href: '{{payLink}}' },
      {
        kind: 'fine_print',
        text:
          'Recibe este correo porque tiene un saldo pendiente con {{clinicName}}. ' +
          '¿Prefiere no recibir correos de facturación? Cancele la suscripción aquí: {{unsubscribeLink}}',
      },
    ],
  },
];
