import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clinic } from './clinic.entity';

export interface ClinicInput {
  tenantId: string;
  clinicId: string;
  name: string;
  timeZone: string;
  phone?: string;
  dayLengthMs?: number;
}

@Injectable()
export class ClinicsService {
  constructor(@InjectRepository(Clinic) private readonly clinics: Repository<Clinic>) {}

  async upsert(input: ClinicInput): Promise<Clinic> {
    await this.clinics.upsert(
      {
        tenantId: input.tenantId,
        clinicId: input.clinicId,
        name: input.name,
        timeZone: input.timeZone,
        phone: input.phone ?? null,
        dayLengthMs: input.dayLengthMs ?? 86_400_000,
      },
      ['tenantId', 'clinicId'],
    );
    return this.clinics.findOneByOrFail({ tenantId: input.tenantId, clinicId: input.clinicId });
  }
}
