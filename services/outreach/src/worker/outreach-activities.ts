import { Injectable } from '@nestjs/common';
import type { OutreachActivities } from '@courtesy/workflows';
import { EmailSender } from '../email/email-sender';

/** The activity functions registered on task queue `outreach`, bound to the Nest providers that do the work. */
@Injectable()
export class OutreachActivitiesProvider {
  constructor(private readonly email: EmailSender) {}

  activities(): Pick<OutreachActivities, 'sendEmail'> {
    return {
      sendEmail: (req) => this.email.send(req),
    };
  }
}
