/**
 * Temporal UI (the dev server's, on 127.0.0.1:8233) decodes a workflow's payloads through the gateway's codec
 * endpoint in a real browser: sign in at /codec/session, point the UI's codec settings at /codec with
 * cross-origin credentials, open the workflow, and the guarantor's email shows; without sign-in it does not.
 */
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { chromium, type Browser } from 'playwright-core';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { dataConverterFor } from '@courtesy/temporal';
import { createGatewayApp, loadGatewayConfig } from '@courtesy/gateway';
import { CODEC_KEYS, TEST_NAMESPACE, runId, serviceEnv } from '../support/env';

const UI = 'http://127.0.0.1:8233';
const TOKEN = `codec-${randomBytes(18).toString('hex')}`;
const id = runId();
const email = `ui.codec.${id}@example.test`;

let gateway: INestApplication;
let gatewayUrl: string;
let browser: Browser;
const workflowId = `ui-codec-${id}`;

beforeAll(async () => {
  ({ app: gateway, url: gatewayUrl } = await createGatewayApp(loadGatewayConfig(serviceEnv('gateway', { CODEC_AUTH_TOKEN: TOKEN }))));
  const taskQueue = `ui-codec-${id}`;
  const connection = await NativeConnection.connect({ address: '127.0.0.1:7233' });
  const worker = await Worker.create({
    connection,
    namespace: TEST_NAMESPACE,
    taskQueue,
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: require.resolve('../../services/gateway/test/codec-echo.workflows'),
      logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: console.error },
    }),
    dataConverter: dataConverterFor({ PAYLOAD_CODEC_KEYS: CODEC_KEYS }),
  });
  const client = new Client({
    connection: await Connection.connect({ address: '127.0.0.1:7233' }),
    namespace: TEST_NAMESPACE,
    dataConverter: dataConverterFor({ PAYLOAD_CODEC_KEYS: CODEC_KEYS }),
  });
  await worker.runUntil(client.workflow.execute('CodecEcho', { taskQueue, workflowId, args: [{ email }] }));
  await client.connection.close();
  await connection.close();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
});

async function historyText(signIn: boolean): Promise<{ text: string; codecStatuses: number[] }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    if (signIn) {
      await page.goto(`${gatewayUrl}/codec/session`);
      await page.fill('#t', TOKEN);
      await page.click('button');
      await page.waitForSelector('text=Signed in');
    }
    // The UI's browser-side codec settings (what its Codec Server dialog saves), set before the page loads.
    await context.addInitScript({
      content: [
        `localStorage.setItem('endpoint', ${JSON.stringify(JSON.stringify(`${gatewayUrl}/codec`))});`,
        "localStorage.setItem('includeCredentials', 'true');",
        "localStorage.setItem('overrideRemoteCodecConfiguration', 'true');",
      ].join('\n'),
    });
    const ui = await context.newPage();
    const codecStatuses: number[] = [];
    ui.on('response', (r) => void (r.url().startsWith(`${gatewayUrl}/codec/decode`) && codecStatuses.push(r.status())));
    const codecAnswered = ui.waitForResponse((r) => r.url().startsWith(`${gatewayUrl}/codec/decode`), { timeout: 30_000 });
    await ui.goto(`${UI}/namespaces/${TEST_NAMESPACE}/workflows/${workflowId}`);
    await codecAnswered;
    await ui.waitForLoadState('networkidle');
    await ui.waitForSelector('text=Result', { timeout: 30_000 });
    // The UI renders the raw payloads first and swaps in the decoded ones when the codec answers.
    const expected = signIn ? email : 'YmluYXJ5L2VuY3J5cHRlZA=='; // base64 of binary/encrypted
    await ui.waitForFunction(`document.body.innerText.includes(${JSON.stringify(expected)})`, undefined, { timeout: 30_000 });
    const text = await ui.innerText('body');
    return { text, codecStatuses };
  } finally {
    await context.close();
  }
}

it('shows decoded payloads only after sign-in', async () => {
  const signedIn = await historyText(true);
  expect(signedIn.text).toContain(email);
  expect(signedIn.codecStatuses.length).toBeGreaterThan(0);
  expect(signedIn.codecStatuses.every((s) => s === 200)).toBe(true);

  const anonymous = await historyText(false);
  expect(anonymous.text).not.toContain(email);
  expect(anonymous.codecStatuses.length).toBeGreaterThan(0);
  expect(anonymous.codecStatuses.every((s) => s === 401)).toBe(true);
}, 120_000);
