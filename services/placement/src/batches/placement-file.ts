/**
 * The placement file an agency receives: one line per account handed over or called back, holding only the
 * minimum necessary to collect and reconcile: opaque IDs, amounts and dates. No clinical detail (visits,
 * diagnoses, procedures) and nothing the agency does not need goes in; FILE_FIELDS is the allow-list a test
 * holds the writer to, so adding a column is a deliberate, reviewed change.
 */
import { createHash } from 'node:crypto';
import type { FileFormat } from '../agencies/agency';

export const FILE_FORMAT_VERSION = 'courtesy-placement/1';

/** Every column, in file order, with its fixed-width size. */
export const FILE_FIELDS = [
  { name: 'record_type', width: 6 },
  { name: 'placement_id', width: 36 },
  { name: 'account_id', width: 64 },
  { name: 'clinic_id', width: 64 },
  { name: 'balance_cents', width: 12 },
  { name: 'first_statement_date', width: 10 },
  { name: 'final_notice_date', width: 10 },
  { name: 'age_days', width: 5 },
  { name: 'recall_reason', width: 16 },
  { name: 'recall_requested_date', width: 10 },
] as const;
export type FileFieldName = (typeof FILE_FIELDS)[number]['name'];
export const FILE_FIELD_NAMES: readonly FileFieldName[] = FILE_FIELDS.map((f) => f.name);

export interface PlaceRecord {
  recordType: 'PLACE';
  placementId: string;
  accountId: string;
  clinicId: string;
  balanceCents: number;
  firstStatementDate: string;
  finalNoticeDate: string | null;
  ageDays: number;
}

export interface RecallRecord {
  recordType: 'RECALL';
  placementId: string;
  accountId: string;
  clinicId: string;
  recallReason: string;
  recallRequestedDate: string;
}

export type FileRecord = PlaceRecord | RecallRecord;

function fieldsOf(r: FileRecord): Record<FileFieldName, string> {
  const blank = { balance_cents: '', first_statement_date: '', final_notice_date: '', age_days: '', recall_reason: '', recall_requested_date: '' };
  const common = { record_type: r.recordType, placement_id: r.placementId, account_id: r.accountId, clinic_id: r.clinicId };
  if (r.recordType === 'PLACE') {
    return {
      ...blank,
      ...common,
      balance_cents: String(r.balanceCents),
      first_statement_date: r.firstStatementDate,
      final_notice_date: r.finalNoticeDate ?? '',
      age_days: String(r.ageDays),
    };
  }
  return { ...blank, ...common, recall_reason: r.recallReason, recall_requested_date: r.recallRequestedDate };
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** CSV with a header line, CRLF line ends (RFC 4180). */
export function renderCsv(records: readonly FileRecord[]): string {
  const lines = [FILE_FIELD_NAMES.join(',')];
  for (const r of records) {
    const f = fieldsOf(r);
    lines.push(FILE_FIELD_NAMES.map((n) => csvCell(f[n])).join(','));
  }
  return lines.map((l) => `${l}\r\n`).join('');
}

/** Fixed width: numbers right-aligned with zeros, text left-aligned with spaces; no header line. */
export function renderFixedWidth(records: readonly FileRecord[]): string {
  return records
    .map((r) => {
      const f = fieldsOf(r);
      return (
        FILE_FIELDS.map(({ name, width }) => {
          const v = f[name];
          if (v.length > width) throw new RangeError(`${name}: "${v}" is longer than its ${width}-character column`);
          const numeric = name === 'balance_cents' || name === 'age_days';
          return numeric && v !== '' ? v.padStart(width, '0') : v.padEnd(width, ' ');
        }).join('') + '\r\n'
      );
    })
    .join('');
}

/** Reads a file back into rows of named fields: what an agency's parser sees (used by tests and the docs). */
export function parsePlacementFile(format: FileFormat, content: string): Array<Record<string, string>> {
  const lines = content.split('\r\n').filter((l) => l !== '');
  if (format === 'csv') {
    const [header, ...rows] = lines;
    const names = (header ?? '').split(',');
    return rows.map((row) => Object.fromEntries(row.split(',').map((v, i) => [names[i] ?? `column_${i + 1}`, v])));
  }
  return lines.map((line) => {
    const out: Record<string, string> = {};
    let at = 0;
    for (const { name, width } of FILE_FIELDS) {
      out[name] = line.slice(at, at + width).trim();
      at += width;
    }
    if (line.length > at) out['(beyond layout)'] = line.slice(at);
    return out;
  });
}

export interface Manifest {
  format: typeof FILE_FORMAT_VERSION;
  batchId: string;
  tenantId: string;
  agencyId: string;
  batchDay: string;
  cutoffAt: string;
  file: { name: string; format: FileFormat; bytes: number; sha256: string };
  records: { place: number; recall: number };
  totals: { placedBalanceCents: number };
  fields: readonly FileFieldName[];
}

export interface RenderedBatch {
  fileName: string;
  manifestName: string;
  content: string;
  manifest: Manifest;
}

/**
 * Content and manifest of a batch, fully determined by its records: a retried delivery rewrites the same
 * bytes, so an agency never sees two versions of one day's file.
 */
export function renderBatch(input: {
  batchId: string;
  tenantId: string;
  agencyId: string;
  batchDay: string;
  cutoffAt: string;
  format: FileFormat;
  records: readonly FileRecord[];
}): RenderedBatch {
  const content = input.format === 'csv' ? renderCsv(input.records) : renderFixedWidth(input.records);
  const base = `courtesy-placement-${input.agencyId}-${input.batchDay}`;
  const fileName = `${base}.${input.format === 'csv' ? 'csv' : 'txt'}`;
  const place = input.records.filter((r): r is PlaceRecord => r.recordType === 'PLACE');
  return {
    fileName,
    manifestName: `${base}.manifest.json`,
    content,
    manifest: {
      format: FILE_FORMAT_VERSION,
      batchId: input.batchId,
      tenantId: input.tenantId,
      agencyId: input.agencyId,
      batchDay: input.batchDay,
      cutoffAt: input.cutoffAt,
      file: {
        name: fileName,
        format: input.format,
        bytes: Buffer.byteLength(content, 'utf8'),
        sha256: createHash('sha256').update(content, 'utf8').digest('hex'),
      },
      records: { place: place.length, recall: input.records.length - place.length },
      totals: { placedBalanceCents: place.reduce((s, r) => s + r.balanceCents, 0) },
      fields: FILE_FIELD_NAMES,
    },
  };
}
