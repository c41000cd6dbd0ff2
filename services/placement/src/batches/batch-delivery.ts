/**
 * Closing a batch: the file (accounts accepted into it, plus recall notices due to the agency) and its
 * manifest go to the agency's drop folder, then the batch is marked delivered in the same transaction that
 * marks the recall notices sent and publishes the fact. The file is written before the commit and its bytes
 * depend only on the batch's rows, so a retry after a failed commit rewrites the very same file.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { toAgency } from '../agencies/agencies.service';
import { publishFact } from '../placements/placement-events';
import { dateOnly, rows } from '../placements/sql';
import type { DeliveredFile, FileAcknowledgement } from '../workflows/placement-messages';
import type { BatchRef } from './batch-schedule';
import { renderBatch, type FileRecord } from './placement-file';

interface BatchRow {
  status: 'open' | 'delivered' | 'acknowledged';
  file_name: string | null;
  manifest_name: string | null;
  sha256: string | null;
  record_count: number | null;
  recall_count: number | null;
}

async function writeAtomically(path: string, content: string): Promise<void> {
  const tmp = `${path}.partial`;
  await writeFile(tmp, content, 'utf8');
  await rename(tmp, path);
}

export class BatchDelivery {
  constructor(
    private readonly db: DataSource,
    private readonly dropDir: string,
  ) {}

  /** Where a tenant's agency finds its files. */
  folderOf(tenantId: string, dropFolder: string): string {
    return resolve(this.dropDir, tenantId, dropFolder);
  }

  async deliver(batch: BatchRef): Promise<DeliveredFile> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `insert into placement_batches (batch_id, tenant_id, agency_id, batch_day, cutoff_at) values ($1, $2, $3, $4, $5)
         on conflict (batch_id) do nothing`,
        [batch.batchId, batch.tenantId, batch.agencyId, batch.batchDay, batch.cutoffAt],
      );
      const [b] = await rows<BatchRow>(tx, 'select * from placement_batches where batch_id = $1 for update', [batch.batchId]);
      if (b && b.status !== 'open') {
        return {
          fileName: b.file_name!,
          manifestName: b.manifest_name!,
          sha256: b.sha256!,
          records: { place: b.record_count!, recall: b.recall_count! },
        };
      }
      const [agencyRow] = await rows<Parameters<typeof toAgency>[0]>(tx, 'select * from agencies where tenant_id = $1 and agency_id = $2', [
        batch.tenantId,
        batch.agencyId,
      ]);
      const agency = toAgency(agencyRow!);

      const places = await rows<{
        placement_id: string;
        account_id: string;
        clinic_id: string;
        balance_cents: string;
        first_statement_at: Date;
        final_notice_at: Date | null;
        age_days: number;
      }>(
        tx,
        `select placement_id, account_id, clinic_id, balance_cents, first_statement_at, final_notice_at, age_days
         from placements where batch_id = $1 and status = 'placed' order by accepted_at, placement_id`,
        [batch.batchId],
      );
      // Recalls not yet noticed to this agency. One of an account placed in this very batch never reached
      // the agency: it leaves the file out and is confirmed at once.
      const recalls = await rows<{
        recall_id: string;
        placement_id: string;
        account_id: string;
        clinic_id: string;
        reason: string;
        requested_at: Date;
        batch_id: string;
        placed_batch_status: string;
      }>(
        tx,
        `select r.recall_id, r.placement_id, p.account_id, p.clinic_id, r.reason, r.requested_at, p.batch_id,
           pb.status as placed_batch_status
         from recalls r join placements p on p.placement_id = r.placement_id
           join placement_batches pb on pb.batch_id = p.batch_id
         where r.tenant_id = $1 and r.agency_id = $2 and r.notice_batch_id is null
         order by r.requested_at, r.recall_id for update of r`,
        [batch.tenantId, batch.agencyId],
      );
      // A recall whose account sits in another batch still open waits for that batch, which withdraws it.
      const toNotice = recalls.filter((r) => r.batch_id !== batch.batchId && r.placed_batch_status !== 'open');
      const neverSent = recalls.filter((r) => r.batch_id === batch.batchId);

      const records: FileRecord[] = [
        ...places.map(
          (p): FileRecord => ({
            recordType: 'PLACE',
            placementId: p.placement_id,
            accountId: p.account_id,
            clinicId: p.clinic_id,
            balanceCents: Number(p.balance_cents),
            firstStatementDate: dateOnly(p.first_statement_at)!,
            finalNoticeDate: dateOnly(p.final_notice_at),
            ageDays: p.age_days,
          }),
        ),
        ...toNotice.map(
          (r): FileRecord => ({
            recordType: 'RECALL',
            placementId: r.placement_id,
            accountId: r.account_id,
            clinicId: r.clinic_id,
            recallReason: r.reason,
            recallRequestedDate: dateOnly(r.requested_at)!,
          }),
        ),
      ];
      const rendered = renderBatch({
        batchId: batch.batchId,
        tenantId: batch.tenantId,
        agencyId: batch.agencyId,
        batchDay: batch.batchDay,
        cutoffAt: batch.cutoffAt,
        format: agency.fileFormat,
        records,
      });
      const folder = this.folderOf(batch.tenantId, agency.dropFolder);
      await mkdir(folder, { recursive: true });
      await writeAtomically(join(folder, rendered.fileName), rendered.content);
      // The manifest goes last: an agency's watcher takes its arrival as "the file is complete".
      await writeAtomically(join(folder, rendered.manifestName), `${JSON.stringify(rendered.manifest, null, 2)}\n`);

      const m = rendered.manifest;
      await tx.query(
        `update placement_batches set status = 'delivered', file_name = $2, manifest_name = $3, sha256 = $4,
           record_count = $5, recall_count = $6, delivered_at = now() where batch_id = $1`,
        [batch.batchId, rendered.fileName, rendered.manifestName, m.file.sha256, m.records.place, m.records.recall],
      );
      for (const r of toNotice) {
        await tx.query('update recalls set notice_batch_id = $2 where recall_id = $1', [r.recall_id, batch.batchId]);
        await publishFact(tx, {
          type: 'placement.recall_noticed',
          eventId: `recall-noticed:${r.recall_id}`,
          tenantId: batch.tenantId,
          clinicId: r.clinic_id,
          accountId: r.account_id,
          agencyId: batch.agencyId,
          placementId: r.placement_id,
          batchId: batch.batchId,
        });
      }
      for (const r of neverSent) {
        await tx.query(
          `update recalls set notice_batch_id = $2, confirmed_at = now(), confirmation_ref = 'withdrawn-before-delivery' where recall_id = $1`,
          [r.recall_id, batch.batchId],
        );
      }
      await publishFact(tx, {
        type: 'placement.file_delivered',
        eventId: `file-delivered:${batch.batchId}`,
        tenantId: batch.tenantId,
        agencyId: batch.agencyId,
        batchId: batch.batchId,
        fileName: rendered.fileName,
        sha256: m.file.sha256,
        placeRecords: m.records.place,
        recallRecords: m.records.recall,
      });
      return { fileName: rendered.fileName, manifestName: rendered.manifestName, sha256: m.file.sha256, records: m.records };
    });
  }

  /** Records the agency's acknowledgement (or its absence when the wait ran out); only a delivered batch changes. */
  async acknowledge(batch: BatchRef, ack: FileAcknowledgement | null): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [b] = await rows<BatchRow>(tx, 'select * from placement_batches where batch_id = $1 for update', [batch.batchId]);
      if (b?.status !== 'delivered') return;
      if (ack === null) {
        await publishFact(tx, {
          type: 'placement.file_unacknowledged',
          eventId: `file-unacknowledged:${batch.batchId}`,
          tenantId: batch.tenantId,
          agencyId: batch.agencyId,
          batchId: batch.batchId,
        });
        return;
      }
      await tx.query(
        `update placement_batches set status = 'acknowledged', acknowledged_at = $2, ack_reference = $3 where batch_id = $1`,
        [batch.batchId, ack.receivedAt, ack.reference ?? null],
      );
      await publishFact(tx, {
        type: 'placement.file_acknowledged',
        eventId: `file-acknowledged:${batch.batchId}`,
        tenantId: batch.tenantId,
        agencyId: batch.agencyId,
        batchId: batch.batchId,
      });
    });
  }
}
