export * from './app';
export * from './config';
export { IntegratorsService } from './integrators/integrators.service';
export { signBody } from './integrators/api-key.guard';
export * as database from './database';
