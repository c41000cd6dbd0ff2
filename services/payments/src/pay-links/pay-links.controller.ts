import { Body, Controller, HttpCode, Inject, Injectable, Param, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { AdminTokenGuard, ZodValidationPipe } from '@courtesy/service-kit';
import type { PaymentsConfig } from '../config';
import { CONFIG } from '../tokens';
import { PayLinksService } from './pay-links.service';
import { AccountFactsClient } from '../accounts-client/account-facts';

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
  issueKey: z.string().min(1).max(300, 'must be at most 300 characters').optional(),
});

/**
 * Service-to-service: outreach (or staff tools) ask for a pay link to put in a message. Without `issueKey` each
 * call makes a new code; with it (outreach sends the attempt key) the same key answers with the same link. The
 * code is in the answer only, never stored in clear.
 */
@Controller('internal/pay-links')
@UseGuards(PaymentsAdminGuard)
export class PayLinksController {
  constructor(
    private readonly links: PayLinksService,
    private readonly accounts: AccountFactsClient,
  ) {}

  /**
   * The link, and the figures the page behind it will show (so a message quotes what insurance paid and what
   * remains exactly as the page does). The figures are best effort: without accounts the link still goes out.
   */
  @Post()
  async create(@Body(new ZodValidationPipe(createPayLink)) body: z.infer<typeof createPayLink>) {
    const link = await this.links.create(body);
    const facts = await this.accounts.facts(body.accountId).catch(() => undefined);
    const summary =
      facts && facts.tenantId === body.tenantId
        ? {
            chargesCents: facts.summary.chargesCents,
            insurancePaidCents: facts.summary.insurancePaidCents,
            adjustmentsCents: facts.summary.adjustmentsCents,
            patientPaidCents: facts.summary.patientPaidCents,
            balanceCents: facts.balanceCents,
          }
        : undefined;
    return { ...link, ...(summary ? { summary } : {}) };
  }

  @Post(':id/revoke')
  @HttpCode(204)
  async revoke(@Param('id', new ZodValidationPipe(z.uuid(), 'params.id')) id: string) {
    await this.links.revoke(id);
  }
}
