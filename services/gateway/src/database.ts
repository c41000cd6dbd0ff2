import { IntegratorKey } from './integrators/integrator-key.entity';
import { AcceptedEvent } from './ingest/accepted-event.entity';
import { Ingest1732240000000 } from './migrations/1732240000000-ingest';

export const entities = [IntegratorKey, AcceptedEvent];
export const migrations = [Ingest1732240000000];
