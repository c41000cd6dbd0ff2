import { z } from 'zod';
import { channelConsent, email, language, oneOf, phone, postalAddress, timeZone } from '../primitives';
import { dataFields, dataMeta, defineEvent } from './define';

const TYPE = 'contact.updated';

export const PREFERRED_CHANNELS = ['sms', 'email', 'mail', 'phone'] as const;

const CHANGEABLE = [
  'phone',
  'email',
  'address',
  'timeZone',
  'language',
  'preferredChannel',
  'consent',
] as const;

export const contactUpdatedData = z
  .strictObject(
    dataFields({
      phone: phone('New phone; null removes the phone on record.').nullable().optional(),
      email: email('New email; null removes the email on record.').nullable().optional(),
      address: postalAddress.optional(),
      timeZone: timeZone.optional(),
      language: language.optional(),
      preferredChannel: oneOf(PREFERRED_CHANNELS, 'Channel the guarantor asked us to use first.').optional(),
      consent: z
        .strictObject({ sms: channelConsent.optional(), email: channelConsent.optional() })
        .optional()
        .meta({
          description:
            'Consent changes; granted false records a revocation (e.g. a STOP reply at the clinic).',
        }),
    }),
  )
  .superRefine((d, ctx) => {
    if (!CHANGEABLE.some((k) => d[k] !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `must change at least one of ${CHANGEABLE.join(', ')}`,
      });
    }
    if (d.consent?.sms?.granted && d.phone === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['consent', 'sms', 'granted'],
        message: 'is true while the phone is being removed',
      });
    }
    if (d.consent?.email?.granted && d.email === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['consent', 'email', 'granted'],
        message: 'is true while the email is being removed',
      });
    }
  })
  .meta(dataMeta(TYPE, 'Only the contact details that changed; absent fields stay as they are.'));

export const contactUpdated = defineEvent(TYPE, contactUpdatedData, {
  description:
    'Contact details or consent changed, e.g. confirmed at check-in. Only the fields present change; ' +
    'null removes a phone or email.',
  timeChecks: [
    { path: ['consent', 'sms', 'at'], kind: 'instant' },
    { path: ['consent', 'email', 'at'], kind: 'instant' },
  ],
});

export type ContactUpdated = z.infer<typeof contactUpdated.schema>;
