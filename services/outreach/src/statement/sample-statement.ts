import type { StatementContent } from './statement-pdf';

/** A made-up statement for tests and the reference image in docs/ (no real patient). */
export const SAMPLE_STATEMENT: StatementContent = {
  language: 'en',
  clinic: {
    name: 'Maple Street Clinic',
    colour: '#1f5f8b',
    phone: '(555) 010-0142',
    hours: { en: 'Monday to Friday, 8 am to 6 pm', es: 'de lunes a viernes, de 8 a. m. a 6 p. m.' },
  },
  statementDate: '2026-12-02',
  dueDate: '2026-12-30',
  accountNumber: 'K7Q2-93XD',
  recipient: { name: 'Robin Okafor', line1: '12 Elm St', city: 'Springfield', state: 'IL', postalCode: '62701' },
  serviceDates: { from: '2026-10-14', to: '2026-11-04' },
  chargesCents: 48_000,
  insurancePaidCents: 33_500,
  adjustmentsCents: 2_000,
  amountDueCents: 12_500,
  payLink: 'https://pay.example.com/p/Ab3xY9',
  remitTo: 'Courtesy Billing Office, PO Box 1000, Springfield, IL 62701',
  title: 'Your statement from Maple Street Clinic',
  opening: 'Dear Robin, your insurance has processed your recent visit. This is what is left for you to pay.',
};
