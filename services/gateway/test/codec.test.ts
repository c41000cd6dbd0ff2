/**
 * The gateway's Temporal codec endpoint against the real dev server: a payload a worker encrypted (with the
 * workers' AES-GCM codec) is read back from history as ciphertext and decoded by POST /codec/decode, and by
 * the plain Temporal CLI given --codec-endpoint. Unauthorised and malformed requests are refused.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { dataConverterFor } from '@courtesy/temporal';
import { createGatewayApp } from '../src/app';
import { loadGatewayConfig } from '../src/config';

const run = promisify(execFile);
const ROOT = join(__dirname, '../../..');
const TEMPORAL_CLI = join(ROOT, '.tools/bin/temporal');
const NAMESPACE = 'courtesy-test';
const KEYS = `codec-test:${randomBytes(32).toString('base64')}`;
const CODEC_TOKEN = `codec-${randomBytes(18).toString('hex')}`;
const UI_ORIGIN = 'http://127.0.0.1:8233';
const id = randomBytes(4).toString('hex');
const guarantor = { firstName: 'Robin', lastName: 'Okafor', email: `robin-${id}@example.test`, phone: '+15555550142' };

let app: INestApplication;
let url: string;
let plainClient: Client;
let workflowId: string;

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${CODEC_TOKEN}`, 'x-namespace': NAMESPACE, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** The proto3 JSON the UI sends: metadata values and data in base64. */
const asJson = (p: { metadata?: Record<string, Uint8Array | null> | null; data?: Uint8Array | null }) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});
/** Every string in the CLI's JSON, plus its base64 decoding: the CLI prints payload bytes as base64. */
const readable = (json: string): string => {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v, Buffer.from(v, 'base64').toString('utf8'));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(JSON.parse(json));
  return out.join('\n');
};
const text = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

beforeAll(async () => {
  ({ app, url } = await createGatewayApp(
    loadGatewayConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: 'postgres://gateway:gateway@127.0.0.1:5432/courtesy_test',
      DATABASE_SCHEMA: 'gateway',
      DATABASE_POOL_SIZE: '2',
      KAFKA_BROKERS: '127.0.0.1:9092',
      PAYLOAD_CODEC_KEYS: KEYS,
      CODEC_AUTH_TOKEN: CODEC_TOKEN,
    }),
  ));

  // A worker with the workers' codec runs one workflow, so its input and result are stored encrypted.
  const taskQueue = `codec-${id}`;
  const connection = await NativeConnection.connect({ address: '127.0.0.1:7233' });
  const worker = await Worker.create({
    connection,
    namespace: NAMESPACE,
    taskQueue,
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: require.resolve('./codec-echo.workflows'),
      logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: console.error },
    }),
    dataConverter: dataConverterFor({ PAYLOAD_CODEC_KEYS: KEYS }),
  });
  const encrypting = new Client({
    connection: await Connection.connect({ address: '127.0.0.1:7233' }),
    namespace: NAMESPACE,
    dataConverter: dataConverterFor({ PAYLOAD_CODEC_KEYS: KEYS }),
  });
  workflowId = `codec-test-${id}`;
  await worker.runUntil(encrypting.workflow.execute('CodecEcho', { taskQueue, workflowId, args: [guarantor] }));
  await encrypting.connection.close();
  await connection.close();
  plainClient = new Client({ connection: await Connection.connect({ address: '127.0.0.1:7233' }), namespace: NAMESPACE });
}, 120_000);

afterAll(async () => {
  await plainClient?.connection.close();
  await app?.close();
});

async function storedPayloads() {
  const history = await plainClient.workflow.getHandle(workflowId).fetchHistory();
  const input = history.events!.find((e) => e.workflowExecutionStartedEventAttributes)!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
  const result = history.events!.find((e) => e.workflowExecutionCompletedEventAttributes)!.workflowExecutionCompletedEventAttributes!.result!.payloads![0]!;
  return { input, result };
}

