import type { MixedList, EntitySchema } from 'typeorm';
import { Placement1733160000000 } from './migrations/1733160000000-placement';
import { SettlementApprovals1733170000000 } from './migrations/1733170000000-settlement-approvals';
import { SettlementOfferKey1733180000000 } from './migrations/1733180000000-settlement-offer-key';

// Placement reads and writes through SQL in its stores (rows are small and the transactions span several
// tables); the lists exist so migrations and the data source are wired like every service.
export const entities: MixedList<string | EntitySchema> = [];
export const migrations = [Placement1733160000000, SettlementApprovals1733170000000, SettlementOfferKey1733180000000];
