import { BadRequestException, Body, Controller, Get, NotFoundException, Param, Put, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { domain } from '@courtesy/workflows';
import { AccountsAdminGuard } from '../admin/admin.guard';
import { PoliciesService, PolicyRejected, UnknownClinic } from './policies.service';
import type { ClinicPolicy } from './clinic-policy.entity';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, dot, dash or underscore');
/** The rules themselves are checked by the domain's validatePolicy (field by field); here only the shape. */
const policyBody = z.record(z.string(), z.unknown(), { error: 'must be a JSON object with the policy rules' });

const view = (p: ClinicPolicy) => ({
  tenantId: p.tenantId,
  clinicId: p.clinicId,
  version: p.version,
  createdAt: p.createdAt,
  policy: p.policy,
});

/**
 * A clinic's collection policy, versioned. PUT stores the next version (400 naming every bad field, nothing
 * stored) and signals running balance workflows, which apply it from their next step.
 */
@Controller('admin/tenants/:tenantId/clinics/:clinicId/policy')
@UseGuards(AccountsAdminGuard)
export class PoliciesAdminController {
  constructor(private readonly policies: PoliciesService) {}

  @Put()
  async put(
    @Param('tenantId', new ZodValidationPipe(id, 'tenantId')) tenantId: string,
    @Param('clinicId', new ZodValidationPipe(id, 'clinicId')) clinicId: string,
    @Body(new ZodValidationPipe(policyBody)) body: Record<string, unknown>,
  ) {
    try {
      return view(await this.policies.put(tenantId, clinicId, body, 'admin-token'));
    } catch (err) {
      if (err instanceof PolicyRejected) throw new BadRequestException({ statusCode: 400, errors: err.errors });
      if (err instanceof UnknownClinic) throw new NotFoundException({ statusCode: 404, message: err.message });
      throw err;
    }
  }

  /** The version new balances start with (the default policy when none was stored). */
  @Get()
  async get(
    @Param('tenantId', new ZodValidationPipe(id, 'tenantId')) tenantId: string,
    @Param('clinicId', new ZodValidationPipe(id, 'clinicId')) clinicId: string,
  ) {
    const current = await this.policies.current(this.policies.db, tenantId, clinicId);
    if (current) return view(current);
    return { tenantId, clinicId, version: 0, default: true, policy: domain.defaultPolicy() };
  }
}
