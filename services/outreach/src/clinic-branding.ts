import { createHash } from 'node:crypto';
import type { OutreachRequestBase } from '@courtesy/workflows';
import type { OutreachConfig } from './config';
import type { ClinicBranding } from './templates';

const figure = (req: OutreachRequestBase, name: string): string | undefined => {
  const v = req.figures?.[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

/**
 * The clinic as messages show it: what the request carries (figures `clinicName`, `clinicSmsName`,
 * `clinicPhone`, `clinicHours`, `clinicColour`), else the billing office's defaults from configuration.
 */
export function clinicBranding(req: OutreachRequestBase, config: OutreachConfig): ClinicBranding {
  const hours = figure(req, 'clinicHours');
  return {
    name: figure(req, 'clinicName') ?? 'your care provider',
    smsName: figure(req, 'clinicSmsName'),
    colour: /^#[0-9a-fA-F]{6}$/.test(figure(req, 'clinicColour') ?? '') ? figure(req, 'clinicColour')! : '#1f5f8b',
    phone: figure(req, 'clinicPhone') ?? config.DEFAULT_CLINIC_PHONE,
    hours: hours ? { en: hours, es: hours } : { en: config.DEFAULT_CLINIC_HOURS_EN, es: config.DEFAULT_CLINIC_HOURS_ES },
  };
}

/** The greeting name when the request has none: texts and emails never invent or guess a name. */
export const fallbackFirstName = (language: 'en' | 'es') => (language === 'es' ? 'estimado paciente' : 'there');

/** The pay link the request carries, else the gateway's pay page for this balance (an opaque code). */
export function payLinkFor(req: OutreachRequestBase, config: OutreachConfig): string {
  return figure(req, 'payLink') ?? `${config.PUBLIC_BASE_URL.replace(/\/$/, '')}/p/${payCodeFor(req)}`;
}

/** A short opaque code for the balance's pay page: the workflow ID hashed, so it names nobody. */
export const payCodeFor = (req: OutreachRequestBase): string =>
  createHash('sha256').update(req.workflowId).digest('base64url').slice(0, 12);
