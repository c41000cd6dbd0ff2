import { Body, Controller, HttpCode, Inject, Injectable, Param, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { AdminTokenGuard, ZodValidationPipe } from '@courtesy/service-kit';
import type { PaymentsConfig } from '../config';
import { CONFIG } from '../tokens';
import { PayLinksService } from './pay-links.service';

@Injectable()
export class PaymentsAdminGuard extends AdminTokenGuard {
  constructor(@Inject(CONFIG) config: PaymentsConfig) {
    super(config.ADMIN_TOKEN);
  }
}

const createPayLink = z.strictObject({
  tenantId: z.string().min(1).max(64),
  clinicId: z.string().min(1).max(64),
  accountId: z.uuid('must be the account ID (uuid) from accounts'),
  ttlDays: z.number().int().min(1).max(365).optional(),
});

/**
 * Service-to-service: outreach (or staff tools) ask for a pay link to put in a message. Each call makes a new
 * code; the code is in the answer only, never stored in clear.
 */
@Controller('internal/pay-links')
@UseGuards(PaymentsAdminGuard)
export class PayLinksController {
  constructor(private readonly links: PayLinksService) {}

  @Post()
  create(@Body(new ZodValidationPipe(createPayLink)) body: z.infer<typeof createPayLink>) {
    return this.links.create(body);
  }

  @Post(':id/revoke')
  @HttpCode(204)
  async revoke(@Param('id', new ZodValidationPipe(z.uuid(), 'params.id')) id: string) {
    await this.links.revoke(id);
  }
}
