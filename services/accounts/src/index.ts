export * from './app';
export * from './config';
export { ClinicsService } from './clinics/clinics.service';
export { PoliciesService } from './policies/policies.service';
export * as database from './database';
