import { z } from 'zod';
import { oneOf, ref, signedCents, text } from '../primitives';
import { dataFields, dataMeta, defineEvent } from './define';

const TYPE = 'adjustment.posted';

export const ADJUSTMENT_KINDS = ['write_off', 'courtesy_discount', 'correction'] as const;

export const adjustmentPostedData = z
  .strictObject(
    dataFields({
      kind: oneOf(ADJUSTMENT_KINDS, 'What kind of adjustment.'),
      amountCents: signedCents(
        'How much the adjustment lowers the patient balance, in cents. Must be positive for write_off and ' +
          'courtesy_discount; a correction may be negative, which raises the balance (e.g. undoing an earlier ' +
          'write-off). Never zero.',
      ),
      reason: text(500, 'Why, in words staff can audit.', { multiline: true }),
      visitRef: ref('The visit adjusted, if the adjustment is for one visit.').optional(),
    }),
  )
  .superRefine((d, ctx) => {
    if (d.kind !== 'correction' && d.amountCents < 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['amountCents'],
        message: `must be positive for a ${d.kind}; only a correction may be negative`,
      });
    }
  })
  .meta(dataMeta(TYPE, 'A change to the patient balance that is not a payment.'));

export const adjustmentPosted = defineEvent(TYPE, adjustmentPostedData, {
  description:
    'A write-off, courtesy discount or correction posted by the clinic. amountCents is the amount the ' +
    'balance goes down by; only a correction may be negative (the balance goes up).',
});

export type AdjustmentPosted = z.infer<typeof adjustmentPosted.schema>;
