export * from './health';
export * from './nest-logger';
export * from './database';
export * from './run-service';
export * from './worker-host';
export * from './validation';
export * from './admin-token.guard';
