import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { commissionCents } from '../agencies/agency';
import { publishFact } from '../placements/placement-events';
import { rows } from '../placements/sql';
import type { AgencyUpdate } from './agency-update';

interface PlacementRow {
  placement_id: string;
  tenant_id: string;
  agency_id: string;
  clinic_id: string;
  account_id: string;
  status: string;
  commission_pct: number;
}

export interface UpdatesResult {
  applied: number;
  duplicates: number;
  collectedCents: number;
  commissionCents: number;
}

/**
 * Applies an agency's report in one transaction: every line or none. A line the agency sends again (same
 * updateRef) is skipped, so a re-sent file changes nothing. Payments are published for accounts to post to
 * the ledger; commission is recorded per placement so net recovery is known per agency and age bucket.
 */
@Injectable()
export class AgencyUpdatesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async apply(tenantId: string, agencyId: string, updates: AgencyUpdate[], pathOf: (i: number, field: string) => string): Promise<UpdatesResult> {
    return this.db.transaction(async (tx) => {
      const result: UpdatesResult = { applied: 0, duplicates: 0, collectedCents: 0, commissionCents: 0 };
      const ids = [...new Set(updates.map((u) => u.placementId))];
      const found = await rows<PlacementRow>(
        tx,
        'select * from placements where placement_id = any($1::uuid[]) and tenant_id = $2 and agency_id = $3 for update',
        [ids, tenantId, agencyId],
      );
      const byId = new Map(found.map((p) => [p.placement_id, p]));
      const problems = updates.flatMap((u, i) => {
        const p = byId.get(u.placementId);
        if (!p) return [{ path: pathOf(i, 'placementId'), message: `no placement ${u.placementId} with agency ${agencyId}` }];
        if ((u.kind === 'returned' || u.kind === 'closed') && !['placed', 'returned', 'closed'].includes(p.status))
          return [{ path: pathOf(i, 'kind'), message: `placement is ${p.status}; only an account still placed can be ${u.kind}` }];
        return [];
      });
      if (problems.length > 0) throw new BadRequestException({ statusCode: 400, errors: problems });

      for (const [i, u] of updates.entries()) {
        const p = byId.get(u.placementId)!;
        const commission = u.kind === 'payment' ? commissionCents(u.amountCents!, p.commission_pct) : null;
        const [row] = await rows<{ id: string }>(
          tx,
          `insert into agency_updates (tenant_id, agency_id, update_ref, placement_id, kind, amount_cents, commission_cents, promised_for, occurred_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (tenant_id, agency_id, update_ref) do nothing returning id`,
          [tenantId, agencyId, u.updateRef, u.placementId, u.kind, u.amountCents ?? null, commission, u.promisedFor ?? null, u.occurredAt],
        );
        if (!row) {
          result.duplicates++;
          continue;
        }
        result.applied++;
        const fact = { tenantId, clinicId: p.clinic_id, accountId: p.account_id, agencyId, placementId: p.placement_id, occurredAt: u.occurredAt };
        switch (u.kind) {
          case 'payment':
            await tx.query(
              'update placements set collected_cents = collected_cents + $2, commission_cents = commission_cents + $3 where placement_id = $1',
              [p.placement_id, u.amountCents, commission],
            );
            result.collectedCents += u.amountCents!;
            result.commissionCents += commission!;
            await publishFact(tx, {
              ...fact,
              type: 'placement.agency_payment_collected',
              eventId: `agency-payment-${row.id}`,
              updateRef: u.updateRef,
              amountCents: u.amountCents!,
              commissionCents: commission!,
            });
            break;
          case 'recall_confirmed': {
            const [recall] = await rows<{ recall_id: string }>(
              tx,
              `update recalls set confirmed_at = coalesce(confirmed_at, $2), confirmation_ref = coalesce(confirmation_ref, $3)
               where placement_id = $1 returning recall_id`,
              [p.placement_id, u.occurredAt, u.updateRef],
            );
            if (!recall) {
              throw new BadRequestException({
                statusCode: 400,
                errors: [{ path: pathOf(i, 'kind'), message: `placement ${p.placement_id} has not been recalled` }],
              });
            }
            await publishFact(tx, { ...fact, type: 'placement.recall_confirmed', eventId: `recall-confirmed:${recall.recall_id}`, reference: u.updateRef });
            break;
          }
          default:
            if (u.kind === 'returned' || u.kind === 'closed') {
              await tx.query(`update placements set status = $2 where placement_id = $1 and status = 'placed'`, [p.placement_id, u.kind]);
            }
            await publishFact(tx, {
              ...fact,
              type: 'placement.agency_reported',
              eventId: `agency-report-${row.id}`,
              updateRef: u.updateRef,
              kind: u.kind,
              ...(u.amountCents !== undefined ? { amountCents: u.amountCents } : {}),
              ...(u.promisedFor !== undefined ? { promisedFor: u.promisedFor } : {}),
            });
        }
      }
      return result;
    });
  }
}
