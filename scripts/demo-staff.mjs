// Staff console demo users for `npm start`: one per role in tenant `demo`, created (or reset) through the
// operator API each start. Passwords are generated once per machine and kept in .data/demo-staff.json (mode 600),
// so the same credentials work across restarts; they are printed at start. Demo data only.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

const token = process.env.ADMIN_TOKEN;
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
if (!token) throw new Error('ADMIN_TOKEN is not set (npm start reads it from .data/courtesy.env)');

const file = new URL('../.data/demo-staff.json', import.meta.url);
const people = [
  { key: 'staff', displayName: 'Sam Staff (Maple Street)', role: 'staff', clinicIds: ['demo-maple-pt'] },
  { key: 'staff.harbor', displayName: 'Bea Staff (Harbor)', role: 'staff', clinicIds: ['demo-harbor-fp'] },
  { key: 'manager', displayName: 'Mia Manager', role: 'manager', clinicIds: 'all' },
  { key: 'finance', displayName: 'Fred Finance', role: 'finance', clinicIds: 'all' },
  { key: 'ops', displayName: 'Olu Ops', role: 'ops', clinicIds: 'all' },
  { key: 'admin', displayName: 'Ada Admin', role: 'admin', clinicIds: 'all' },
];
const saved = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
for (const p of people) saved[p.key] ??= `demo-${randomBytes(6).toString('base64url')}`;
writeFileSync(file, JSON.stringify(saved, null, 2), { mode: 0o600 });

const rows = [];
for (const p of people) {
  const email = `${p.key}@demo.courtesy.test`;
  const res = await fetch(`${gateway}/admin/staff-users`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ tenantId: 'demo', email, displayName: p.displayName, role: p.role, clinicIds: p.clinicIds, password: saved[p.key] }),
  });
  if (!res.ok) throw new Error(`demo staff user ${email}: ${res.status} ${await res.text()}`);
  rows.push([p.role.padEnd(8), email.padEnd(34), saved[p.key], p.clinicIds === 'all' ? 'all clinics' : p.clinicIds.join(', ')]);
}
console.log('\n  Staff console demo users (tenant "demo"; passwords kept in .data/demo-staff.json):');
for (const r of rows) console.log(`    ${r.join('  ')}`);
