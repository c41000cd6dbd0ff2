import { z } from 'zod';
import { wrongType } from '../errors';
import {
  channelConsent,
  email,
  isoDate,
  language,
  phone,
  postalAddress,
  ref,
  text,
  timeZone,
} from '../primitives';
import { dataFields, dataMeta, defineEvent } from './define';

const TYPE = 'guarantor.upserted';

export const personName = z
  .strictObject({
    first: text(60, 'Given name.'),
    middle: text(60, 'Middle name or initial.').optional(),
    last: text(80, 'Family name.'),
    suffix: text(10, 'Suffix such as Jr. or III.').optional(),
  })
  .meta({
    id: 'PersonName',
    description: 'Name parts as the guarantor writes them; any script is accepted.',
  });

export const guarantorUpsertedData = z
  .strictObject(
    dataFields({
      name: personName,
      dateOfBirth: isoDate(
        'Date of birth; used to confirm identity on calls and on the pay page.',
        '1900-01-01',
      ),
      phone: phone('Best phone for calls and, with consent, texts.').optional(),
      email: email('Email for statements and reminders.').optional(),
      address: postalAddress,
      timeZone,
      language,
      consent: z
        .strictObject({ sms: channelConsent, email: channelConsent })
        .meta({ description: 'Consent on record per channel. Texts are never sent without SMS consent.' }),
      familyAccountRefs: z
        .array(ref('Another account of the same family.'), {
          error: wrongType('must be a list of account refs'),
        })
        .max(20)
        .optional()
        .meta({
          description:
            'Other accounts this guarantor is responsible for; credits are checked across them before refunds.',
        }),
    }),
  )
  .superRefine((d, ctx) => {
    if (d.consent.sms.granted && d.phone === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['consent', 'sms', 'granted'],
        message: 'is true but no phone was given',
      });
    }
    if (d.consent.email.granted && d.email === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['consent', 'email', 'granted'],
        message: 'is true but no email was given',
      });
    }
    const seen = new Set<string>();
    d.familyAccountRefs?.forEach((r, i) => {
      if (r === d.accountRef) {
        ctx.addIssue({
          code: 'custom',
          path: ['familyAccountRefs', i],
          message: 'must not be the account itself',
        });
      } else if (seen.has(r)) {
        ctx.addIssue({ code: 'custom', path: ['familyAccountRefs', i], message: 'is listed more than once' });
      }
      seen.add(r);
    });
  })
  .meta(dataMeta(TYPE, 'Who is responsible for the account, and how and when they may be contacted.'));

export const guarantorUpserted = defineEvent(TYPE, guarantorUpsertedData, {
  description:
    'Creates or replaces the guarantor of an account: name, date of birth, contact points, time zone, ' +
    'language and recorded consent. Send the whole record each time; absent optional fields are cleared.',
  timeChecks: [
    { path: ['dateOfBirth'], kind: 'date' },
    { path: ['consent', 'sms', 'at'], kind: 'instant' },
    { path: ['consent', 'email', 'at'], kind: 'instant' },
  ],
});

export type GuarantorUpserted = z.infer<typeof guarantorUpserted.schema>;
