import { NotFoundException } from '@nestjs/common';
import { canSeeClinic, type StaffPrincipal, type StaffRole } from '../staff/staff-principal';

/** The clinics a staff member may see, as the owning services' `clinics` parameter ('*' or a list). */
export function clinicsParam(p: StaffPrincipal): string {
  if (p.clinicIds === 'all') return '*';
  // No clinics at all: a clinic ID no tenant uses keeps the query valid and empty.
  return p.clinicIds.length ? p.clinicIds.join(',') : '-none-';
}

/** A clinic outside the staff member's scope answers like a missing account, so IDs cannot be probed. */
export function assertClinic(p: StaffPrincipal, clinicId: string, what = 'account'): void {
  if (!canSeeClinic(p, clinicId)) {
    throw new NotFoundException({ statusCode: 404, errors: [{ path: `path.${what}Id`, message: `no such ${what} in your clinics` }] });
  }
}

/** The workflow's approver roles; ops and admins do not approve money decisions. */
export type ApproverRole = 'staff' | 'manager' | 'finance_lead';
const APPROVER: Partial<Record<StaffRole, ApproverRole>> = { staff: 'staff', manager: 'manager', finance: 'finance_lead' };
const RANK: Record<ApproverRole, number> = { staff: 0, manager: 1, finance_lead: 2 };

/** Always from the signed-in session: a request body never says who approves. */
export function approverOf(p: StaffPrincipal): { userId: string; role: ApproverRole } | undefined {
  const role = APPROVER[p.role];
  return role ? { userId: p.userId, role } : undefined;
}

export function satisfies(role: ApproverRole, required: 'manager' | 'finance_lead'): boolean {
  return RANK[role] >= RANK[required];
}

/** How the console names a required approver role (the session role that holds it). */
export const consoleRoleFor = (required: 'manager' | 'finance_lead'): StaffRole => (required === 'finance_lead' ? 'finance' : 'manager');

export const pageParams = (page: number, pageSize: number) => ({ offset: (page - 1) * pageSize, limit: pageSize });
