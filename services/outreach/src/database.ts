import { ContactAttempt } from './attempts/contact-attempt.entity';
import { Attempts1732240000000 } from './migrations/1732240000000-attempts';
import { OutreachState1733160000000 } from './migrations/1733160000000-outreach-state';
import { AttemptClinicAndCallZones1733170000000 } from './migrations/1733170000000-attempt-clinic-and-call-zones';
import { StaffQueues1733300000000 } from './migrations/1733300000000-staff-queues';

export const entities = [ContactAttempt];
export const migrations = [Attempts1732240000000, OutreachState1733160000000, AttemptClinicAndCallZones1733170000000, StaffQueues1733300000000];
