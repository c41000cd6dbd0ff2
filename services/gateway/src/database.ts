import { IntegratorKey } from './integrators/integrator-key.entity';
import { AcceptedEvent } from './ingest/accepted-event.entity';
import { Ingest1732240000000 } from './migrations/1732240000000-ingest';
import { Staff1733200000000 } from './migrations/1733200000000-staff';
import { StaffUser } from './staff/staff-user.entity';
import { StaffSession } from './staff/staff-session.entity';

export const entities = [IntegratorKey, AcceptedEvent, StaffUser, StaffSession];
export const migrations = [Ingest1732240000000, Staff1733200000000];
