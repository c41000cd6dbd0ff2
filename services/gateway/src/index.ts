export * from './app';
export * from './config';
export { IntegratorsService } from './integrators/integrators.service';
export { signBody } from './integrators/api-key.guard';
export * as database from './database';
export { StaffUsers, type NewStaffUser } from './staff/staff-users.service';
export { StaffSessions } from './staff/staff-sessions.service';
export { StaffAudit } from './staff/staff-audit.service';
export type { StaffPrincipal, StaffRole } from './staff/staff-principal';
