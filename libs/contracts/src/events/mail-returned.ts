import { z } from 'zod';
import { oneOf, postalAddress, ref } from '../primitives';
import { dataFields, dataMeta, defineEvent } from './define';

const TYPE = 'mail.returned';

export const MAIL_RETURN_REASONS = [
  'moved_no_forwarding',
  'forwarding_expired',
  'insufficient_address',
  'no_such_address',
  'refused',
  'unknown',
] as const;

export const mailReturnedData = z
  .strictObject(
    dataFields({
      reason: oneOf(MAIL_RETURN_REASONS, 'Why the post office returned it.'),
      mailPieceRef: ref('The statement or letter that came back, if known.').optional(),
      address: postalAddress.optional().meta({ description: 'The address the piece was sent to.' }),
      forwardingAddress: postalAddress
        .optional()
        .meta({ description: 'New address printed on the return, if any.' }),
    }),
  )
  .meta(dataMeta(TYPE, 'A mailed statement or letter came back.'));

export const mailReturned = defineEvent(TYPE, mailReturnedData, {
  description:
    'Mail came back. The address is treated as bad until confirmed; the balance goes to the returned-mail queue.',
});

export type MailReturned = z.infer<typeof mailReturned.schema>;
