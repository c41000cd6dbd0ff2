import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { OutreachRequestBase } from '@courtesy/workflows';
import type { OutreachConfig } from '../config';
import { CONFIG, MAIL_RECEIPTS, MAIL_TRANSPORT } from '../tokens';
import type { MailReceipts } from './mail-receipts';
import { NotSentError, PermanentSendFailure, type ChannelSender, type Prepared, type SendResult } from '../attempts/attempt-runner';
import type { AttemptRow } from '../attempts/attempt-log';
import { render, type Language } from '../templates';
import { selectTemplate } from '../templates/select';
import { clinicBranding, fallbackFirstName } from '../clinic-branding';
import { PayLinkClient } from '../pay-links/pay-link-client';
import { numberFigure, stringFigure } from '../sms/text-sender';

interface PreparedEmail extends Prepared {
  subject: string;
  text: string;
  html: string;
  unsubscribeUrl: string;
}

/** A stable Message-ID per attempt: a resend after a crash mid-send is the same message to every receiver. */
export const messageIdFor = (attemptKey: string) =>
  `<${createHash('sha256').update(attemptKey).digest('hex').slice(0, 40)}@courtesy.local>`;

/** The unsubscribe page on the gateway; the token is random per attempt and maps to the account in outreach. */
export const unsubscribeUrlFor = (config: OutreachConfig, token: string) => `${config.PUBLIC_BASE_URL.replace(/\/$/, '')}/u/${token}`;

/** Email over SMTP (nodemailer): HTML and text from one template, clinic branding, one-click unsubscribe. */
@Injectable()
export class EmailSender implements ChannelSender<PreparedEmail> {
  readonly channel = 'email' as const;

  constructor(
    @Inject(MAIL_TRANSPORT) private readonly transport: Transporter,
    @Inject(CONFIG) private readonly config: OutreachConfig,
    @Inject(MAIL_RECEIPTS) private readonly receipts: MailReceipts | null,
    private readonly payLinks: PayLinkClient,
  ) {}

  /** An in-doubt attempt: did the relay already take this Message-ID? Unknown (no receipts API) resends it. */
  async reconcile(req: OutreachRequestBase): Promise<SendResult | undefined> {
    const messageId = messageIdFor(req.attemptKey);
    return this.receipts && (await this.receipts.accepted(messageId)) ? { providerMessageId: messageId } : undefined;
  }

  destinationOf(req: OutreachRequestBase): string | undefined {
    const email = req.contact.email?.trim().toLowerCase();
    return email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : undefined;
  }

  purposeOf(req: OutreachRequestBase) {
    return this.pick(req).purpose;
  }

  private pick(req: OutreachRequestBase) {
    return selectTemplate({ channel: 'email', templateKey: req.templateKey, stepKey: req.stepKey, tone: req.tone, language: req.language as Language });
  }

  async prepare(req: OutreachRequestBase, row: AttemptRow): Promise<PreparedEmail> {
    const { template } = this.pick(req);
    const link = await this.payLinks.linkFor(req);
    const unsubscribeUrl = unsubscribeUrlFor(this.config, row.unsubscribe_token!);
    const message = render(template, {
      clinic: clinicBranding(req, this.config),
      firstName: req.contact.firstName ?? fallbackFirstName(req.language),
      amountDueCents: req.balanceCents,
      // What insurance paid: the request's figure, else the ledger's as payments read it with the link.
      insurancePaidCents: numberFigure(req, 'insurancePaidCents') ?? link.figures?.insurancePaidCents ?? 0,
      remainingCents: req.balanceCents,
      dueDate: stringFigure(req, 'dueDate'),
      payLink: link.url,
      unsubscribeLink: unsubscribeUrl,
      planPaymentCents: numberFigure(req, 'planPaymentCents'),
      planPaymentDate: stringFigure(req, 'planPaymentDate'),
    });
    if (message.channel !== 'email') throw new Error(`template ${template.key} is not an email template`);
    return { templateKey: template.key, templateVersion: template.version, subject: message.subject, text: message.text, html: message.html, unsubscribeUrl };
  }

  async send(req: OutreachRequestBase, prepared: PreparedEmail, _row: AttemptRow, to: string): Promise<SendResult> {
    try {
      const info = await this.transport.sendMail({
        from: this.config.MAIL_FROM,
        to,
        messageId: messageIdFor(req.attemptKey),
        subject: prepared.subject,
        text: prepared.text,
        html: prepared.html,
        // RFC 2369 + RFC 8058: mail clients show an unsubscribe button that posts to the same link.
        list: { unsubscribe: { url: prepared.unsubscribeUrl, comment: 'Unsubscribe' } },
        headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
      return { providerMessageId: info.messageId };
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      // 550/551/553: the relay refused the mailbox itself; a bounce the moment we send.
      if (code === 550 || code === 551 || code === 553) throw new PermanentSendFailure('bad_email', 'bounced', `SMTP ${code}: mailbox refused`);
      if (typeof code === 'number' && code >= 400) throw new NotSentError(`SMTP ${code}`);
      throw err;
    }
  }
}
