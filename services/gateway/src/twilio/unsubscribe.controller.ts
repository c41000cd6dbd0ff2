import { Controller, Get, HttpException, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { OutreachClient } from './outreach-client';

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head>` +
  `<body style="font-family:Arial,Helvetica,sans-serif;max-width:480px;margin:40px auto;padding:0 16px;color:#1f2933">${body}</body></html>`;

/**
 * The unsubscribe link in every email. GET shows a confirmation button (so a mail scanner's prefetch does not
 * act for the patient); POST, from that button or a mail client's one-click (RFC 8058), opts out.
 */
@Controller('u')
export class UnsubscribeController {
  constructor(private readonly outreach: OutreachClient) {}

  @Get(':token')
  confirm(@Param('token') token: string, @Res() res: Response) {
    if (!TOKEN.test(token)) return res.status(404).type('html').send(page('Link not found', '<p>This link is not valid.</p>'));
    res
      .status(200)
      .type('html')
      .send(
        page(
          'Stop billing emails',
          '<h1 style="font-size:20px">Stop billing messages?</h1><p>We will stop sending you billing reminders. You can still call the clinic at any time.</p>' +
            `<form method="post" action="/u/${token}"><button type="submit" style="padding:10px 20px">Unsubscribe</button></form>`,
        ),
      );
  }

  @Post(':token')
  async unsubscribe(@Param('token') token: string, @Res() res: Response) {
    if (!TOKEN.test(token)) return res.status(404).type('html').send(page('Link not found', '<p>This link is not valid.</p>'));
    try {
      await this.outreach.call('POST', `/internal/unsubscribe/${encodeURIComponent(token)}`);
    } catch (err) {
      if (err instanceof HttpException && err.getStatus() === 404) return res.status(404).type('html').send(page('Link not found', '<p>This link is not valid.</p>'));
      throw err;
    }
    res.status(200).type('html').send(page('Unsubscribed', '<h1 style="font-size:20px">You are unsubscribed</h1><p>We will not send you billing reminders any more.</p>'));
  }
}
