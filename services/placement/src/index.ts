export * from './app';
export * from './config';
export * as database from './database';
export { AgenciesService } from './agencies/agencies.service';
export { FILE_FIELD_NAMES, parsePlacementFile } from './batches/placement-file';
export { createPlacementActivities } from './worker/placement-activities';
export { bundlePlacementWorkflows, placementWorkflowsPath } from './worker/placement-worker';
export * from './workflows/placement-messages';
