import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Agency, AgencyBody } from './agency';

interface AgencyRow {
  tenant_id: string;
  agency_id: string;
  name: string;
  clinic_ids: string[];
  commission: Agency['commission'];
  file_format: Agency['fileFormat'];
  drop_folder: string;
  cutoff_local_time: string;
  time_zone: string;
  active: boolean;
}

export const toAgency = (r: AgencyRow): Agency => ({
  tenantId: r.tenant_id,
  agencyId: r.agency_id,
  name: r.name,
  clinicIds: r.clinic_ids,
  commission: r.commission,
  fileFormat: r.file_format,
  dropFolder: r.drop_folder,
  cutoffLocalTime: r.cutoff_local_time,
  timeZone: r.time_zone,
  active: r.active,
});

@Injectable()
export class AgenciesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async upsert(tenantId: string, agencyId: string, body: AgencyBody): Promise<Agency> {
    const rows: AgencyRow[] = await this.db.query(
      `insert into agencies (tenant_id, agency_id, name, clinic_ids, commission, file_format, drop_folder, cutoff_local_time, time_zone, active)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       on conflict (tenant_id, agency_id) do update set name = excluded.name, clinic_ids = excluded.clinic_ids,
         commission = excluded.commission, file_format = excluded.file_format, drop_folder = excluded.drop_folder,
         cutoff_local_time = excluded.cutoff_local_time, time_zone = excluded.time_zone, active = excluded.active,
         updated_at = now()
       returning *`,
      [
        tenantId,
        agencyId,
        body.name,
        [...new Set(body.clinicIds)],
        JSON.stringify(body.commission),
        body.fileFormat,
        body.dropFolder ?? agencyId.toLowerCase().replace(/[^a-z0-9_-]/g, '-'),
        body.cutoffLocalTime,
        body.timeZone,
        body.active,
      ],
    );
    return toAgency(rows[0]!);
  }

  async list(tenantId: string): Promise<Agency[]> {
    const rows: AgencyRow[] = await this.db.query('select * from agencies where tenant_id = $1 order by agency_id', [tenantId]);
    return rows.map(toAgency);
  }

  async get(tenantId: string, agencyId: string): Promise<Agency | undefined> {
    const rows: AgencyRow[] = await this.db.query('select * from agencies where tenant_id = $1 and agency_id = $2', [tenantId, agencyId]);
    return rows[0] ? toAgency(rows[0]) : undefined;
  }
}
