/** Who is signed in to the staff console, as every staff endpoint sees it (`req.staff` after StaffGuard). */
export type StaffRole = 'staff' | 'manager' | 'finance' | 'ops' | 'admin';

export const STAFF_ROLES: readonly StaffRole[] = ['staff', 'manager', 'finance', 'ops', 'admin'];

export interface StaffPrincipal {
  userId: string;
  tenantId: string;
  role: StaffRole;
  /** The clinics whose accounts this user may see and work; 'all' for every clinic of the tenant. */
  clinicIds: string[] | 'all';
  displayName: string;
}

/** Clinic scope check; the tenant is checked by construction (every lookup is keyed by `p.tenantId`). */
export function canSeeClinic(p: StaffPrincipal, clinicId: string): boolean {
  return p.clinicIds === 'all' || p.clinicIds.includes(clinicId);
}
