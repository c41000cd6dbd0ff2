export * from './health';
export * from './nest-logger';
export * from './database';
export * from './run-service';
export * from './worker-host';
