import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { Client, Connection } from '@temporalio/client';
import { KafkaHeaders, Topics, dlqOf } from '@courtesy/contracts';
import { dataConverterFor } from '@courtesy/temporal';
import { SearchAttributes, balanceWorkflowId, stateQuery } from '@courtesy/workflows';
import { ADMIN_TOKEN, CODEC_KEYS, TEST_NAMESPACE, runId } from '../support/env';
import { startStack, type Stack } from '../support/stack';
import { eventually } from '../support/eventually';
import { guarantor, payment, remittance, visit } from '../support/events';

/** Integrator ingest against the real stack: gateway → Kafka → accounts ledger → one workflow per balance. */
describe('integrator ingest', () => {
  let stack: Stack;
  let temporal: Client;
  let db: DataSource;
  let gatewayDb: DataSource;
  const kafka = new Kafka({
    clientId: 'e2e-ingest',
    brokers: ['127.0.0.1:9092'],
    logLevel: logLevel.NOTHING,
  });
  const watched: Array<{ topic: string; eventId?: string; reason?: string; value: string }> = [];
  let watcher: Consumer;

  beforeAll(async () => {
    stack = await startStack();
    db = stack.accounts.get(DataSource);
    gatewayDb = stack.gateway.get(DataSource);
    temporal = new Client({
      connection: await Connection.connect({ address: '127.0.0.1:7233' }),
      namespace: TEST_NAMESPACE,
      dataConverter: dataConverterFor({ PAYLOAD_CODEC_KEYS: CODEC_KEYS }),
    });
    watcher = kafka.consumer({ groupId: `e2e-ingest-watch-${stack.id}` });
    await watcher.connect();
    await watcher.subscribe({ topics: [Topics.ehrEvents, dlqOf(Topics.ehrEvents)], fromBeginning: false });
    await watcher.run({
      eachMessage: async ({ topic, message }) =>
        void watched.push({
          topic,
          eventId: message.headers?.[KafkaHeaders.eventId]?.toString(),
          reason: message.headers?.[KafkaHeaders.dlqReason]?.toString(),
          value: message.value?.toString() ?? '',
        }),
    });
    await eventually(async () => ((await watcher.describeGroup()).state === 'Stable' ? true : undefined));
  }, 120_000);

  afterAll(async () => {
    await watcher?.disconnect();
    await temporal?.connection.close();
    await stack?.stop();
  });

  async function tenant() {
    const run = runId();
    const t = { tenantId: `t-${run}`, clinicId: `c-${run}`, run };
    await stack.clinics.upsert({
      tenantId: t.tenantId,
      clinicId: t.clinicId,
      name: 'Lakeside Family Practice',
      timeZone: 'America/Denver',
    });
    const { apiKey } = await stack.integrators.issue({
      tenantId: t.tenantId,
      clinicIds: [t.clinicId],
      label: 'e2e',
    });
    return { ...t, apiKey };
  }

  const post = async (apiKey: string, body: unknown) => {
    const res = await fetch(`${stack.gatewayUrl}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  const accountRow = (tenantId: string, clinicId: string, accountRef: string) =>
    eventually(async () => {
      const rows = await db.query(
        'select * from accounts where tenant_id = $1 and clinic_id = $2 and account_ref = $3',
        [tenantId, clinicId, accountRef],
      );
      return rows[0];
    });

  it('visit + remittance give the patient responsibility; the workflow runs with its search attributes; a payment reaches it', async () => {
    const t = await tenant();
    const r = await post(t.apiKey, {
      events: [
        guarantor(`g-${t.run}`, t.clinicId, 'A-1', `a1-${t.run}@example.test`),
        visit(`v-${t.run}`, t.clinicId, 'A-1', 18_300),
        remittance(`r-${t.run}`, t.clinicId, 'A-1', {
          paid: 9_160,
          contractual: 4_560,
          deductible: 2_000,
          coinsurance: 1_580,
          copay: 1_000,
        }),
      ],
    });
    expect(r).toMatchObject({ status: 202, body: { accepted: 3 } });
    const account = await eventually(async () => {
      const row = await accountRow(t.tenantId, t.clinicId, 'A-1');
      return Number(row.balance_cents) === 4_580 ? row : undefined;
    });
    const handle = temporal.workflow.getHandle(balanceWorkflowId(t.tenantId, t.clinicId, account.id));
    await eventually(async () =>
      (await handle.query(stateQuery)).balanceCents === 4_580 ? true : undefined,
    );
    const sa = (await handle.describe()).typedSearchAttributes;
    expect(sa.get(SearchAttributes.TenantId)).toBe(t.tenantId);
    expect(sa.get(SearchAttributes.ClinicId)).toBe(t.clinicId);
    await eventually(async () =>
      Number((await handle.describe()).typedSearchAttributes.get(SearchAttributes.BalanceCents)) === 4_580
        ? true
        : undefined,
    );

    expect(await post(t.apiKey, payment(`p-${t.run}`, t.clinicId, 'A-1', 1_000))).toMatchObject({
      status: 202,
    });
    await eventually(async () =>
      (await handle.query(stateQuery)).balanceCents === 3_580 ? true : undefined,
    );
    expect(Number((await accountRow(t.tenantId, t.clinicId, 'A-1')).balance_cents)).toBe(3_580);

    // The integrator reads back the same picture through the API.
    const view = await fetch(`${stack.gatewayUrl}/v1/accounts/A-1?clinicId=${t.clinicId}`, {
      headers: { 'x-api-key': t.apiKey },
    });
    expect(view.status).toBe(200);
    const body = (await view.json()) as any;
    expect(body).toMatchObject({
      accountRef: 'A-1',
      clinicId: t.clinicId,
      balanceCents: 3_580,
      stage: 'soft',
    });
    expect(body.ledger.map((l: any) => [l.kind, l.amountCents])).toEqual([
      ['charge', 18_300],
      ['insurance_paid', -9_160],
      ['contractual_adjustment', -4_560],
      ['patient_payment', -1_000],
    ]);
  });

  it('a duplicated event changes nothing the second time, in the ledger or on Kafka', async () => {
    const t = await tenant();
    const event = visit(`dup-${t.run}`, t.clinicId, 'A-2', 5_000);
    const first = await post(t.apiKey, event);
    expect(first).toMatchObject({ status: 202, body: { accepted: 1, duplicates: 0 } });
    const second = await post(t.apiKey, event);
    expect(second).toMatchObject({
      status: 202,
      body: {
        accepted: 0,
        duplicates: 1,
        events: [{ id: event.id, status: 'duplicate', acceptedAt: first.body.events[0].acceptedAt }],
      },
    });
    const row = await accountRow(t.tenantId, t.clinicId, 'A-2');
    await new Promise((r) => setTimeout(r, 1500));
    const lines = await db.query('select count(*)::int as n from ledger_entries where account_id = $1', [
      row.id,
    ]);
    expect(lines[0].n).toBe(1);
    expect(watched.filter((m) => m.topic === Topics.ehrEvents && m.eventId === event.id)).toHaveLength(1);

    // Same ID with different content is refused rather than silently ignored.
    const changed = visit(`dup-${t.run}`, t.clinicId, 'A-2', 9_999);
    expect(await post(t.apiKey, changed)).toMatchObject({
      status: 409,
      body: { errors: [{ path: 'events[0].id' }] },
    });
  });

  it('rejects a batch with one bad event whole, naming every error, and publishes nothing', async () => {
    const t = await tenant();
    const good = visit(`ok-${t.run}`, t.clinicId, 'A-3', 5_000);
    const bad = visit(`bad-${t.run}`, t.clinicId, 'A-3', -5);
    (bad.data.lines[0] as any).code = 'nope';
    const r = await post(t.apiKey, { events: [good, bad] });
    expect(r.status).toBe(400);
    const paths = r.body.errors.map((e: any) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['events[1].data.lines[0].chargeCents', 'events[1].data.lines[0].code']),
    );
    await new Promise((res) => setTimeout(res, 1000));
    expect(watched.filter((m) => m.eventId === good.id)).toHaveLength(0);
    expect(
      (
        await gatewayDb.query('select count(*)::int as n from accepted_events where tenant_id = $1', [
          t.tenantId,
        ])
      )[0].n,
    ).toBe(0);
  });

  it("never lets tenant A's key write or read tenant B's clinic", async () => {
    const a = await tenant();
    const b = await tenant();
    await post(b.apiKey, visit(`b-${b.run}`, b.clinicId, 'B-1', 7_000));
    await accountRow(b.tenantId, b.clinicId, 'B-1');
    const write = await post(a.apiKey, visit(`a-${a.run}`, b.clinicId, 'B-1', 1));
    expect(write).toMatchObject({ status: 403, body: { errors: [{ path: 'events[0].clinicId' }] } });
    const read = await fetch(`${stack.gatewayUrl}/v1/accounts/B-1?clinicId=${b.clinicId}`, {
      headers: { 'x-api-key': a.apiKey },
    });
    expect(read.status).toBe(403);
    const noKey = await fetch(`${stack.gatewayUrl}/v1/accounts/B-1?clinicId=${b.clinicId}`);
    expect(noKey.status).toBe(401);
  });

  it('parks a poison message on the DLQ with its reason and keeps applying later messages', async () => {
    const t = await tenant();
    const producer = kafka.producer();
    await producer.connect();
    const key = `${t.tenantId}/${t.clinicId}/A-4`;
    await producer.send({
      topic: Topics.ehrEvents,
      messages: [
        { key, value: '{"not": "an event"', headers: { [KafkaHeaders.eventId]: `poison-${t.run}` } },
        // A payment for an account nobody opened: valid JSON, impossible to apply.
        {
          key,
          value: JSON.stringify({
            schemaVersion: 1,
            tenantId: t.tenantId,
            receivedAt: new Date().toISOString(),
            event: payment(`orphan-${t.run}`, t.clinicId, 'A-404', 100),
          }),
          headers: { [KafkaHeaders.eventId]: `orphan-${t.run}` },
        },
      ],
    });
    await producer.disconnect();
    expect(await post(t.apiKey, visit(`after-${t.run}`, t.clinicId, 'A-4', 2_500))).toMatchObject({
      status: 202,
    });
    const row = await eventually(async () => {
      const r = await accountRow(t.tenantId, t.clinicId, 'A-4');
      return Number(r.balance_cents) === 2_500 ? r : undefined;
    });
    expect(row).toBeDefined();
    // Another accounts deployment reading the same topic (a developer's `npm start` beside the tests) parks these
    // too, with its own reason (it does not know this clinic): look for this stack's verdicts among them.
    const parked = await eventually(async () => {
      const p = watched.filter((m) => m.topic === dlqOf(Topics.ehrEvents));
      const poison = p.find((m) => m.eventId === `poison-${t.run}` && /not JSON/.test(m.reason ?? ''));
      const orphan = p.find((m) => m.eventId === `orphan-${t.run}` && /unknown account/.test(m.reason ?? ''));
      return poison && orphan ? { poison, orphan } : undefined;
    }, 60_000);
    expect(parked.poison.reason).toBe('message is not JSON');
    expect(parked.orphan.reason).toMatch(/^unknown account c-[a-z0-9]+\/A-404 for payment.posted$/);
    // The event after them was applied, not parked.
    expect(watched.some((m) => m.topic === dlqOf(Topics.ehrEvents) && m.eventId === `after-${t.run}` && /unknown account/.test(m.reason ?? ''))).toBe(false);
  }, 150_000);

  it('a revoked key is refused at once, and its events stay accepted', async () => {
    const t = await tenant();
    expect(await post(t.apiKey, visit(`rk-${t.run}`, t.clinicId, 'A-5', 1_000))).toMatchObject({
      status: 202,
    });
    const keyId = t.apiKey.split('_')[1];
    const revoke = (id: string) =>
      fetch(`${stack.gatewayUrl}/admin/integrator-keys/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
    expect((await revoke(keyId!)).status).toBe(204);
    expect((await revoke(keyId!)).status).toBe(404);
    const refused = await post(t.apiKey, visit(`rk2-${t.run}`, t.clinicId, 'A-5', 1_000));
    expect(refused).toMatchObject({ status: 401, body: { errors: [{ path: 'headers.x-api-key' }] } });
    const rows = await gatewayDb.query('select event_id from accepted_events where tenant_id = $1', [
      t.tenantId,
    ]);
    expect(rows.map((r: { event_id: string }) => r.event_id)).toEqual([`rk-${t.run}`]);
  });

  it('lists balances by clinic, stage and age for the key, and nothing outside its scope', async () => {
    const t = await tenant();
    const other = await tenant();
    expect(await post(t.apiKey, visit(`lb-${t.run}`, t.clinicId, 'L-1', 4_200))).toMatchObject({ status: 202 });
    const list = async (query: string, apiKey = t.apiKey) => {
      const res = await fetch(`${stack.gatewayUrl}/v1/balances?${query}`, { headers: { 'x-api-key': apiKey } });
      return { status: res.status, body: (await res.json()) as any };
    };
    const listed = await eventually(async () => {
      const r = await list(`clinicId=${t.clinicId}&stage=soft`);
      return r.body.balances?.length === 1 ? r : undefined;
    }, 30_000);
    expect(listed.body.balances[0]).toMatchObject({ accountRef: 'L-1', clinicId: t.clinicId, balanceCents: 4_200, stage: 'soft', ageDays: 0 });
    expect((await list(`stage=placed`)).body.balances).toEqual([]);
    expect((await list(`minAgeDays=1`)).body.balances).toEqual([]);
    expect((await list(``)).body.balances.map((b: any) => b.accountRef)).toEqual(['L-1']);
    expect(await list(`clinicId=${t.clinicId}`, other.apiKey)).toMatchObject({ status: 403, body: { errors: [{ path: 'query.clinicId' }] } });
    expect((await list(``, other.apiKey)).body.balances).toEqual([]);
    expect(await list(`minAgeDays=soon`)).toMatchObject({ status: 400, body: { errors: [{ path: 'query.minAgeDays' }] } });
  });
});
