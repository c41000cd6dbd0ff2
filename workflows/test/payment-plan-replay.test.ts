/**
 * Replays the committed PaymentPlanWorkflow histories (test/plan-fixtures, recorded by
 * `RECORD_FIXTURES=1 npx jest --selectProjects workflows workflows/test/payment-plan.test.ts`) against
 * today's workflow code. A change to running plan logic that is not behind `patched()` fails here with a
 * non-determinism error, before it can break plans that are months into their schedule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { planTestDataConverter } from './plan-fixture-codec';

const dir = join(__dirname, 'plan-fixtures');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.binpb'));

let bundle: WorkflowBundle;
beforeAll(async () => {
  // The production bundle entry: the plan must replay against what the balances worker runs.
  bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('../src/workflows'),
    logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: console.error },
  });
}, 120_000);

test('there is a recorded history for every plan scenario', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(8);
});

test('every recorded PaymentPlanWorkflow history replays without a determinism error', async () => {
  const histories = fixtures.map((f) => ({
    workflowId: f.replace(/\.binpb$/, ''),
    history: temporal.api.history.v1.History.decode(readFileSync(join(dir, f))),
  }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: bundle, dataConverter: planTestDataConverter }, histories)) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
}, 120_000);
