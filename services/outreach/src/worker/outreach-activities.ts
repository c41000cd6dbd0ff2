import { Injectable } from '@nestjs/common';
import type { OutreachActivities } from '@courtesy/workflows';
import { AttemptRunner } from '../attempts/attempt-runner';
import { EmailSender } from '../email/email-sender';
import { TextSender } from '../sms/text-sender';
import { StatementMailer } from '../statement/statement-mailer';
import { CallTaskQueuer } from '../call-tasks/call-task-queuer';

/** The activity functions registered on task queue `outreach`, bound to the Nest providers that do the work. */
@Injectable()
export class OutreachActivitiesProvider {
  constructor(
    private readonly runner: AttemptRunner,
    private readonly text: TextSender,
    private readonly email: EmailSender,
    private readonly statement: StatementMailer,
    private readonly calls: CallTaskQueuer,
  ) {}

  activities(): OutreachActivities {
    return {
      sendText: (req) => this.runner.run(req, this.text),
      sendEmail: (req) => this.runner.run(req, this.email),
      mailStatement: (req) => this.runner.run(req, this.statement),
      createCallTask: (req) => this.runner.run(req, this.calls),
    };
  }
}
