import { Controller, ForbiddenException, HttpCode, Inject, Post, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import type { Request, Response } from 'express';
import twilio from 'twilio';
import { createLogger } from '@courtesy/logging';
import { OutreachClient } from './outreach-client';
import { readBody } from './raw-body';
import { TWILIO_SETTINGS, type TwilioWebhookSettings } from './twilio-settings';

const log = createLogger('gateway.twilio');

/**
 * Twilio's webhooks: inbound texts (STOP/START/HELP and replies) and delivery status callbacks. Nothing is
 * believed before X-Twilio-Signature checks out against our auth token and the public URL Twilio called.
 */
@Controller('webhooks/twilio')
export class TwilioWebhooksController {
  constructor(
    @Inject(TWILIO_SETTINGS) private readonly settings: TwilioWebhookSettings,
    private readonly outreach: OutreachClient,
  ) {}

  private async verified(req: Request): Promise<Record<string, string>> {
    if (!this.settings.authToken) {
      throw new ServiceUnavailableException({ statusCode: 503, errors: [{ path: 'config.TWILIO_AUTH_TOKEN', message: 'is not set, so no webhook can be verified' }] });
    }
    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const signature = req.header('x-twilio-signature') ?? '';
    // Twilio signs the full public URL it called (behind a proxy, not our listen address).
    const url = `${this.settings.publicBaseUrl.replace(/\/$/, '')}${req.originalUrl}`;
    if (!signature || !twilio.validateRequest(this.settings.authToken, signature, url, params)) {
      log.warn({ path: req.path }, 'twilio webhook with a bad signature refused');
      throw new ForbiddenException({ statusCode: 403, errors: [{ path: 'headers.x-twilio-signature', message: 'does not match this request' }] });
    }
    return params;
  }

  @Post('sms')
  async inbound(@Req() req: Request, @Res() res: Response) {
    const p = await this.verified(req);
    const answer = await this.outreach.call<{ reply: string | null }>('POST', '/internal/twilio/inbound', {
      from: p.From ?? '',
      to: p.To,
      body: p.Body ?? '',
      messageSid: p.MessageSid ?? p.SmsSid ?? '',
    });
    const twiml = new twilio.twiml.MessagingResponse();
    if (answer.reply) twiml.message(answer.reply);
    res.status(200).type('text/xml').send(twiml.toString());
  }

  @Post('status')
  @HttpCode(204)
  async status(@Req() req: Request) {
    const p = await this.verified(req);
    await this.outreach.call('POST', '/internal/twilio/status', {
      messageSid: p.MessageSid ?? p.SmsSid ?? '',
      messageStatus: p.MessageStatus ?? p.SmsStatus ?? '',
      ...(p.ErrorCode ? { errorCode: p.ErrorCode } : {}),
    });
  }
}
