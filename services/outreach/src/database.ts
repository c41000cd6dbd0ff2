import { ContactAttempt } from './attempts/contact-attempt.entity';
import { Attempts1732240000000 } from './migrations/1732240000000-attempts';

export const entities = [ContactAttempt];
export const migrations = [Attempts1732240000000];
