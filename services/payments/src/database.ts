import type { MixedList, EntitySchema } from 'typeorm';
import { Payments1733150000000 } from './migrations/1733150000000-payments';
import { CreditTransfers1733170000000 } from './migrations/1733170000000-credit-transfers';
import { PlansDue1733300000000 } from './migrations/1733300000000-plans-due';

// Payments reads and writes with plain SQL through the DataSource (small, explicit statements in one
// transaction with the outbox); the migrations are the schema's single source of truth.
export const entities: MixedList<string | EntitySchema> = [];
export const migrations = [Payments1733150000000, CreditTransfers1733170000000, PlansDue1733300000000];
