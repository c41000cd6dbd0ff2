import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rows } from '../placements/sql';

export interface RecoveryBucket {
  ageBucketMinDays: number;
  commissionPct: number;
  placedAccounts: number;
  placedCents: number;
  collectedCents: number;
  commissionCents: number;
  /** What came back after the agency's fee: the figure placement is judged by. */
  netRecoveryCents: number;
  /** netRecoveryCents / placedCents in basis points (0 when nothing was placed). */
  netRecoveryBps: number;
}

@Injectable()
export class RecoveryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async byAgeBucket(tenantId: string, agencyId: string): Promise<RecoveryBucket[]> {
    const found = await rows<Record<string, string>>(
      this.db,
      `select age_bucket_min_days, max(commission_pct) as commission_pct, count(*) as placed, sum(balance_cents) as placed_cents,
         sum(collected_cents) as collected_cents, sum(commission_cents) as commission_cents
       from placements where tenant_id = $1 and agency_id = $2 group by age_bucket_min_days order by age_bucket_min_days`,
      [tenantId, agencyId],
    );
    return found.map((r) => {
      const placed = Number(r.placed_cents);
      const net = Number(r.collected_cents) - Number(r.commission_cents);
      return {
        ageBucketMinDays: Number(r.age_bucket_min_days),
        commissionPct: Number(r.commission_pct),
        placedAccounts: Number(r.placed),
        placedCents: placed,
        collectedCents: Number(r.collected_cents),
        commissionCents: Number(r.commission_cents),
        netRecoveryCents: net,
        netRecoveryBps: placed > 0 ? Math.floor((net * 10_000) / placed) : 0,
      };
    });
  }
}
