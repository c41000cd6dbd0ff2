import type { CallScriptTemplate } from '../types';

// Identity first, details second: nothing about a balance is said to anyone but the patient.
// "[your name]" is for the caller to fill in, not a placeholder.

const collaborative = {
  key: 'payment_reminder.call_script.collaborative',
  version: 1,
  channel: 'call_script',
  tone: 'collaborative',
  purpose: 'payment_reminder',
} as const;

const reassuring = {
  key: 'payment_reminder.call_script.reassuring',
  version: 1,
  channel: 'call_script',
  tone: 'reassuring',
  purpose: 'payment_reminder',
} as const;

const neutral = {
  key: 'payment_reminder.call_script.neutral',
  version: 1,
  channel: 'call_script',
  tone: 'neutral',
  purpose: 'payment_reminder',
} as const;

const OPENING_EN = [
  {
    say: 'Hello, may I speak with {{firstName}}, please?',
    note: 'If someone else answers, leave only your first name, {{clinicName}} and {{clinicPhone}}. Say nothing about a bill or a visit.',
  },
  {
    say: "Hi {{firstName}}, this is [your name] from {{clinicName}}'s billing office. Before we go on, could you confirm your date of birth?",
    note: 'Do not continue until the date of birth matches.',
  },
];

const OPENING_ES = [
  {
    say: 'Hola, ¿podría hablar con {{firstName}}, por favor?',
    note: 'Si contesta otra persona, deje solo su nombre, {{clinicName}} y {{clinicPhone}}. No mencione ninguna cuenta ni visita.',
  },
  {
    say: 'Hola, {{firstName}}, le habla [su nombre] de la oficina de facturación de {{clinicName}}. Antes de seguir, ¿me confirma su fecha de nacimiento?',
    note: 'No continúe hasta que la fecha de nacimiento coincida.',
  },
];

const CLOSING_EN = {
  say: 'Thank you for your time, {{firstName}}. You can reach us at {{clinicPhone}}, {{clinicHours}}.',
};
const CLOSING_ES = {
  say: 'Gracias por su tiempo, {{firstName}}. Puede comunicarse con nosotros al {{clinicPhone}}, {{clinicHours}}.',
};

export const CALL_SCRIPT_TEMPLATES: readonly CallScriptTemplate[] = [
  {
    ...collaborative,
    language: 'en',
    steps: [
      ...OPENING_EN,
      {
        say: 'I am calling about your balance of {{amountDue}}. Would a few monthly payments make it easier, or would you like to take care of it today?',
        note: 'Offer the plans your clinic policy allows; longer plans need a manager.',
      },
      { say: 'Let me check we have the right mailing address for you. Could you read it to me?' },
      {
        say: 'If anything on the bill does not look right, tell me and I will pause reminders while we review it.',
        note: "If they question the bill, record the outcome 'dispute' and stop talking about payment.",
      },
      CLOSING_EN,
    ],
  },
  {
    ...collaborative,
    language: 'es',
    steps: [
      ...OPENING_ES,
      {
        say: 'Le llamo por su saldo de {{amountDue}}. ¿Le sería más fácil pagarlo en algunas cuotas mensuales, o prefiere resolverlo hoy?',
        note: 'Ofrezca los planes que permite la política de la clínica; los planes más largos requieren a un gerente.',
      },
      { say: '¿Me permite confirmar su dirección postal? ¿Podría leérmela?' },
      {
        say: 'Si algo en la factura no le parece correcto, dígamelo y pausaré los recordatorios mientras lo revisamos.',
        note: "Si cuestiona la factura, registre el resultado 'dispute' y deje de hablar de pagos.",
      },
      CLOSING_ES,
    ],
  },
  {
    ...reassuring,
    language: 'en',
    steps: [
      ...OPENING_EN,
      {
        say: 'I am calling because your bill of {{amountDue}} may have raised some questions. I would like to walk through it with you: what insurance paid and why there is a balance.',
      },
      { say: 'Would it help if I emailed you a short summary of what your insurance paid?' },
      {
        say: 'If it still looks wrong, I can open a review and pause reminders until it is sorted out.',
        note: "If they want a review, record the outcome 'dispute'.",
      },
      CLOSING_EN,
    ],
  },
  {
    ...reassuring,
    language: 'es',
    steps: [
      ...OPENING_ES,
      {
        say: 'Le llamo porque su factura de {{amountDue}} quizá le dejó dudas. Me gustaría revisarla con usted: lo que pagó su seguro y por qué queda un saldo.',
      },
      { say: '¿Le ayudaría que le enviara por correo un breve resumen de lo que pagó su seguro?' },
      {
        say: 'Si aun así no le parece correcta, puedo abrir una revisión y pausar los recordatorios hasta aclararlo.',
        note: "Si pide una revisión, registre el resultado 'dispute'.",
      },
      CLOSING_ES,
    ],
  },
  {
    ...neutral,
    language: 'en',
    steps: [
      ...OPENING_EN,
      {
        say: 'I am calling about your account balance of {{amountDue}}, which has been open for some time. We would like to settle it with you before it moves to the next step of our written collection policy.',
      },
      {
        say: 'First, could you confirm your current mailing address?',
        note: 'If mail has come back, update the address and close the address-check task.',
      },
      {
        say: 'Would you like to pay today, or set up a payment plan?',
        note: 'If they mention money trouble, offer the hardship application.',
      },
      CLOSING_EN,
    ],
  },
  {
    ...neutral,
    language: 'es',
    steps: [
      ...OPENING_ES,
      {
        say: 'Le llamo por el saldo de su cuenta, {{amountDue}}, que lleva un tiempo pendiente. Queremos resolverlo con usted antes de que pase a la siguiente etapa de nuestra política de cobro por escrito.',
      },
      {
        say: 'Primero, ¿podría confirmarme su dirección postal actual?',
        note: 'Si el correo ha sido devuelto, actualice la dirección y cierre la tarea de verificación.',
      },
      {
        say: '¿Desea pagar hoy o elegir un plan de pagos?',
        note: 'Si menciona problemas de dinero, ofrezca la solicitud por dificultad económica.',
      },
      CLOSING_ES,
    ],
  },
];
