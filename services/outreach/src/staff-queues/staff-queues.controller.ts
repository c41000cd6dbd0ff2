import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { InternalGuard } from '../internal-api/internal.guard';
import { StaffQueuesService } from './staff-queues.service';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const page = z.object({
  clinics: z.string().regex(/^(\*|[A-Za-z0-9][A-Za-z0-9._-]{0,63}(,[A-Za-z0-9][A-Za-z0-9._-]{0,63})*)$/, 'must be * or a comma-separated list of clinic IDs'),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(25),
});
const ids = z.object({ ids: z.string().regex(/^[A-Za-z0-9-]{1,64}(,[A-Za-z0-9-]{1,64}){0,199}$/, 'must be up to 200 comma-separated account IDs') });
const tenant = new ZodValidationPipe(z.string().regex(ID, 'must be a tenant ID'), 'path.tenantId');

/** Queues for the staff console (the gateway checks the staff member's clinics and passes them in `clinics`). */
@Controller('internal/staff-queues/:tenantId')
@UseGuards(InternalGuard)
export class StaffQueuesController {
  constructor(private readonly queues: StaffQueuesService) {}

  @Get('calls')
  calls(@Param('tenantId', tenant) tenantId: string, @Query(new ZodValidationPipe(page, 'query')) q: z.infer<typeof page>) {
    return this.queues.callsDue(tenantId, q);
  }

  @Get('promises')
  promises(@Param('tenantId', tenant) tenantId: string, @Query(new ZodValidationPipe(page, 'query')) q: z.infer<typeof page>) {
    return this.queues.promisesDue(tenantId, q);
  }

  @Get('contacted')
  async contacted(@Param('tenantId', tenant) tenantId: string, @Query(new ZodValidationPipe(ids, 'query')) q: z.infer<typeof ids>) {
    return { accountIds: await this.queues.contacted(tenantId, q.ids.split(',')) };
  }
}
