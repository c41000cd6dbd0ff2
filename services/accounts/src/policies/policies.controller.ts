import { BadRequestException, Body, Controller, Get, Headers, NotFoundException, Param, Put, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { domain } from '@courtesy/workflows';
import { AccountsAdminGuard } from '../admin/admin.guard';
import { PoliciesService, PolicyRejected, UnknownClinic } from './policies.service';
import { ClinicPolicy } from './clinic-policy.entity';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, dot, dash or underscore');
/** The rules themselves are checked by the domain's validatePolicy (field by field); here only the shape. */
const policyBody = z.record(z.string(), z.unknown(), { error: 'must be a JSON object with the policy rules' });

const view = (p: ClinicPolicy) => ({
  tenantId: p.tenantId,
  clinicId: p.clinicId,
  version: p.version,
  createdAt: p.createdAt,
  createdBy: p.createdBy,
  policy: p.policy,
});

/** Who stored a version when a trusted caller (the gateway's staff console) acts for a signed-in user. */
const actorOf = (header: string | undefined) => (header && /^staff:[A-Za-z0-9._@-]{1,100}$/.test(header) ? header : 'admin-token');

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
    @Headers('x-courtesy-actor') actor?: string,
  ) {
    try {
      return view(await this.policies.put(tenantId, clinicId, body, actorOf(actor)));
    } catch (err) {
      if (err instanceof PolicyRejected) throw new BadRequestException({ statusCode: 400, errors: err.errors });
      if (err instanceof UnknownClinic) throw new NotFoundException({ statusCode: 404, message: err.message });
      throw err;
    }
  }

  /** Every stored version, newest first (empty while the clinic runs on the default policy). */
  @Get('versions')
  async versions(
    @Param('tenantId', new ZodValidationPipe(id, 'tenantId')) tenantId: string,
    @Param('clinicId', new ZodValidationPipe(id, 'clinicId')) clinicId: string,
  ) {
    const rows = await this.policies.db.getRepository(ClinicPolicy).find({ where: { tenantId, clinicId }, order: { version: 'DESC' }, take: 200 });
    return { tenantId, clinicId, versions: rows.map(view) };
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
