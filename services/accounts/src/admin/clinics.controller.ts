import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { ClinicsService } from '../clinics/clinics.service';
import { AccountsAdminGuard } from './admin.guard';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, dot, dash or underscore');
const isZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
const clinicBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  timeZone: z.string().refine(isZone, 'must be an IANA time zone such as America/Chicago'),
  phone: z.string().regex(/^\+[1-9]\d{7,14}$/, 'must be E.164, e.g. +13125550100').optional(),
  dayLengthMs: z.number().int().min(1000, 'must be at least 1000 ms').max(86_400_000).optional(),
});

@Controller('admin/tenants/:tenantId/clinics')
@UseGuards(AccountsAdminGuard)
export class ClinicsAdminController {
  constructor(
    private readonly clinics: ClinicsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** The tenant's clinics (the staff console's clinic pickers). */
  @Get()
  async list(@Param('tenantId', new ZodValidationPipe(id, 'tenantId')) tenantId: string) {
    const rows: Array<{ clinic_id: string; name: string; time_zone: string; day_length_ms: string }> = await this.db.query(
      'select clinic_id, name, time_zone, day_length_ms from clinics where tenant_id = $1 order by name, clinic_id limit 2000',
      [tenantId],
    );
    return { clinics: rows.map((r) => ({ clinicId: r.clinic_id, name: r.name, timeZone: r.time_zone, dayLengthMs: Number(r.day_length_ms) })) };
  }

  @Put(':clinicId')
  upsert(
    @Param('tenantId', new ZodValidationPipe(id, 'tenantId')) tenantId: string,
    @Param('clinicId', new ZodValidationPipe(id, 'clinicId')) clinicId: string,
    @Body(new ZodValidationPipe(clinicBody)) body: z.infer<typeof clinicBody>,
  ) {
    return this.clinics.upsert({ tenantId, clinicId, ...body });
  }
}
