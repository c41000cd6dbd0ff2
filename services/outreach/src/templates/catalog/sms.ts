import type { SmsTemplate } from '../types';

// Texts carry only the clinic, first name, amount, pay link and phone (see sms-content-rule.ts), and
// always the way out. Spanish uses "usted": these are strangers writing about money.

const paymentReminder = {
  key: 'payment_reminder.sms.friendly',
  version: 1,
  channel: 'sms',
  tone: 'friendly',
  purpose: 'payment_reminder',
} as const;

const planReminder = {
  key: 'plan_reminder.sms.collaborative',
  version: 1,
  channel: 'sms',
  tone: 'collaborative',
  purpose: 'plan_reminder',
} as const;

const disputeAck = {
  key: 'dispute_ack.sms.reassuring',
  version: 1,
  channel: 'sms',
  tone: 'reassuring',
  purpose: 'dispute_ack',
} as const;

const helpReply = {
  key: 'help_reply.sms.neutral',
  version: 1,
  channel: 'sms',
  tone: 'neutral',
  purpose: 'help_reply',
} as const;

export const SMS_TEMPLATES: readonly SmsTemplate[] = [
  {
    ...paymentReminder,
    language: 'en',
    body:
      'Hi {{firstName}}, this is {{clinicName}}. Your balance is {{amountDue}}. ' +
      'Pay or pick a payment plan here: {{payLink}} Questions? Call {{clinicPhone}}. Reply STOP to opt out.',
  },
  {
    ...paymentReminder,
    language: 'es',
    body:
      'Hola {{firstName}}, le saluda {{clinicName}}. Su saldo es de {{amountDue}}. ' +
      'Pague o elija un plan de pagos aquí: {{payLink}} ¿Preguntas? Llame al {{clinicPhone}}. ' +
      'Responda STOP para dejar de recibir mensajes.',
  },
  {
    ...planReminder,
    language: 'en',
    body:
      'Hi {{firstName}}, {{clinicName}} here. Your next plan payment is coming up soon. ' +
      'See the details or pay early: {{payLink}} Need a different date? Call {{clinicPhone}}. Reply STOP to opt out.',
  },
  {
    ...planReminder,
    language: 'es',
    body:
      'Hola {{firstName}}, le escribe {{clinicName}}. Pronto vence el próximo pago de su plan. ' +
      'Vea los detalles o pague antes: {{payLink}} ¿Necesita otra fecha? Llame al {{clinicPhone}}. ' +
      'Responda STOP para dejar de recibir mensajes.',
  },
  {
    ...disputeAck,
    language: 'en',
    body:
      'Hi {{firstName}}, {{clinicName}} got your question about your bill. We have paused reminders while we ' +
      'look into it and will get back to you. You can call us at {{clinicPhone}}. Reply STOP to opt out.',
  },
  {
    ...disputeAck,
    language: 'es',
    body:
      'Hola {{firstName}}, {{clinicName}} recibió su pregunta sobre su cuenta. Pausamos los recordatorios ' +
      'mientras la revisamos y le responderemos. Puede llamarnos al {{clinicPhone}}. ' +
      'Responda STOP para dejar de recibir mensajes.',
  },
  {
    ...helpReply,
    language: 'en',
    body: '{{clinicName}} billing: for help with your bill, call {{clinicPhone}}. Reply STOP to opt out.',
  },
  {
    ...helpReply,
    language: 'es',
    body:
      '{{clinicName}}, facturación: si necesita ayuda con su cuenta, llame al {{clinicPhone}}. ' +
      'Responda STOP para dejar de recibir mensajes.',
  },
];
