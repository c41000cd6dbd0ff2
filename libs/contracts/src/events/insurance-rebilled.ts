import { z } from 'zod';
import { isoDate, oneOf, payer, ref } from '../primitives';
import { dataFields, dataMeta, defineEvent } from './define';

const TYPE = 'insurance.rebilled';

export const REBILL_REASONS = [
  'secondary_insurance',
  'corrected_claim',
  'coordination_of_benefits',
  'new_coverage_found',
  'appeal',
] as const;

export const insuranceRebilledData = z
  .strictObject(
    dataFields({
      visitRef: ref('The visit billed again.'),
      payer,
      reason: oneOf(REBILL_REASONS, 'Why the claim went back to insurance.'),
      claimRef: ref('The new claim number, if known.').optional(),
      expectedDecisionBy: isoDate('When the payer is expected to decide, if known.', '1990-01-01').optional(),
    }),
  )
  .meta(dataMeta(TYPE, 'A visit was billed to insurance again.'));

export const insuranceRebilled = defineEvent(TYPE, insuranceRebilledData, {
  description:
    'The balance went back to insurance. Patient outreach for the account holds until the next remittance ' +
    'for the visit is posted.',
});

export type InsuranceRebilled = z.infer<typeof insuranceRebilled.schema>;
