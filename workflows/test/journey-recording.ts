/** Shared by the journey files: each journey's history must hold no readable contact detail, and can be recorded. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { CONTACT } from './balance-harness';

export async function record(name: string, handle: WorkflowHandle): Promise<void> {
  const history = await handle.fetchHistory();
  const raw = JSON.stringify(history);
  // Read without the codec (as the plain CLI would): no contact detail may be readable.
  for (const secret of [CONTACT.firstName, CONTACT.email, CONTACT.phone, 'Maple Street PT'])
    expect(raw).not.toContain(secret);
  if (process.env.RECORD_FIXTURES === '1') {
    const dir = join(__dirname, 'fixtures');
    mkdirSync(dir, { recursive: true });
    // Binary protobuf (base64) round-trips exactly; payloads inside are codec-encrypted either way.
    const encoded = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('base64');
    writeFileSync(
      join(dir, `${name}.json`),
      `${JSON.stringify({ workflowId: handle.workflowId, encoding: 'protobuf/base64', history: encoded }, null, 1)}\n`,
    );
  }
}
