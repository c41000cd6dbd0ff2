import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import { Repository } from 'typeorm';
import type { AttemptOutcome, SendEmailRequest } from '@courtesy/workflows';
import { createLogger } from '@courtesy/logging';
import { ContactAttempt } from '../attempts/contact-attempt.entity';
import type { OutreachConfig } from '../config';
import { CONFIG, MAIL_TRANSPORT } from '../tokens';

const log = createLogger('outreach.email');

const formatCents = (cents: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);

/** A stable Message-ID per attempt lets the receiving side recognise a resend after a crash mid-send. */
const messageIdFor = (attemptKey: string) => `<${createHash('sha256').update(attemptKey).digest('hex').slice(0, 40)}@courtesy.local>`;

@Injectable()
export class EmailSender {
  constructor(
    @InjectRepository(ContactAttempt) private readonly attempts: Repository<ContactAttempt>,
    @Inject(MAIL_TRANSPORT) private readonly transport: Transporter,
    @Inject(CONFIG) private readonly config: OutreachConfig,
  ) {}

  async send(req: SendEmailRequest): Promise<AttemptOutcome> {
    const existing = await this.attempts.findOneBy({ attemptKey: req.attemptKey });
    if (existing?.status === 'sent') return { status: 'sent', attemptId: existing.attemptKey, providerMessageId: existing.providerMessageId ?? undefined };
    if (!existing) {
      await this.attempts
        .createQueryBuilder()
        .insert()
        .values({
          attemptKey: req.attemptKey,
          tenantId: req.tenantId,
          clinicId: req.clinicId,
          accountId: req.accountId,
          channel: 'email',
          templateKey: req.templateKey,
          templateVersion: 1,
          status: 'sending',
          decision: {},
        })
        .orIgnore()
        .execute();
    }
    if (!req.contact.email) {
      await this.attempts.update({ attemptKey: req.attemptKey }, { status: 'blocked', decision: { rule: 'no_email_address' } });
      return { status: 'not_possible', attemptId: req.attemptKey, reason: 'no_email', rule: 'no_email_address' };
    }
    const amount = formatCents(req.balanceCents);
    const clinicName = String(req.figures?.clinicName ?? 'your clinic');
    const greeting = req.contact.firstName ? `Hello ${req.contact.firstName},` : 'Hello,';
    const info = await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: req.contact.email,
      messageId: messageIdFor(req.attemptKey),
      subject: `Your balance with ${clinicName}`,
      text: `${greeting}\n\nYour balance with ${clinicName} is ${amount}.\n`,
      html: `<p>${greeting}</p><p>Your balance with ${clinicName} is <strong>${amount}</strong>.</p>`,
    });
    await this.attempts.update(
      { attemptKey: req.attemptKey },
      { status: 'sent', providerMessageId: info.messageId, sentAt: new Date(), decision: { rule: 'allowed' } },
    );
    log.info({ attemptKey: req.attemptKey, accountId: req.accountId }, 'email sent');
    return { status: 'sent', attemptId: req.attemptKey, providerMessageId: info.messageId };
  }
}
