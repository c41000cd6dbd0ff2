import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createPaymentsApp, loadPaymentsConfig } from '../src';
import { paymentsTestEnv } from './support/env';

/**
 * `POST /internal/pay-links` on the real HTTP server and Postgres: the operator token is required, bad input
 * names the field, a request keyed by `issueKey` (outreach's attempt key) answers with the same link every time
 * (one row, the code never stored), another key or no key makes a new one, and links point at the gateway.
 */
describe('pay links for outreach', () => {
  const env = paymentsTestEnv({ PUBLIC_BASE_URL: 'https://pay.courtesy.test', PAY_LINK_SECRET: 'pay-link-test-secret-0123456789abcdef' });
  let app: INestApplication;
  let url: string;
  let db: DataSource;

  beforeAll(async () => {
    ({ app, url } = await createPaymentsApp(loadPaymentsConfig(env)));
    db = app.get(DataSource);
  }, 60_000);
  afterAll(() => app?.close());

  const create = (body: unknown, token = env.ADMIN_TOKEN) =>
    fetch(`${url}/internal/pay-links`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('answers the same link for the same attempt key, and a new one otherwise', async () => {
    const accountId = randomUUID();
    const request = { tenantId: 't-pl', clinicId: 'c-pl', accountId, issueKey: `balance:t-pl:c-pl:${accountId}:text_pay_link:1` };
    const first = await create(request);
    expect(first.status).toBe(201);
    const a = (await first.json()) as { id: string; code: string; url: string; expiresAt: string };
    expect(a.url).toBe(`https://pay.courtesy.test/p/${a.code}`);
    expect(a.code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const b = (await (await create(request)).json()) as typeof a;
    expect(b).toEqual(a);
    const next = (await (await create({ ...request, issueKey: `balance:t-pl:c-pl:${accountId}:text_pay_link:2` })).json()) as typeof a;
    const unkeyed = (await (await create({ tenantId: 't-pl', clinicId: 'c-pl', accountId })).json()) as typeof a;
    expect(new Set([a.code, next.code, unkeyed.code]).size).toBe(3);
    const rows = await db.query('select code_hash from pay_links where account_id = $1', [accountId]);
    expect(rows).toHaveLength(3);
    expect(JSON.stringify(rows)).not.toContain(a.code);
    // The same key for another account is another link (the key is bound to its account).
    const other = (await (await create({ ...request, accountId: randomUUID() })).json()) as typeof a;
    expect(other.code).not.toBe(a.code);
    // The page behind the link knows it (resolution says unknown only for codes never issued).
    expect((await fetch(`${url}/p/${a.code}`)).status).not.toBe(404);
  });

  it('refuses a request without the operator token, and names the bad field', async () => {
    expect((await create({ tenantId: 't', clinicId: 'c', accountId: randomUUID() }, 'wrong-token-0123456789abcdef')).status).toBe(401);
    const bad = await create({ tenantId: 't', clinicId: 'c', accountId: randomUUID(), issueKey: '' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('issueKey');
  });
});
