import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  Inject,
  Param,
  Put,
  Req,
  UseGuards,
} from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { StaffGuard, StaffRoles, type StaffRequest } from '../staff/staff.guard';
import { StaffAudit } from '../staff/staff-audit.service';
import { canSeeClinic, type StaffPrincipal } from '../staff/staff-principal';
import { ACCOUNTS_ADMIN, AccountsAdminClient } from './accounts-admin-client';

const clinicId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a clinic ID');
const policyBody = z.record(z.string(), z.unknown(), {
  error: 'must be a JSON object with the policy rules',
});

/**
 * A clinic's collection policy in the console. Everyone who can see the clinic may read it (staff see why the
 * cadence does what it does); only admins store a new version: a policy decides when patients are contacted
 * and when balances go to an agency, which is the tenant's written policy, not a day-to-day call. Accounts
 * validates and versions it (400 naming each field, nothing stored); the gateway names the user as its author.
 */
@Controller('staff/v1/policies')
@UseGuards(StaffGuard)
export class PoliciesController {
  constructor(
    @Inject(ACCOUNTS_ADMIN) private readonly accounts: AccountsAdminClient,
    private readonly audit: StaffAudit,
  ) {}

  @Get(':clinicId')
  async get(
    @Req() req: StaffRequest,
    @Param('clinicId', new ZodValidationPipe(clinicId, 'clinicId')) clinic: string,
  ) {
    const base = this.base(req.staff, clinic);
    const [current, history] = await Promise.all([
      this.accounts.json<Record<string, unknown>>('GET', base),
      this.accounts.json<{ versions: unknown[] }>('GET', `${base}/versions`),
    ]);
    await this.audit.record(req.staff, 'policy.viewed', `clinic:${clinic}`);
    return { current, versions: history.versions, canEdit: req.staff.role === 'admin' };
  }

  @Put(':clinicId')
  @StaffRoles('admin')
  async put(
    @Req() req: StaffRequest,
    @Param('clinicId', new ZodValidationPipe(clinicId, 'clinicId')) clinic: string,
    @Body(new ZodValidationPipe(policyBody)) body: Record<string, unknown>,
  ) {
    const saved = await this.accounts.json<{ version: number }>('PUT', this.base(req.staff, clinic), body, {
      'x-courtesy-actor': `staff:${req.staff.userId}`,
    });
    await this.audit.record(req.staff, 'policy.saved', `clinic:${clinic}`, { version: saved.version });
    return saved;
  }

  private base(p: StaffPrincipal, clinic: string) {
    if (!canSeeClinic(p, clinic))
      throw new ForbiddenException({
        statusCode: 403,
        errors: [{ path: 'clinicId', message: 'is not one of your clinics' }],
      });
    return `/admin/tenants/${encodeURIComponent(p.tenantId)}/clinics/${encodeURIComponent(clinic)}/policy`;
  }
}
