import { z } from 'zod';
import { contactChannel, oneOf, ref, text } from '../primitives';
import { dataFields, dataMeta, defineEvent } from './define';

const TYPE = 'complaint.logged';

export const COMPLAINT_CATEGORIES = [
  'contact_frequency',
  'contact_time',
  'tone',
  'privacy',
  'billing',
  'other',
] as const;
export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high'] as const;

export const complaintLoggedData = z
  .strictObject(
    dataFields({
      complaintRef: ref("The complaint in the integrator's system."),
      channel: contactChannel,
      category: oneOf(COMPLAINT_CATEGORIES, 'What the complaint is about.'),
      severity: oneOf(COMPLAINT_SEVERITIES, 'How serious the clinic judged it.'),
      description: text(2000, 'What the patient said.', { multiline: true }),
    }),
  )
  .meta(dataMeta(TYPE, 'A patient complained about how they were contacted or billed.'));

export const complaintLogged = defineEvent(TYPE, complaintLoggedData, {
  description: 'A complaint was logged at the clinic; counted per 1,000 contacts on the weekly scorecard.',
});

export type ComplaintLogged = z.infer<typeof complaintLogged.schema>;
