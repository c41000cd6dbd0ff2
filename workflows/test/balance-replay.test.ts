/**
 * Replays the committed histories of every BalanceWorkflow journey (test/fixtures, recorded by
 * `RECORD_FIXTURES=1 npx jest --selectProjects workflows workflows/test/balance-early.test.ts workflows/test/balance-pauses.test.ts workflows/test/balance-late.test.ts workflows/test/balance-hardship-request.test.ts`) against today's
 * workflow code. A change to running logic that is not behind `patched()` fails here with a
 * non-determinism error, before it can break balances that are months into their lives.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { dataConverter } from './balance-harness';

const dir = join(__dirname, 'fixtures');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.json'));

let bundle: WorkflowBundle;
beforeAll(async () => {
  bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('../src/workflows'),
    logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: console.error },
  });
}, 120_000);

test('there is a recorded history for every journey', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(11);
});

test('every recorded BalanceWorkflow history replays without a determinism error', async () => {
  const histories = fixtures.map((f) => {
    const fixture = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { workflowId: string; history: string };
    return { workflowId: fixture.workflowId, history: temporal.api.history.v1.History.decode(Buffer.from(fixture.history, 'base64')) };
  });
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: bundle, dataConverter }, histories)) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
}, 120_000);
