import { BadRequestException, Controller, Get, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { GatewayAdminGuard } from '../admin/admin.guard';
import { OutreachClient } from './outreach-client';
import { readBody } from './raw-body';

const REF = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const check = (name: string, v: string) => {
  if (!REF.test(v)) throw new BadRequestException({ statusCode: 400, errors: [{ path: `path.${name}`, message: 'must be 1-128 letters, digits, dot, colon, dash or underscore' }] });
  return encodeURIComponent(v);
};

async function json(req: Request): Promise<unknown> {
  try {
    return JSON.parse((await readBody(req)) || '{}');
  } catch {
    throw new BadRequestException({ statusCode: 400, errors: [{ path: 'body', message: 'must be JSON' }] });
  }
}

/** Staff's view of outreach (operator token until role-based sign-in lands): attempt log and the call queue. */
@Controller('staff')
@UseGuards(GatewayAdminGuard)
export class StaffOutreachController {
  constructor(private readonly outreach: OutreachClient) {}

  @Get('tenants/:tenantId/accounts/:accountId/attempts')
  attempts(@Param('tenantId') tenantId: string, @Param('accountId') accountId: string) {
    return this.outreach.call('GET', `/internal/accounts/${check('tenantId', tenantId)}/${check('accountId', accountId)}/attempts`);
  }

  @Get('tenants/:tenantId/call-tasks')
  callTasks(@Param('tenantId') tenantId: string) {
    return this.outreach.call('GET', `/internal/call-tasks/${check('tenantId', tenantId)}`);
  }

  @Post('tenants/:tenantId/call-tasks/claim')
  @HttpCode(200)
  async claim(@Param('tenantId') tenantId: string, @Req() req: Request) {
    return this.outreach.call('POST', `/internal/call-tasks/${check('tenantId', tenantId)}/claim`, await json(req));
  }

  @Post('call-tasks/:id/outcome')
  @HttpCode(200)
  async outcome(@Param('id') id: string, @Req() req: Request) {
    return this.outreach.call('POST', `/internal/call-tasks/task/${check('id', id)}/outcome`, await json(req));
  }

  /** What the SMS sandbox recorded instead of sending (no Twilio credentials configured). */
  @Get('sandbox/messages')
  sandbox(@Query('to') to?: string) {
    if (to !== undefined && !/^\+[1-9]\d{6,14}$/.test(to)) {
      throw new BadRequestException({ statusCode: 400, errors: [{ path: 'query.to', message: 'must be an E.164 phone number' }] });
    }
    return this.outreach.call('GET', `/internal/sandbox/messages${to ? `?to=${encodeURIComponent(to)}` : ''}`);
  }
}
