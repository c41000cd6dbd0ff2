import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { InternalGuard } from '../internal-api/internal.guard';
import { CallTasksService } from './call-tasks.service';

const claim = z.object({ agentId: z.string().min(1).max(64) });
const claimOne = z.object({
  agentId: z.string().min(1).max(64),
  clinics: z.union([z.literal('*'), z.array(z.string().min(1).max(64)).max(1000)], { error: "must be '*' or a list of clinic IDs" }),
});
const outcome = z.object({
  agentId: z.string().min(1).max(64),
  outcome: z.enum(['reached', 'voicemail', 'no_answer', 'wrong_number', 'promise_to_pay', 'plan_requested', 'dispute']),
  promiseBy: z.iso.datetime({ offset: true }).optional(),
  promiseAmountCents: z.number().int().positive().optional(),
});

@Controller('internal/call-tasks')
@UseGuards(InternalGuard)
export class CallTasksController {
  constructor(private readonly tasks: CallTasksService) {}

  @Get(':tenantId')
  async list(@Param('tenantId') tenantId: string) {
    return { tasks: await this.tasks.open(tenantId) };
  }

  @Post(':tenantId/claim')
  @HttpCode(200)
  async claim(@Param('tenantId') tenantId: string, @Body(new ZodValidationPipe(claim)) body: z.infer<typeof claim>) {
    return { task: (await this.tasks.claim(tenantId, body.agentId)) ?? null };
  }

  /** One task as the staff console needs it to check scope and claim before recording an outcome. */
  @Get(':tenantId/task/:id')
  async one(@Param('tenantId') tenantId: string, @Param('id') id: string) {
    if (!/^\d{1,18}$/.test(id)) throw new BadRequestException({ statusCode: 400, errors: [{ path: 'path.id', message: 'must be a call task number' }] });
    return { task: await this.tasks.get(tenantId, id) };
  }

  /** The staff console claims the task a staff member picked, within their clinics. */
  @Post(':tenantId/task/:id/claim')
  @HttpCode(200)
  async claimOne(@Param('tenantId') tenantId: string, @Param('id') id: string, @Body(new ZodValidationPipe(claimOne)) body: z.infer<typeof claimOne>) {
    if (!/^\d{1,18}$/.test(id)) throw new BadRequestException({ statusCode: 400, errors: [{ path: 'path.id', message: 'must be a call task number' }] });
    return { task: await this.tasks.claimTask(tenantId, id, body.agentId, body.clinics) };
  }

  @Post('task/:id/outcome')
  @HttpCode(200)
  record(@Param('id') id: string, @Body(new ZodValidationPipe(outcome)) body: z.infer<typeof outcome>) {
    if (!/^\d{1,18}$/.test(id)) throw new BadRequestException({ statusCode: 400, errors: [{ path: 'path.id', message: 'must be a call task number' }] });
    return this.tasks.recordOutcome(id, body);
  }
}
