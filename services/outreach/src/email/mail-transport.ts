import nodemailer, { type Transporter } from 'nodemailer';

/**
 * SMTP through nodemailer: the local sink in dev and tests, a real relay in production. Options such as
 * `?pool=true&maxConnections=5` or credentials travel in SMTP_URL, so operators configure it in one place.
 */
export function createMailTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl);
}
