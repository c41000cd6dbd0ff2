import type { MixedList, EntitySchema } from 'typeorm';
import { Placement1733160000000 } from './migrations/1733160000000-placement';

// Placement reads and writes through SQL in its stores (rows are small and the transactions span several
// tables); the lists exist so migrations and the data source are wired like every service.
export const entities: MixedList<string | EntitySchema> = [];
export const migrations = [Placement1733160000000];
