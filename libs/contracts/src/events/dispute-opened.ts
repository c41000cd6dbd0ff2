import { z } from 'zod';
import { cents, contactChannel, oneOf, ref, text } from '../primitives';
import { dataFields, dataMeta, defineEvent } from './define';

const TYPE = 'dispute.opened';

export const DISPUTE_REASONS = [
  'billing_error',
  'insurance_not_billed',
  'amount_incorrect',
  'service_not_received',
  'not_my_account',
  'other',
] as const;

export const disputeOpenedData = z
  .strictObject(
    dataFields({
      disputeRef: ref("The dispute in the integrator's system; dispute.resolved refers to it."),
      visitRef: ref('The visit disputed, if one.').optional(),
      reason: oneOf(DISPUTE_REASONS, 'What the patient says is wrong.'),
      channel: contactChannel,
      disputedCents: cents('Amount disputed, if the patient named one.').optional(),
      description: text(2000, 'What the patient said, for the reviewer.', { multiline: true }),
    }),
  )
  .meta(dataMeta(TYPE, 'A patient says the balance looks wrong.'));

export const disputeOpened = defineEvent(TYPE, disputeOpenedData, {
  description: 'A patient disputed the balance. Outreach pauses until dispute.resolved arrives.',
});

export type DisputeOpened = z.infer<typeof disputeOpened.schema>;
