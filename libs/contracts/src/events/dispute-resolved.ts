import { z } from 'zod';
import { oneOf, ref, text } from '../primitives';
import { dataFields, dataMeta, defineEvent } from './define';

const TYPE = 'dispute.resolved';

export const DISPUTE_OUTCOMES = ['upheld', 'partially_upheld', 'rejected', 'withdrawn'] as const;
export const DISPUTE_CAUSES = [
  'clinic_error',
  'payer_error',
  'patient_misunderstanding',
  'missing_information',
  'none',
  'other',
] as const;

export const disputeResolvedData = z
  .strictObject(
    dataFields({
      disputeRef: ref('The dispute being closed, as sent in dispute.opened.'),
      outcome: oneOf(DISPUTE_OUTCOMES, 'upheld: the patient was right; rejected: the balance stands.'),
      cause: oneOf(DISPUTE_CAUSES, 'Root cause, recorded for the scorecard.'),
      resolution: text(2000, 'What was decided and told to the patient.', { multiline: true }),
    }),
  )
  .meta(dataMeta(TYPE, 'A dispute was closed.'));

export const disputeResolved = defineEvent(TYPE, disputeResolvedData, {
  description:
    'A dispute was closed and outreach may resume. Any change to the balance is posted separately ' +
    '(adjustment.posted, remittance.posted).',
});

export type DisputeResolved = z.infer<typeof disputeResolved.schema>;
