export * from './app';
export * from './config';
export { ClinicsService } from './clinics/clinics.service';
export * as database from './database';
