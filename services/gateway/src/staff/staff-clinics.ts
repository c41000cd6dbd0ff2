import { ForbiddenException, Injectable } from '@nestjs/common';
import { canSeeClinic, type StaffPrincipal } from './staff-principal';
import { ServiceClients, seg } from './service-clients';

export interface ClinicInfo {
  clinicId: string;
  name: string;
  timeZone: string;
  phone: string | null;
}

/** The tenant's clinics as accounts knows them, narrowed to what a staff member may see. */
@Injectable()
export class StaffClinics {
  constructor(private readonly services: ServiceClients) {}

  async all(tenantId: string): Promise<ClinicInfo[]> {
    const { clinics } = await this.services.accounts.call<{ clinics: ClinicInfo[] }>('GET', `/internal/staff-story/${seg(tenantId)}/clinics`);
    return clinics;
  }

  async visible(p: StaffPrincipal): Promise<ClinicInfo[]> {
    return (await this.all(p.tenantId)).filter((c) => canSeeClinic(p, c.clinicId));
  }

  /** 403 naming the clinic when it is outside the user's scope. */
  assertVisible(p: StaffPrincipal, clinicId: string, path = 'path.clinicId') {
    if (!canSeeClinic(p, clinicId)) {
      throw new ForbiddenException({ statusCode: 403, errors: [{ path, message: `clinic "${clinicId}" is not one of your clinics` }] });
    }
  }
}
