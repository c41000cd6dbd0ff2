/**
 * A collection agency a tenant places accounts with: which clinics it serves, what it charges by the age of
 * the account, how its files look and where they are dropped, and when its day's batch closes.
 */
import { z } from 'zod';
import { domain } from '@courtesy/workflows';

export const FILE_FORMATS = ['csv', 'fixed_width'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export interface CommissionTier {
  /** The tier applies to accounts at least this many policy days old at placement. */
  minAgeDays: number;
  /** Share of what the agency collects that it keeps, whole percent. */
  pct: number;
}

export interface Agency {
  tenantId: string;
  agencyId: string;
  name: string;
  clinicIds: string[];
  commission: CommissionTier[];
  fileFormat: FileFormat;
  /** Folder below PLACEMENT_DROP_DIR that the agency's files go to. */
  dropFolder: string;
  /** Wall-clock time in `timeZone` at which the day's batch closes and its file is written. */
  cutoffLocalTime: string;
  timeZone: string;
  active: boolean;
}

export const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const idSchema = z.string().regex(ID, 'must be 1-64 letters, digits, dot, dash or underscore');
const FOLDER = /^[a-z0-9][a-z0-9_-]{0,63}$/;

const tierSchema = z.strictObject({
  minAgeDays: z.number().int('must be a whole number of days').min(0, 'must be 0 or more').max(3650, 'must be at most 3650'),
  pct: z.number().int('must be a whole percent').min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100'),
});

export const agencyBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
  clinicIds: z.array(idSchema).min(1, 'must list at least one clinic'),
  commission: z
    .array(tierSchema)
    .min(1, 'must list at least one age bucket')
    .superRefine((tiers, ctx) => {
      if (tiers[0] !== undefined && tiers[0].minAgeDays !== 0)
        ctx.addIssue({ code: 'custom', path: [0, 'minAgeDays'], message: 'the first age bucket must start at day 0' });
      tiers.forEach((t, i) => {
        const prev = tiers[i - 1];
        if (prev !== undefined && t.minAgeDays <= prev.minAgeDays)
          ctx.addIssue({ code: 'custom', path: [i, 'minAgeDays'], message: `must be greater than the previous bucket's ${prev.minAgeDays}` });
      });
    }),
  fileFormat: z.enum(FILE_FORMATS, { error: `must be one of ${FILE_FORMATS.join(', ')}` }).default('csv'),
  dropFolder: z.string().regex(FOLDER, 'must be 1-64 lowercase letters, digits, "-" or "_" (a folder name, no slashes)').optional(),
  cutoffLocalTime: z
    .string()
    .refine((t) => domain.isLocalTime(t), 'must be a 24-hour time HH:MM')
    .default('17:00'),
  timeZone: z.string().refine((tz) => domain.isValidTimeZone(tz), 'must be an IANA time zone such as America/Chicago').default('UTC'),
  active: z.boolean('must be true or false').default(true),
});
export type AgencyBody = z.infer<typeof agencyBodySchema>;

/** The bucket an account of this age falls in: the highest tier it has reached. */
export function commissionTier(agency: Pick<Agency, 'commission'>, ageDays: number): CommissionTier {
  let tier = agency.commission[0]!;
  for (const t of agency.commission) if (ageDays >= t.minAgeDays) tier = t;
  return tier;
}

/** The agency's cut of a collected amount; rounded down like every percentage of money in Courtesy. */
export function commissionCents(amountCents: number, pct: number): number {
  return domain.percentOfCents(amountCents, pct);
}
