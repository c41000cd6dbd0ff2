import type { MessageTemplate } from '../types';
import { CALL_SCRIPT_TEMPLATES } from './call-scripts';
import { EMAIL_TEMPLATES } from './email';
import { LETTER_TEMPLATES } from './letter';
import { SMS_TEMPLATES } from './sms';

/** The reviewed copy in the repo. Clinics choose versions; they do not edit wording. */
export const TEMPLATE_CATALOG: readonly MessageTemplate[] = [
  ...SMS_TEMPLATES,
  ...EMAIL_TEMPLATES,
  ...LETTER_TEMPLATES,
  ...CALL_SCRIPT_TEMPLATES,
];

export { CALL_SCRIPT_TEMPLATES, EMAIL_TEMPLATES, LETTER_TEMPLATES, SMS_TEMPLATES };
