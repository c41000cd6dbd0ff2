import { Inject, Injectable } from '@nestjs/common';
import type { OutreachRequestBase } from '@courtesy/workflows';
import type { OutreachConfig } from '../config';
import { CONFIG, SMS_TRANSPORT } from '../tokens';
import type { ChannelSender, Prepared, SendResult } from '../attempts/attempt-runner';
import { PermanentSendFailure } from '../attempts/attempt-runner';
import type { AttemptRow } from '../attempts/attempt-log';
import { ContactPointsService } from '../contact-points/contact-points.service';
import { render, type Language } from '../templates';
import { selectTemplate } from '../templates/select';
import { clinicBranding, fallbackFirstName } from '../clinic-branding';
import { PayLinkClient } from '../pay-links/pay-link-client';
import { toE164, type SmsTransport } from './sms-transport';

interface PreparedText extends Prepared {
  body: string;
}

/** Texts: the pay-link reminder and its kin, rendered from the reviewed SMS copy (minimum necessary content). */
@Injectable()
export class TextSender implements ChannelSender<PreparedText> {
  readonly channel = 'sms' as const;

  constructor(
    @Inject(SMS_TRANSPORT) private readonly transport: SmsTransport,
    @Inject(CONFIG) private readonly config: OutreachConfig,
    private readonly points: ContactPointsService,
    private readonly payLinks: PayLinkClient,
  ) {}

  destinationOf(req: OutreachRequestBase): string | undefined {
    return toE164(req.contact.phone);
  }

  purposeOf(req: OutreachRequestBase) {
    return this.pick(req).purpose;
  }

  private pick(req: OutreachRequestBase) {
    return selectTemplate({ channel: 'sms', templateKey: req.templateKey, stepKey: req.stepKey, tone: req.tone, language: req.language as Language });
  }

  async prepare(req: OutreachRequestBase): Promise<PreparedText> {
    const { template } = this.pick(req);
    const link = await this.payLinks.linkFor(req);
    const message = render(template, {
      clinic: clinicBranding(req, this.config),
      // A text shows the first name at most.
      firstName: req.contact.firstName ?? fallbackFirstName(req.language),
      amountDueCents: req.balanceCents,
      payLink: link.url,
      planPaymentCents: numberFigure(req, 'planPaymentCents'),
      planPaymentDate: stringFigure(req, 'planPaymentDate'),
    });
    if (message.channel !== 'sms') throw new Error(`template ${template.key} is not an SMS template`);
    return { templateKey: template.key, templateVersion: template.version, body: message.text };
  }

  async send(_req: OutreachRequestBase, prepared: PreparedText, _row: AttemptRow, to: string): Promise<SendResult> {
    try {
      return await this.transport.send({ to, body: prepared.body, statusCallback: this.statusCallback() });
    } catch (err) {
      // Twilio already holds a STOP from this number: record it so every channel stops, not just texts.
      if (err instanceof PermanentSendFailure && err.reason === 'opted_out') await this.points.optOutPhone(to, 'provider_unsubscribed');
      throw err;
    }
  }

  reconcile(_req: OutreachRequestBase, prepared: PreparedText, row: AttemptRow, to: string): Promise<SendResult | undefined> {
    return this.transport.findSent(to, prepared.body, new Date(row.created_at));
  }

  statusCallback(): string {
    return `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/webhooks/twilio/status`;
  }
}

export const numberFigure = (req: OutreachRequestBase, name: string): number | undefined => {
  const v = req.figures?.[name];
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;
};
export const stringFigure = (req: OutreachRequestBase, name: string): string | undefined => {
  const v = req.figures?.[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
};
