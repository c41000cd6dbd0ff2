import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InternalGuard } from '../internal-api/internal.guard';
import { AttemptLog } from './attempt-log';

/** The contact-attempt log per account, and what the SMS sandbox recorded instead of sending. */
@Controller('internal')
@UseGuards(InternalGuard)
export class AttemptsController {
  constructor(
    private readonly attempts: AttemptLog,
    private readonly db: DataSource,
  ) {}

  @Get('accounts/:tenantId/:accountId/attempts')
  async forAccount(@Param('tenantId') tenantId: string, @Param('accountId') accountId: string) {
    return { tenantId, accountId, attempts: await this.attempts.forAccount(tenantId, accountId) };
  }

  @Get('sandbox/messages')
  async sandbox(@Query('to') to?: string) {
    const messages = await this.db.query(
      `select channel, to_address as "to", body, provider_message_id as "sid", created_at as "createdAt" from sandbox_messages
        where $1::text is null or to_address = $1 order by id desc limit 500`,
      [to ?? null],
    );
    return { messages };
  }
}
