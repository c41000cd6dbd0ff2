import type { MixedList, EntitySchema } from 'typeorm';

// Nothing persisted yet; the lists exist so migrations and the data source are wired like every service.
export const entities: MixedList<string | EntitySchema> = [];
export const migrations: MixedList<string> = [];
