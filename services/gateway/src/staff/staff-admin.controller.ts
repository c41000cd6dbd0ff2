import { BadRequestException, Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Patch, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { IntegratorKey } from '../integrators/integrator-key.entity';
import { IntegratorsService } from '../integrators/integrators.service';
import { STAFF_ROLES, type StaffRole } from './staff-principal';
import { StaffAudit } from './staff-audit.service';
import { StaffGuard, StaffRoles, type StaffRequest } from './staff.guard';
import { StaffUsers } from './staff-users.service';
import { StaffClinics } from './staff-clinics';
import { ServiceClients, seg } from './service-clients';

const role = z.enum(STAFF_ROLES as [StaffRole, ...StaffRole[]], { error: `must be one of ${STAFF_ROLES.join(', ')}` });
const clinicIds = z.union([z.literal('all'), z.array(z.string().min(1).max(64)).min(1, 'must list at least one clinic, or be "all"').max(1000)]);
const password = z.string().min(12, 'must be at least 12 characters').max(200);
const newUser = z.strictObject({
  email: z.string().trim().max(254).email('must be an email address'),
  displayName: z.string().trim().min(1, 'is required').max(120),
  role,
  clinicIds,
  password,
});
const userChange = z.strictObject({
  displayName: z.string().trim().min(1, 'is required').max(120).optional(),
  role: role.optional(),
  clinicIds: clinicIds.optional(),
  disabled: z.boolean().optional(),
  password: password.optional(),
});
const newKey = z.strictObject({
  label: z.string().trim().min(1, 'is required').max(120),
  clinicIds: z.array(z.string().min(1).max(64)).min(1, 'must list at least one clinic').max(1000),
  signingSecret: z.string().min(32, 'must be at least 32 characters').optional(),
});
const uuid = new ZodValidationPipe(z.uuid('must be a user ID'), 'path.userId');

/**
 * Tenant admins: staff users, integrator keys (same issuing and revocation as the operator's /admin API, limited
 * to the admin's tenant), agencies (read from placement) and the audit log. Every change is audited.
 */
@Controller('staff/v1/admin')
@UseGuards(StaffGuard)
@StaffRoles('admin')
export class StaffAdminController {
  constructor(
    private readonly users: StaffUsers,
    private readonly audit: StaffAudit,
    private readonly clinics: StaffClinics,
    private readonly services: ServiceClients,
    private readonly moduleRef: ModuleRef,
    @InjectRepository(IntegratorKey) private readonly keys: Repository<IntegratorKey>,
  ) {}

  @Get('users')
  async listUsers(@Req() req: StaffRequest) {
    return { users: await this.users.list(req.staff.tenantId) };
  }

  @Post('users')
  @HttpCode(201)
  async createUser(@Req() req: StaffRequest, @Body(new ZodValidationPipe(newUser)) body: z.infer<typeof newUser>) {
    if (body.clinicIds !== 'all') await this.checkClinics(req.staff.tenantId, body.clinicIds);
    const user = await this.users.create(req.staff.tenantId, { ...body, clinicIds: body.clinicIds === 'all' ? null : body.clinicIds });
    await this.audit.record(req.staff, 'user.create', `user:${user.id}`, { role: user.role, clinicIds: user.clinicIds });
    return user;
  }

  @Patch('users/:userId')
  async changeUser(@Req() req: StaffRequest, @Param('userId', uuid) userId: string, @Body(new ZodValidationPipe(userChange)) body: z.infer<typeof userChange>) {
    // An admin cannot lock themselves out: someone must be left who can undo a mistake.
    if (userId === req.staff.userId && (body.disabled || (body.role && body.role !== 'admin'))) {
      throw new BadRequestException({ statusCode: 400, errors: [{ path: body.disabled ? 'body.disabled' : 'body.role', message: 'you cannot disable or demote yourself; ask another admin' }] });
    }
    if (body.clinicIds && body.clinicIds !== 'all') await this.checkClinics(req.staff.tenantId, body.clinicIds);
    const { clinicIds: ids, ...rest } = body;
    const user = await this.users.update(req.staff.tenantId, userId, { ...rest, ...(ids === undefined ? {} : { clinicIds: ids === 'all' ? null : ids }) });
    const changed = Object.keys(body).map((k) => (k === 'password' ? 'password_reset' : k));
    await this.audit.record(req.staff, 'user.change', `user:${user.id}`, { changed, role: user.role, clinicIds: user.clinicIds, disabled: user.disabled });
    return user;
  }

  @Get('integrator-keys')
  async listKeys(@Req() req: StaffRequest) {
    const rows = await this.keys.find({ where: { tenantId: req.staff.tenantId }, order: { createdAt: 'DESC' } });
    return {
      keys: rows.map((k) => ({ keyId: k.keyId, label: k.label, clinicIds: k.clinicIds, signed: k.signingSecret !== null, createdAt: k.createdAt.toISOString(), revokedAt: k.revokedAt?.toISOString() ?? null })),
    };
  }

  /** The plaintext key is in this response only. */
  @Post('integrator-keys')
  @HttpCode(201)
  async issueKey(@Req() req: StaffRequest, @Body(new ZodValidationPipe(newKey)) body: z.infer<typeof newKey>) {
    await this.checkClinics(req.staff.tenantId, body.clinicIds);
    const issued = await this.moduleRef.get(IntegratorsService, { strict: false }).issue({ tenantId: req.staff.tenantId, ...body });
    await this.audit.record(req.staff, 'integrator_key.issue', `key:${issued.keyId}`, { clinicIds: body.clinicIds });
    return issued;
  }

  @Delete('integrator-keys/:keyId')
  @HttpCode(204)
  async revokeKey(@Req() req: StaffRequest, @Param('keyId') keyId: string) {
    const key = await this.keys.findOneBy({ keyId, tenantId: req.staff.tenantId });
    if (!key || !(await this.moduleRef.get(IntegratorsService, { strict: false }).revoke(keyId))) {
      throw new NotFoundException({ statusCode: 404, errors: [{ path: 'path.keyId', message: 'is not an active API key of this tenant' }] });
    }
    await this.audit.record(req.staff, 'integrator_key.revoke', `key:${keyId}`);
  }

  @Get('agencies')
  async agencies(@Req() req: StaffRequest) {
    const agencies = await this.services.placement.call<unknown>('GET', `/admin/tenants/${seg(req.staff.tenantId)}/agencies`);
    return { agencies: Array.isArray(agencies) ? agencies : ((agencies as { agencies?: unknown[] }).agencies ?? []) };
  }

  private async checkClinics(tenantId: string, ids: string[]) {
    const known = new Set((await this.clinics.all(tenantId)).map((c) => c.clinicId));
    const errors = ids.flatMap((id, i) => (known.has(id) ? [] : [{ path: `body.clinicIds[${i}]`, message: `clinic "${id}" is not a clinic of this tenant` }]));
    if (errors.length) throw new BadRequestException({ statusCode: 400, errors });
  }
}

/** The audit log, newest first (admins and ops). */
@Controller('staff/v1/audit')
@UseGuards(StaffGuard)
@StaffRoles('admin', 'ops')
export class StaffAuditController {
  constructor(private readonly audit: StaffAudit) {}

  @Get()
  async list(@Req() req: StaffRequest, @Query('subject') subject?: string, @Query('limit') limit?: string) {
    const n = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new BadRequestException({ statusCode: 400, errors: [{ path: 'query.limit', message: 'must be a whole number from 1 to 1000' }] });
    return { entries: await this.audit.list(req.staff.tenantId, n, subject) };
  }
}
