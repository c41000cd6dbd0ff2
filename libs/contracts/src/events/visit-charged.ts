import { z } from 'zod';
import { reason, wrongType } from '../errors';
import { cents, isoDate, ref, text } from '../primitives';
import { dataFields, dataMeta, defineEvent } from './define';

const TYPE = 'visit.charged';

/** CPT (5 digits, or 4 digits and a letter) and HCPCS Level II (a letter and 4 digits) are both 5 characters. */
const PROCEDURE_CODE = /^[A-Z0-9]{5}$/;

export const chargeLine = z
  .strictObject({
    code: z
      .string({ error: 'must be a CPT or HCPCS code as text' })
      .regex(PROCEDURE_CODE, { error: 'must be a 5-character CPT or HCPCS code in capitals, like 97110' })
      .meta({ description: 'CPT or HCPCS code.', examples: ['97110'] }),
    modifiers: z
      .array(
        z
          .string({ error: reason('must be a modifier as text') })
          .regex(/^[A-Z0-9]{2}$/, { error: 'must be a 2-character modifier, like GP' }),
        { error: wrongType('must be a list of modifiers') },
      )
      .max(4)
      .optional()
      .meta({ description: 'Up to four CPT/HCPCS modifiers.' }),
    description: text(200, 'What the line is for, as printed on statements. Never sent in a text message.'),
    chargeCents: cents('Billed charge for this line before insurance, in cents.'),
  })
  .meta({ id: 'ChargeLine', description: 'One billed service line.' });

export const visitChargedData = z
  .strictObject(
    dataFields({
      visitRef: ref("The visit (encounter) in the integrator's system."),
      serviceDate: isoDate('Date of service.', '1990-01-01'),
      providerRef: ref('The rendering provider.'),
      lines: z
        .array(chargeLine, { error: wrongType('must be a list of charge lines') })
        .min(1)
        .max(100)
        .meta({ description: 'Billed lines, 1 to 100.' }),
    }),
  )
  .meta(dataMeta(TYPE, 'Charges billed for one visit.'));

export const visitCharged = defineEvent(TYPE, visitChargedData, {
  description:
    'A visit was charged. Ties the balance to its visit context; what the patient owes follows from the ' +
    'remittance.',
  timeChecks: [{ path: ['serviceDate'], kind: 'date' }],
});

export type VisitCharged = z.infer<typeof visitCharged.schema>;
