import { z } from 'zod';
import { oneOf, positiveCents, ref, text } from '../primitives';
import { dataFields, dataMeta, defineEvent } from './define';

const TYPE = 'payment.posted';

export const PAYMENT_METHODS = ['card', 'cash', 'check', 'ach', 'hsa_fsa', 'other'] as const;
export const PAYMENT_RECEIVED_VIA = ['front_desk', 'mail', 'phone', 'portal', 'other'] as const;

export const paymentPostedData = z
  .strictObject(
    dataFields({
      amountCents: positiveCents('Amount paid by the patient or guarantor, in cents.'),
      method: oneOf(PAYMENT_METHODS, 'How it was paid.'),
      receivedVia: oneOf(PAYMENT_RECEIVED_VIA, 'Where it was taken.').optional(),
      reference: text(64, 'Receipt, check or processor reference, for reconciliation.'),
      visitRef: ref('The visit the payment was applied to, if any.').optional(),
    }),
  )
  .meta(dataMeta(TYPE, 'A patient payment taken outside Courtesy, e.g. at the front desk.'));

export const paymentPosted = defineEvent(TYPE, paymentPostedData, {
  description: 'A patient payment recorded in the practice-management system (front desk, mail, phone).',
});

export type PaymentPosted = z.infer<typeof paymentPosted.schema>;