describe('POST /codec/decode', () => {
  it('decodes what the worker encrypted, for the Temporal UI origin', async () => {
    const { input, result } = await storedPayloads();
    // Stored as ciphertext: the plain history does not contain the email.
    expect(Buffer.from(result.data!).toString('latin1')).not.toContain(guarantor.email);
    expect(text(asJson(result).metadata['encoding']!)).toBe('binary/encrypted');

    const res = await post('/codec/decode', { payloads: [asJson(input), asJson(result)] }, { origin: UI_ORIGIN });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    const body = (await res.json()) as { payloads: { metadata: Record<string, string>; data: string }[] };
    expect(body.payloads.map((p) => text(p.metadata['encoding']!))).toEqual(['json/plain', 'json/plain']);
    expect(JSON.parse(text(body.payloads[0]!.data))).toEqual(guarantor);
    expect(JSON.parse(text(body.payloads[1]!.data))).toEqual({ ...guarantor, echoed: 'yes' });
  });

  it('round-trips through /codec/encode', async () => {
    const plain = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('{"a":1}').toString('base64') };
    const enc = (await (await post('/codec/encode', { payloads: [plain] })).json()) as { payloads: { metadata: Record<string, string>; data: string }[] };
    expect(text(enc.payloads[0]!.metadata['encoding']!)).toBe('binary/encrypted');
    expect(text(enc.payloads[0]!.metadata['encryption-key-id']!)).toBe('codec-test');
    const dec = (await (await post('/codec/decode', enc)).json()) as { payloads: unknown[] };
    expect(dec.payloads).toEqual([plain]);
  });

  it('lets the plain Temporal CLI show decoded payloads with --codec-endpoint and the ops token', async () => {
    const args = ['workflow', 'show', '--address', '127.0.0.1:7233', '--namespace', NAMESPACE, '--workflow-id', workflowId, '--output', 'json'];
    const plain = await run(TEMPORAL_CLI, args);
    expect(readable(plain.stdout)).not.toContain(guarantor.email);
    const decoded = await run(TEMPORAL_CLI, [...args, '--codec-endpoint', `${url}/codec`, '--codec-auth', `Bearer ${CODEC_TOKEN}`]);
    expect(readable(decoded.stdout)).toContain(guarantor.email);
    await expect(run(TEMPORAL_CLI, [...args, '--codec-endpoint', `${url}/codec`, '--codec-auth', 'Bearer wrong-token'])).rejects.toThrow();
  }, 60_000);

  it('answers the UI preflight with CORS headers, and only for the UI origin', async () => {
    const preflight = await fetch(`${url}/codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: UI_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-namespace' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/X-Namespace/);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await fetch(`${url}/codec/decode`, { method: 'OPTIONS', headers: { origin: 'http://evil.test' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each<[string, Record<string, string>, number, string]>([
    ['no token', { authorization: '' }, 401, 'headers.authorization'],
    ['a wrong token', { authorization: 'Bearer not-the-codec-token-at-all' }, 401, 'headers.authorization'],
    ['a namespace this endpoint does not serve', { 'x-namespace': 'someone-else' }, 403, 'headers.x-namespace'],
  ])('refuses %s', async (_name, headers, status, path) => {
    const { result } = await storedPayloads();
    const res = await post('/codec/decode', { payloads: [asJson(result)] }, { origin: UI_ORIGIN, ...headers });
    expect(res.status).toBe(status);
    expect(res.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    const body = (await res.json()) as { errors: { path: string }[] };
    expect(body.errors[0]!.path).toBe(path);
    expect(JSON.stringify(body)).not.toContain(guarantor.email);
  });

  it('lets a browser sign in at /codec/session and decode with the session cookie alone', async () => {
    const page = await fetch(`${url}/codec/session`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('codec token');
    const wrong = await post('/codec/session', { token: 'not-it' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const ok = await post('/codec/session', { token: CODEC_TOKEN });
    expect(ok.status).toBe(204);
    const cookie = ok.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(CODEC_TOKEN);
    const { result } = await storedPayloads();
    const withCookie = await post('/codec/decode', { payloads: [asJson(result)] }, { authorization: '', cookie: cookie.split(';')[0]!, origin: UI_ORIGIN });
    expect(withCookie.status).toBe(200);
    const forged = await post('/codec/decode', { payloads: [asJson(result)] }, { authorization: '', cookie: 'courtesy_codec=forged' });
    expect(forged.status).toBe(401);
  });

  it.each<[string, unknown, string]>([
    ['not JSON', '{"payloads": [', 'body'],
    ['no payloads field', { items: [] }, 'body.payloads'],
    ['payloads not an array', { payloads: 'x' }, 'body.payloads'],
    ['data not base64', { payloads: [{ data: '***' }] }, 'body.payloads[0].data'],
    ['metadata value not base64', { payloads: [{ metadata: { encoding: 42 } }] }, 'body.payloads[0].metadata.encoding'],
    ['an unknown payload field', { payloads: [{ data: '', extra: 1 }] }, 'body.payloads[0]'],
  ])('answers 400 naming the field for %s', async (_name, body, path) => {
    const res = await post('/codec/decode', body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(json.errors.map((e) => e.path)).toContain(path);
  });

  it('answers 400 naming the payload that does not decrypt', async () => {
    const { result } = await storedPayloads();
    const tampered = asJson(result);
    const bytes = Buffer.from(tampered.data, 'base64');
    bytes[20] = bytes[20]! ^ 0xff;
    const res = await post('/codec/decode', { payloads: [asJson(result), { ...tampered, data: bytes.toString('base64') }] });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(json.errors[0]).toMatchObject({ path: 'body.payloads[1]', message: expect.stringMatching(/could not be decrypted/) });
  });
});
