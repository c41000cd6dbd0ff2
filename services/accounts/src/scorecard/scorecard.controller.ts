import { Controller, Get, Header, NotFoundException, Param, Query, Res, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { AccountsAdminGuard } from '../admin/admin.guard';
import { ScorecardService, scorecardCsv } from './scorecard.service';

const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, dot, dash or underscore');
const query = z.object({
  clinicId: id.optional(),
  asOf: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 instant, e.g. 2026-03-02T00:00:00Z' })
    .optional(),
  weeks: z.coerce
    .number({ error: 'must be a whole number from 1 to 52' })
    .int('must be a whole number from 1 to 52')
    .min(1, 'must be a whole number from 1 to 52')
    .max(52, 'must be a whole number from 1 to 52')
    .default(12),
});
type ScorecardQuery = z.infer<typeof query>;

/**
 * The weekly scorecard for operators and the gateway's staff console (ADMIN_TOKEN, like accounts' other admin
 * endpoints): every metric for the tenant, or one clinic with `clinicId`, 12 weekly points by default.
 */
@Controller('admin/tenants/:tenantId')
@UseGuards(AccountsAdminGuard)
export class ScorecardController {
  constructor(private readonly scorecards: ScorecardService) {}

  @Get('scorecard')
  async get(
    @Param('tenantId', new ZodValidationPipe(id, 'tenantId')) tenantId: string,
    @Query(new ZodValidationPipe(query, 'query')) q: ScorecardQuery,
  ) {
    return this.load(tenantId, q);
  }

  @Get('scorecard.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  async csv(
    @Param('tenantId', new ZodValidationPipe(id, 'tenantId')) tenantId: string,
    @Query(new ZodValidationPipe(query, 'query')) q: ScorecardQuery,
    @Res({ passthrough: true }) res: { setHeader(name: string, value: string): void },
  ) {
    const s = await this.load(tenantId, q);
    res.setHeader(
      'content-disposition',
      `attachment; filename="scorecard-${tenantId}${q.clinicId ? `-${q.clinicId}` : ''}-${s.asOf.slice(0, 10)}.csv"`,
    );
    return scorecardCsv(s);
  }

  private async load(tenantId: string, q: ScorecardQuery) {
    const s = await this.scorecards.scorecard(
      tenantId,
      q.clinicId ?? null,
      q.asOf ? new Date(q.asOf) : new Date(),
      q.weeks,
    );
    if (q.clinicId && !s.clinics.some((c) => c.clinicId === q.clinicId)) {
      throw new NotFoundException({
        statusCode: 404,
        errors: [{ path: 'query.clinicId', message: `no clinic ${q.clinicId} for tenant ${tenantId}` }],
      });
    }
    return s;
  }
}
