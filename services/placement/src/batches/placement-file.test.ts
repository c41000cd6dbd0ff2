import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { domain } from '@courtesy/workflows';
import { batchFor } from './batch-schedule';
import { FILE_FIELD_NAMES, parsePlacementFile, renderBatch, renderFixedWidth, type FileRecord } from './placement-file';
import { commissionTier } from '../agencies/agency';
import { parseUpdatesCsv } from '../updates/agency-update';

const place: FileRecord = {
  recordType: 'PLACE',
  placementId: '3f0c6c8e-2b1a-4d8e-9a51-6b1f0d2c9e11',
  accountId: '7d4e2a90-5c3b-4f61-8e2d-0a9b8c7d6e5f',
  clinicId: 'maple',
  balanceCents: 48250,
  firstStatementDate: '2026-08-20',
  finalNoticeDate: '2026-10-19',
  ageDays: 105,
};
const recall: FileRecord = {
  recordType: 'RECALL',
  placementId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  accountId: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
  clinicId: 'maple',
  recallReason: 'payment',
  recallRequestedDate: '2026-12-02',
};
const batch = {
  batchId: 'placement:acme:ace-recovery:2026-12-03',
  tenantId: 'acme',
  agencyId: 'ace-recovery',
  batchDay: '2026-12-03',
  cutoffAt: '2026-12-03T23:00:00.000Z',
  records: [place, recall],
};

describe('placement file', () => {
  test('the documented example is what the writer produces (docs/placement-file-format.md)', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/placement-file-format.md'), 'utf8');
    const rendered = renderBatch({ ...batch, format: 'csv' });
    const csv = /```csv\n([\s\S]*?)\n```/.exec(doc)![1]!;
    expect(csv.split('\n').map((l) => `${l}\r\n`).join('')).toBe(rendered.content);
    const manifest = /```json\n(\{\n[\s\S]*?\n\})\n```/.exec(doc)![1]!;
    expect(JSON.parse(manifest)).toEqual(rendered.manifest);
    const fixed = /```text\n(.*)\n```/.exec(doc)![1]!;
    expect(`${fixed}\r\n`).toBe(renderFixedWidth([place]));
  });

  test('fixed width reads back to the same fields as CSV, 233 characters a line', () => {
    const csv = parsePlacementFile('csv', renderBatch({ ...batch, format: 'csv' }).content);
    const fixedContent = renderBatch({ ...batch, format: 'fixed_width' }).content;
    for (const line of fixedContent.split('\r\n').filter(Boolean)) expect(line).toHaveLength(233);
    const fixed = parsePlacementFile('fixed_width', fixedContent).map((r) => ({
      ...r,
      balance_cents: r.balance_cents ? String(Number(r.balance_cents)) : '',
      age_days: r.age_days ? String(Number(r.age_days)) : '',
    }));
    expect(fixed).toEqual(csv);
    for (const r of csv) expect(Object.keys(r)).toEqual([...FILE_FIELD_NAMES]);
  });

  test('a value longer than its fixed-width column is refused, never truncated', () => {
    expect(() => renderFixedWidth([{ ...place, clinicId: 'x'.repeat(65) }])).toThrow('clinic_id');
  });

  test('the manifest hash and counts describe the content', () => {
    const r = renderBatch({ ...batch, format: 'csv' });
    expect(r.manifest.file.bytes).toBe(Buffer.byteLength(r.content));
    expect(r.manifest.records).toEqual({ place: 1, recall: 1 });
    expect(r.fileName).toBe('courtesy-placement-ace-recovery-2026-12-03.csv');
    expect(renderBatch({ ...batch, format: 'fixed_width' }).fileName).toBe('courtesy-placement-ace-recovery-2026-12-03.txt');
  });
});

describe('batch schedule', () => {
  const agency = { tenantId: 'acme', agencyId: 'ace', cutoffLocalTime: '17:00', timeZone: 'America/Chicago' };
  test.each([
    ['before the cut-off: today', '2026-12-03T22:59:00Z', '2026-12-03', '2026-12-03T23:00:00.000Z'],
    ['at the cut-off: the next day', '2026-12-03T23:00:00Z', '2026-12-04', '2026-12-04T23:00:00.000Z'],
    ['after midnight UTC, still the agency evening', '2026-12-04T02:00:00Z', '2026-12-04', '2026-12-04T23:00:00.000Z'],
    ['across the spring-forward change', '2027-03-13T23:30:00Z', '2027-03-14', '2027-03-14T22:00:00.000Z'],
  ])('%s', (_, now, day, cutoff) => {
    const b = batchFor(agency, Date.parse(now));
    expect(b).toEqual({ batchId: `placement:acme:ace:${day}`, tenantId: 'acme', agencyId: 'ace', batchDay: day, cutoffAt: cutoff });
  });
});

describe('commission by age bucket', () => {
  const agency = { commission: [{ minAgeDays: 0, pct: 25 }, { minAgeDays: 180, pct: 35 }, { minAgeDays: 365, pct: 50 }] };
  test.each([
    [90, 25],
    [179, 25],
    [180, 35],
    [400, 50],
  ])('day %i pays %i%%', (age, pct) => expect(commissionTier(agency, age).pct).toBe(pct));
  test('rounds the agency cut down', () => expect(domain.percentOfCents(999, 25)).toBe(249));
});

describe('agency update files', () => {
  const header = 'update_ref,placement_id,kind,amount_cents,promised_for,occurred_at';
  test('a good file parses', () => {
    const r = parseUpdatesCsv(`${header}\nA-1,3f0c6c8e-2b1a-4d8e-9a51-6b1f0d2c9e11,payment,1000,,2026-12-01T10:00:00Z\n`);
    expect(r).toEqual({
      ok: true,
      updates: [{ updateRef: 'A-1', placementId: '3f0c6c8e-2b1a-4d8e-9a51-6b1f0d2c9e11', kind: 'payment', amountCents: 1000, occurredAt: '2026-12-01T10:00:00Z' }],
    });
  });
  test('errors name the line and the column, for every bad line', () => {
    const r = parseUpdatesCsv(
      [
        header,
        'A-1,not-a-uuid,payment,1000,,2026-12-01T10:00:00Z',
        'A-2,3f0c6c8e-2b1a-4d8e-9a51-6b1f0d2c9e11,payment,,,2026-12-01T10:00:00Z',
        'A-3,3f0c6c8e-2b1a-4d8e-9a51-6b1f0d2c9e11,promise,500,2026-13-01,2026-12-01T10:00:00Z',
        'A-4,3f0c6c8e-2b1a-4d8e-9a51-6b1f0d2c9e11,refund,500,,yesterday',
        'A-5,too,few',
      ].join('\n'),
    );
    expect(r.ok).toBe(false);
    const paths = (r as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(['line 2, placement_id', 'line 3, amount_cents', 'line 4, promised_for', 'line 5, kind', 'line 5, occurred_at', 'line 6']);
  });
  test('a header with a missing or unknown column is refused', () => {
    const r = parseUpdatesCsv('update_ref,placement_id,kind,amount,occurred_at\n');
    expect(r.ok).toBe(false);
    expect((r as { errors: { message: string }[] }).errors.map((e) => e.message)).toEqual([
      'header lacks column amount_cents',
      'header lacks column promised_for',
      expect.stringContaining('unknown column amount'),
    ]);
  });
});
