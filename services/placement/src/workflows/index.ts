// Entry point bundled into the Temporal workflow sandbox: deterministic code only.
export { PlacementWorkflow } from './placement.workflow';
