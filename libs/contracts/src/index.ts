export * from './topics';
export * from './ehr-events';
