/**
 * The clinic policy store over HTTP on the real accounts app (real Postgres, Temporal dev server): each PUT
 * stores the next version validated by the domain's validatePolicy; a bad policy is refused with 400 naming
 * every bad field and nothing is stored; running balance workflows of the clinic are signalled the new version.
 */
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { dataConverterFor } from '@courtesy/temporal';
import { balanceWorkflowId, domain } from '@courtesy/workflows';
import { ClinicsService, createAccountsApp, loadAccountsConfig } from '../src';
import { policiesQuery } from './support/policy-recorder.workflows';
import { accountsTestEnv } from './support/test-env';

const id = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const tenantId = `t-${id}`;
const clinicId = 'clinic-pol';
const adminToken = randomBytes(24).toString('hex');
const env = accountsTestEnv({
  ADMIN_TOKEN: adminToken,
  ACCOUNTS_CONSUMER_GROUP: `accounts-poltest-${id}`,
  TEMPORAL_BALANCES_TASK_QUEUE: `balances-poltest-${id}`,
});

let app: INestApplication;
let url: string;
let client: Client;
let worker: Worker;
let running: Promise<void>;
let workflowId: string;

const put = (body: unknown, path = `/admin/tenants/${tenantId}/clinics/${clinicId}/policy`, token = adminToken) =>
  fetch(`${url}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
const get = () => fetch(`${url}/admin/tenants/${tenantId}/clinics/${clinicId}/policy`, { headers: { authorization: `Bearer ${adminToken}` } });

/** The rules of the default policy, as an operator would send them (the store numbers the versions). */
function rules(overrides: Record<string, unknown> = {}) {
  const { policyId: _id, version: _v, ...rest } = domain.defaultPolicy();
  return { ...rest, ...overrides };
}

beforeAll(async () => {
  const dataConverter = dataConverterFor(env);
  worker = await Worker.create({
    connection: await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS }),
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_BALANCES_TASK_QUEUE,
    workflowsPath: require.resolve('./support/policy-recorder.workflows'),
    dataConverter,
  });
  running = worker.run();
  client = new Client({ connection: await Connection.connect({ address: env.TEMPORAL_ADDRESS }), namespace: env.TEMPORAL_NAMESPACE, dataConverter });
  ({ app, url } = await createAccountsApp(loadAccountsConfig(env)));
  await app.get(ClinicsService).upsert({ tenantId, clinicId, name: 'Policy Clinic', timeZone: 'America/Chicago', dayLengthMs: 5000 });
  // One open balance with a running workflow (a recorder standing in for BalanceWorkflow).
  const [row] = await app
    .get(DataSource)
    .query(`insert into accounts (tenant_id, clinic_id, account_ref, balance_cents) values ($1, $2, 'A-1', 10000) returning id`, [tenantId, clinicId]);
  workflowId = balanceWorkflowId(tenantId, clinicId, row.id);
  await app.get(DataSource).query('update accounts set workflow_id = $1 where id = $2', [workflowId, row.id]);
  await client.workflow.start('PolicyRecorder', { workflowId, taskQueue: env.TEMPORAL_BALANCES_TASK_QUEUE, args: [] });
}, 90_000);

afterAll(async () => {
  await app?.close();
  await client?.workflow.getHandle(workflowId).terminate().catch(() => undefined);
  worker?.shutdown();
  await running;
  await client?.connection.close();
});

test('without a stored policy, GET shows the default one (version 0)', async () => {
  const res = await get();
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ version: 0, default: true, policy: { policyId: 'default' } });
});

test('PUT stores versions 1 and 2 with the clinic day, and running workflows hear each version', async () => {
  const first = await put(rules({ dayLengthMs: undefined }));
  expect(first.status).toBe(200);
  expect(await first.json()).toMatchObject({ version: 1, policy: { version: 1, policyId: clinicId, dayLengthMs: 5000 } });
  const second = await put(rules({ dayLengthMs: 2000, weeklyMessageCap: 2 }));
  expect(await second.json()).toMatchObject({ version: 2, policy: { version: 2, dayLengthMs: 2000, weeklyMessageCap: 2 } });
  expect(await (await get()).json()).toMatchObject({ version: 2 });

  const handle = client.workflow.getHandle(workflowId);
  const until = Date.now() + 20_000;
  let got: Array<{ eventId: string; version: number }> = [];
  while (Date.now() < until && got.length < 2) {
    got = await handle.query(policiesQuery);
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(got).toEqual([
    { eventId: `policy:${clinicId}:1`, version: 1 },
    { eventId: `policy:${clinicId}:2`, version: 2 },
  ]);
});

test('a bad policy is refused with 400 naming every bad field, and nothing is stored', async () => {
  const base = rules();
  const res = await put({
    ...base,
    cadence: [{ ...base.cadence[0], dayOffset: -1 }, ...base.cadence.slice(1)],
    plan: { ...base.plan, minInstallmentCents: 'ten dollars' },
  });
  expect(res.status).toBe(400);
  const body = (await res.json()) as { errors: { path: string; message: string }[] };
  expect(body.errors).toEqual(
    expect.arrayContaining([
      { path: 'body.cadence[0].dayOffset', message: 'must be a non-negative integer' },
      expect.objectContaining({ path: 'body.plan.minInstallmentCents' }),
    ]),
  );
  const incoherent = await put(rules({ finalNoticeDay: 75 }));
  expect(incoherent.status).toBe(400);
  expect(JSON.stringify(await incoherent.json())).toContain('finalNoticeDay');
  expect(await (await get()).json()).toMatchObject({ version: 2 });
});

test('unknown clinic is 404, a missing token is refused, a non-object body is 400', async () => {
  expect((await put(rules(), `/admin/tenants/${tenantId}/clinics/nope/policy`)).status).toBe(404);
  expect([401, 403]).toContain((await put(rules(), undefined, 'x'.repeat(30))).status);
  const notObject = await put([1, 2]);
  expect(notObject.status).toBe(400);
});

test('versions are listed newest first with their author; a staff actor header names the user, anything else is the token', async () => {
  const byStaff = await fetch(`${url}/admin/tenants/${tenantId}/clinics/${clinicId}/policy`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}`, 'x-courtesy-actor': 'staff:user-1' },
    body: JSON.stringify(rules()),
  });
  expect(byStaff.status).toBe(200);
  const forged = await fetch(`${url}/admin/tenants/${tenantId}/clinics/${clinicId}/policy`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}`, 'x-courtesy-actor': 'someone else; drop table' },
    body: JSON.stringify(rules()),
  });
  expect(forged.status).toBe(200);
  const res = await fetch(`${url}/admin/tenants/${tenantId}/clinics/${clinicId}/policy/versions`, { headers: { authorization: `Bearer ${adminToken}` } });
  const { versions } = (await res.json()) as { versions: Array<{ version: number; createdBy: string }> };
  expect(versions.map((v) => [v.version, v.createdBy])).toEqual([
    [4, 'admin-token'],
    [3, 'staff:user-1'],
    [2, 'admin-token'],
    [1, 'admin-token'],
  ]);
  const none = await fetch(`${url}/admin/tenants/${tenantId}/clinics/other/policy/versions`, { headers: { authorization: `Bearer ${adminToken}` } });
  expect(await none.json()).toMatchObject({ versions: [] });
});
