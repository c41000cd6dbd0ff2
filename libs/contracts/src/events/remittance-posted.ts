import { z } from 'zod';
import { cents, payer, ref, text } from '../primitives';
import { dataFields, dataMeta, defineEvent } from './define';

const TYPE = 'remittance.posted';

export const patientResponsibility = z
  .strictObject({
    deductibleCents: cents('Applied to the deductible.'),
    coinsuranceCents: cents('Coinsurance.'),
    copayCents: cents('Copay.'),
  })
  .meta({
    id: 'PatientResponsibility',
    description: 'What the payer says the patient owes for the visit, split by reason.',
  });

export const remittancePostedData = z
  .strictObject(
    dataFields({
      visitRef: ref('The visit this remittance adjudicates.'),
      claimRef: ref('Claim number, if known.').optional(),
      payer,
      insurancePaidCents: cents('What insurance paid.'),
      contractualAdjustmentCents: cents('Amount the clinic may not bill under its payer contract.'),
      patientResponsibility,
      eobSummary: text(
        2000,
        'Plain-language summary of the explanation of benefits, shown to staff and in the "what insurance paid" ' +
          'email. Keep diagnoses out of it.',
        { multiline: true },
      ),
    }),
  )
  .meta(dataMeta(TYPE, 'An insurance remittance (ERA/835) posted against a visit.'));

export const remittancePosted = defineEvent(TYPE, remittancePostedData, {
  description:
    'Insurance adjudicated a visit. Post it within 24–48 hours of receipt so balances are right before ' +
    'the patient is contacted.',
});

export type RemittancePosted = z.infer<typeof remittancePosted.schema>;
