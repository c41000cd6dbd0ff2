/**
 * Which day's batch a request joins, and when that batch closes. A batch is one agency's accounts for one of
 * its calendar days, closed at its cut-off; a request after the cut-off joins the next day's batch.
 */
import { domain } from '@courtesy/workflows';
import type { Agency } from '../agencies/agency';

export interface BatchRef {
  batchId: string;
  tenantId: string;
  agencyId: string;
  batchDay: string;
  cutoffAt: string;
}

/** Opaque IDs only (tenant and agency slugs, a date): safe as a Temporal workflow ID. */
export const placementWorkflowId = (tenantId: string, agencyId: string, batchDay: string) =>
  `placement:${tenantId}:${agencyId}:${batchDay}`;

export function batchFor(agency: Pick<Agency, 'tenantId' | 'agencyId' | 'cutoffLocalTime' | 'timeZone'>, nowMs: number): BatchRef {
  let day = domain.localDateOf(nowMs, agency.timeZone);
  let cutoff = domain.localDateTimeToMs(day, agency.cutoffLocalTime, agency.timeZone);
  if (nowMs >= cutoff) {
    day = domain.addDays(day, 1);
    cutoff = domain.localDateTimeToMs(day, agency.cutoffLocalTime, agency.timeZone);
  }
  return {
    batchId: placementWorkflowId(agency.tenantId, agency.agencyId, day),
    tenantId: agency.tenantId,
    agencyId: agency.agencyId,
    batchDay: day,
    cutoffAt: new Date(cutoff).toISOString(),
  };
}
