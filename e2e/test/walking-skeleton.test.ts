import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { Client, Connection } from '@temporalio/client';
import { Topics } from '@courtesy/contracts';
import { dataConverterFor } from '@courtesy/temporal';
import { SearchAttributes, balanceWorkflowId, balanceStateQuery, domain } from '@courtesy/workflows';
import { PoliciesService } from '@courtesy/accounts';
import { CODEC_KEYS, TEST_NAMESPACE, daytimeZone, runId } from '../support/env';
import { startStack, type Stack } from '../support/stack';
import { emailsTo } from '../support/mail-sink';
import { eventually } from '../support/eventually';

/**
 * The wiring end to end: an event posted to the gateway lands on Kafka, accounts consumes it and starts a
 * workflow on the real Temporal server with the clinic's stored policy (a one-second "day", first step an
 * email on day 1), whose activity runs on the outreach worker and sends one email that the real SMTP sink
 * receives; the next step (a letter on day 10) is not due yet, so exactly one email arrives.
 */
describe('walking skeleton', () => {
  let stack: Stack;
  let temporal: Client;
  const kafka = new Kafka({ clientId: 'e2e', brokers: ['127.0.0.1:9092'], logLevel: logLevel.NOTHING });

  beforeAll(async () => {
    stack = await startStack();
    temporal = new Client({
      connection: await Connection.connect({ address: '127.0.0.1:7233' }),
      namespace: TEST_NAMESPACE,
      dataConverter: dataConverterFor({ PAYLOAD_CODEC_KEYS: CODEC_KEYS }),
    });
  }, 120_000);

  afterAll(async () => {
    await temporal?.connection.close();
    await stack?.stop();
  });

  it('turns one posted charge into one email in the sink, shown in the account\'s contact timeline', async () => {
    const run = runId();
    const tenantId = `t-${run}`;
    const clinicId = `c-${run}`;
    const email = `guarantor-${run}@example.test`;
    // The guard only sends 08:00-21:00 in the patient's zone; pick one where that is now.
    const zone = daytimeZone();
    await stack.clinics.upsert({ tenantId, clinicId, name: 'Maple Street Physical Therapy', timeZone: zone, dayLengthMs: 1000 });
    const base = domain.defaultPolicy();
    const stored = await stack.accounts.get(PoliciesService).put(
      tenantId,
      clinicId,
      {
        ...base,
        dayLengthMs: 1000,
        cadence: base.cadence.map((step, i) =>
          i === 0 ? { key: 'email_first', dayOffset: 1, channel: 'email', templateKey: 'email_first_notice', tone: 'friendly', kind: 'reminder' } : step,
        ),
      },
      'e2e',
    );
    expect(stored.version).toBe(1);
    const { apiKey } = await stack.integrators.issue({ tenantId, clinicIds: [clinicId], label: 'e2e' });

    // Watch the topic from now on, to prove the event really went through Kafka.
    const consumer = kafka.consumer({ groupId: `e2e-watch-${run}` });
    await consumer.connect();
    await consumer.subscribe({ topic: Topics.ehrEvents, fromBeginning: false });
    const seenOnKafka: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void seenOnKafka.push(message.value!.toString()) });
    await eventually(async () => ((await consumer.describeGroup()).state === 'Stable' ? true : undefined));

    const now = new Date().toISOString();
    const res = await fetch(`${stack.gatewayUrl}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({
        events: [
          {
            id: `g-${run}`,
            type: 'guarantor.upserted',
            occurredAt: now,
            clinicId,
            data: {
              schemaVersion: 1,
              accountRef: 'A-1001',
              name: { first: 'Robin', last: 'Okafor' },
              dateOfBirth: '1984-05-17',
              email,
              address: { line1: '12 Elm St', city: 'Springfield', state: 'IL', postalCode: '62701' },
              timeZone: zone,
              language: 'en',
              consent: {
                sms: { granted: false, at: now, source: 'front_desk' },
                email: { granted: true, at: now, source: 'front_desk' },
              },
            },
          },
          {
            id: `v-${run}`,
            type: 'visit.charged',
            occurredAt: now,
            clinicId,
            data: {
              schemaVersion: 1,
              accountRef: 'A-1001',
              visitRef: 'V-1',
              serviceDate: now.slice(0, 10),
              providerRef: 'P-7',
              lines: [{ code: '97110', description: 'Therapeutic exercise', chargeCents: 12_500 }],
            },
          },
        ],
      }),
    });
    try {
      expect({ status: res.status, body: await res.json() }).toMatchObject({ status: 202, body: { accepted: 2, duplicates: 0 } });
      await eventually(async () => (seenOnKafka.some((m) => m.includes(`v-${run}`)) ? true : undefined));
    } finally {
      await consumer.disconnect();
    }

    const [mail] = await eventually(async () => {
      const got = await emailsTo(email);
      return got.length ? got : undefined;
    }, 60_000);
    expect(mail!.subject).toContain('Maple Street Physical Therapy');
    expect(mail!.text).toContain('$125.00');

    const account = await stack.accounts.get(DataSource).query(
      `select id, balance_cents from accounts where tenant_id = $1 and clinic_id = $2`,
      [tenantId, clinicId],
    );
    expect(account).toHaveLength(1);
    expect(Number(account[0].balance_cents)).toBe(12_500);
    const handle = temporal.workflow.getHandle(balanceWorkflowId(tenantId, clinicId, account[0].id));
    const state = await eventually(async () => {
      const s = await handle.query(balanceStateQuery);
      return s.attemptsByChannel.email === 1 ? s : undefined;
    });
    expect(state).toMatchObject({ stage: 'soft', balanceCents: 12_500, policyVersion: 1, attemptsByChannel: { email: 1, sms: 0 } });
    expect(state.sentSteps.map((s) => `${s.stepKey}:${s.channel}`)).toEqual(['email_first:email']);
    const description = await handle.describe();
    expect(description.typedSearchAttributes.get(SearchAttributes.TenantId)).toBe(tenantId);

    // Exactly one email, even after the workflow has had time to act again.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await emailsTo(email)).toHaveLength(1);

    // The integrator's view of the account: the ledger's balance, and the email in the contact timeline (from
    // outreach's attempt log, no content), without the internal account ID.
    const view = (await (
      await fetch(`${stack.gatewayUrl}/v1/accounts/A-1001?clinicId=${clinicId}`, { headers: { 'x-api-key': apiKey } })
    ).json()) as Record<string, any>;
    expect(view).toMatchObject({ accountRef: 'A-1001', clinicId, balanceCents: 12_500, stage: 'soft' });
    expect(view).not.toHaveProperty('accountId');
    expect(view.contactTimeline).toEqual([
      { at: expect.any(String), channel: 'email', direction: 'outbound', outcome: expect.stringMatching(/sent|delivered/) },
    ]);
  }, 150_000);
});
