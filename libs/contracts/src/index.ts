export * from './topics';
export * from './errors';
export * from './primitives';
export * from './events';
export * from './ehr-events';
export * from './api';
export * from './examples';
export * from './openapi';
