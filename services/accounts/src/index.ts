export * from './app';
export * from './config';
export { ClinicsService } from './clinics/clinics.service';
