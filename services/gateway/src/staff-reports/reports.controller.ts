import { Controller, ForbiddenException, Get, Inject, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { StaffGuard, StaffRoles, type StaffRequest } from '../staff/staff.guard';
import { StaffAudit } from '../staff/staff-audit.service';
import { canSeeClinic, type StaffPrincipal } from '../staff/staff-principal';
import { ACCOUNTS_ADMIN, AccountsAdminClient } from './accounts-admin-client';

const clinicId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a clinic ID');
const scorecardQuery = z.object({
  clinicId: clinicId.optional(),
  weeks: z.coerce
    .number({ error: 'must be a whole number from 1 to 52' })
    .int('must be a whole number from 1 to 52')
    .min(1, 'must be a whole number from 1 to 52')
    .max(52, 'must be a whole number from 1 to 52')
    .optional(),
});
type ScorecardQuery = z.infer<typeof scorecardQuery>;

interface Clinic {
  clinicId: string;
  name: string;
}

/**
 * The weekly scorecard for the people who read it: managers, finance leads and admins (staff work queues, ops
 * watch workflows; neither needs clinic-by-clinic comparisons). A user limited to some clinics sees only those
 * clinics, never the tenant-wide figures (they would include clinics they may not see). Every view and export
 * is audited.
 */
@Controller('staff/v1/reports')
@UseGuards(StaffGuard)
export class ReportsController {
  constructor(
    @Inject(ACCOUNTS_ADMIN) private readonly accounts: AccountsAdminClient,
    private readonly audit: StaffAudit,
  ) {}

  /** The clinics this user may see (every role: the policies page lists them too). */
  @Get('clinics')
  async clinics(@Req() req: StaffRequest) {
    return { clinics: await this.visibleClinics(req.staff) };
  }

  @Get('scorecard')
  @StaffRoles('manager', 'finance', 'admin')
  async scorecard(
    @Req() req: StaffRequest,
    @Query(new ZodValidationPipe(scorecardQuery, 'query')) q: ScorecardQuery,
  ) {
    const p = req.staff;
    const scope = this.scope(p, q.clinicId);
    const s = await this.accounts.json<{ clinics: Clinic[] } & Record<string, unknown>>(
      'GET',
      this.path(p, 'scorecard', scope, q.weeks),
    );
    await this.audit.record(p, 'scorecard.viewed', scope ? `clinic:${scope}` : `tenant:${p.tenantId}`, {
      weeks: q.weeks ?? 12,
    });
    return {
      ...s,
      clinics: s.clinics.filter((c) => canSeeClinic(p, c.clinicId)),
      tenantWide: p.clinicIds === 'all',
    };
  }

  @Get('scorecard.csv')
  @StaffRoles('manager', 'finance', 'admin')
  async csv(
    @Req() req: StaffRequest,
    @Query(new ZodValidationPipe(scorecardQuery, 'query')) q: ScorecardQuery,
    @Res() res: Response,
  ) {
    const p = req.staff;
    const scope = this.scope(p, q.clinicId);
    const { body, disposition } = await this.accounts.text(this.path(p, 'scorecard.csv', scope, q.weeks));
    await this.audit.record(p, 'scorecard.exported', scope ? `clinic:${scope}` : `tenant:${p.tenantId}`, {
      weeks: q.weeks ?? 12,
    });
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    if (disposition) res.setHeader('content-disposition', disposition);
    res.setHeader('cache-control', 'no-store');
    res.send(body);
  }

  /** The clinic asked for, checked; a user limited to some clinics defaults to the first of them. */
  private scope(p: StaffPrincipal, clinic: string | undefined): string | null {
    if (clinic) {
      if (!canSeeClinic(p, clinic))
        throw new ForbiddenException({
          statusCode: 403,
          errors: [{ path: 'query.clinicId', message: 'is not one of your clinics' }],
        });
      return clinic;
    }
    if (p.clinicIds === 'all') return null;
    const first = p.clinicIds[0];
    if (!first)
      throw new ForbiddenException({
        statusCode: 403,
        errors: [{ path: 'query.clinicId', message: 'you have no clinics' }],
      });
    return first;
  }

  private path(p: StaffPrincipal, what: string, clinic: string | null, weeks: number | undefined) {
    const qs = new URLSearchParams();
    if (clinic) qs.set('clinicId', clinic);
    if (weeks) qs.set('weeks', String(weeks));
    const query = qs.toString();
    return `/admin/tenants/${encodeURIComponent(p.tenantId)}/${what}${query ? `?${query}` : ''}`;
  }

  private async visibleClinics(p: StaffPrincipal): Promise<Clinic[]> {
    const { clinics } = await this.accounts.json<{ clinics: Clinic[] }>(
      'GET',
      `/admin/tenants/${encodeURIComponent(p.tenantId)}/clinics`,
    );
    return clinics.filter((c) => canSeeClinic(p, c.clinicId));
  }
}
