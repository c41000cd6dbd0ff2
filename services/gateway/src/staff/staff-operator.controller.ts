import { Body, Controller, HttpCode, Put, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { GatewayAdminGuard } from '../admin/admin.guard';
import { STAFF_ROLES, type StaffRole } from './staff-principal';
import { StaffUsers } from './staff-users.service';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, dot, dash or underscore');
const body = z.strictObject({
  tenantId: id,
  email: z.string().trim().max(254).email('must be an email address'),
  displayName: z.string().trim().min(1, 'is required').max(120),
  role: z.enum(STAFF_ROLES as [StaffRole, ...StaffRole[]], { error: `must be one of ${STAFF_ROLES.join(', ')}` }),
  clinicIds: z.union([z.literal('all'), z.array(id).min(1).max(1000)]),
  password: z.string().min(12, 'must be at least 12 characters').max(200),
});

/**
 * Operator (ADMIN_TOKEN) bootstrap of staff users: a tenant's first admin, and the demo users `npm start` prints.
 * Idempotent: an existing user with this email is reset to these values (and signed out).
 */
@Controller('admin/staff-users')
@UseGuards(GatewayAdminGuard)
export class StaffOperatorController {
  constructor(private readonly users: StaffUsers) {}

  @Put()
  @HttpCode(200)
  ensure(@Body(new ZodValidationPipe(body)) b: z.infer<typeof body>) {
    return this.users.ensure(b.tenantId, { email: b.email, displayName: b.displayName, role: b.role, clinicIds: b.clinicIds === 'all' ? null : b.clinicIds, password: b.password });
  }
}
