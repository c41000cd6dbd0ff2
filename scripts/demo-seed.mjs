// First-start demo data, posted through the public APIs like a real integration would:
// tenant `demo`, two clinics whose cadence "day" is 10 seconds, one integrator key, and a handful of balances.
// Runs once per data folder (marker .data/demo-seeded); delete the marker to seed again.
import { existsSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

const marker = new URL('../.data/demo-seeded', import.meta.url);
if (existsSync(marker)) process.exit(0);

const token = process.env.ADMIN_TOKEN;
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
const accounts = process.env.ACCOUNTS_URL ?? 'http://127.0.0.1:3001';
if (!token) throw new Error('ADMIN_TOKEN is not set (npm start reads it from .data/courtesy.env)');

async function call(method, url, body, headers = {}) {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} -> ${res.status} ${text}`);
  return JSON.parse(text);
}
const admin = { authorization: `Bearer ${token}` };

const clinics = [
  { id: 'demo-maple-pt', name: 'Maple Street Rehab', timeZone: 'America/Chicago' },
  { id: 'demo-harbor-fp', name: 'Harbor Family Practice', timeZone: 'America/Los_Angeles' },
];
for (const c of clinics) {
  await call('PUT', `${accounts}/admin/tenants/demo/clinics/${c.id}`, { name: c.name, timeZone: c.timeZone, dayLengthMs: 10_000 }, admin);
}
const { apiKey } = await call('POST', `${gateway}/admin/integrator-keys`, { tenantId: 'demo', clinicIds: clinics.map((c) => c.id), label: 'demo EHR feed' }, admin);

const first = ['Avery', 'Jordan', 'Rosa', 'Malik', 'Priya', 'Tomás', 'Grace', 'Dmitri', 'Keiko', 'Luis'];
const last = ['Nguyen', 'Okafor', 'Alvarez', 'Schmidt', 'Patel', 'Haddad', 'Brennan', 'Kowalski', 'Tanaka', 'Moreno'];
const codes = [['97110', 'Therapeutic exercise', 4_500], ['97140', 'Manual therapy', 3_900], ['99213', 'Office visit', 12_800], ['97530', 'Therapeutic activities', 4_200]];
const run = randomBytes(3).toString('hex');
const now = new Date().toISOString();
const events = [];
for (let i = 0; i < 12; i++) {
  const clinic = clinics[i % clinics.length];
  const accountRef = `DEMO-${1000 + i}`;
  const f = first[i % first.length];
  const l = last[(i * 3) % last.length];
  events.push({
    id: `demo-${run}-g${i}`, type: 'guarantor.upserted', occurredAt: now, clinicId: clinic.id,
    data: {
      schemaVersion: 1, accountRef, name: { first: f, last: l }, dateOfBirth: `19${60 + i}-0${(i % 9) + 1}-1${i % 9}`,
      email: `${f.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}.${l.toLowerCase()}@example.com`,
      address: { line1: `${100 + i * 7} Oak Ave`, city: clinic.timeZone === 'America/Chicago' ? 'Springfield' : 'Oakland', state: clinic.timeZone === 'America/Chicago' ? 'IL' : 'CA', postalCode: clinic.timeZone === 'America/Chicago' ? '62701' : '94607' },
      timeZone: clinic.timeZone, language: i % 4 === 0 ? 'es' : 'en',
      consent: { sms: { granted: false, at: now, source: 'intake_form' }, email: { granted: true, at: now, source: 'intake_form' } },
    },
  });
  const [code, description, chargeCents] = codes[i % codes.length];
  events.push({
    id: `demo-${run}-v${i}`, type: 'visit.charged', occurredAt: now, clinicId: clinic.id,
    data: { schemaVersion: 1, accountRef, visitRef: `V-${run}-${i}`, serviceDate: now.slice(0, 10), providerRef: `PRV-${(i % 3) + 1}`, lines: [{ code, description, chargeCents: chargeCents * (1 + (i % 3)) }] },
  });
}
const result = await call('POST', `${gateway}/v1/events`, { events }, { 'x-api-key': apiKey });
writeFileSync(marker, `${new Date().toISOString()}\n`);
console.log(`[courtesy] demo seed: tenant "demo", ${clinics.length} clinics, ${result.accepted} events accepted.`);
console.log(`[courtesy] demo integrator key (shown once): ${apiKey}`);
