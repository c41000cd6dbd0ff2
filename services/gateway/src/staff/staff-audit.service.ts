import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { StaffPrincipal } from './staff-principal';

/**
 * The staff audit log: every read of a patient's details and every action, appended to `staff_audit` (the table
 * refuses updates and deletes). `subject` names what was touched (e.g. `account:<uuid>`, `user:<uuid>`);
 * `details` holds ids and decisions, never the patient's name, contact points or other details.
 */
@Injectable()
export class StaffAudit {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(p: StaffPrincipal, action: string, subject: string, details: object = {}): Promise<void> {
    await this.db.query(
      'insert into staff_audit (tenant_id, user_id, role, action, subject, details) values ($1, $2, $3, $4, $5, $6)',
      [p.tenantId, p.userId, p.role, action, subject, JSON.stringify(details)],
    );
  }

  /** Events without a signed-in user (a failed sign-in); the tenant is the one of the email tried, if known. */
  async recordAnonymous(tenantId: string, action: string, subject: string, details: object = {}): Promise<void> {
    await this.db.query(
      'insert into staff_audit (tenant_id, user_id, role, action, subject, details) values ($1, null, null, $2, $3, $4)',
      [tenantId, action, subject, JSON.stringify(details)],
    );
  }

  async list(tenantId: string, limit = 100, subject?: string) {
    const rows: Array<{ id: string; at: Date; user_id: string | null; role: string | null; action: string; subject: string; details: object; display_name: string | null }> =
      await this.db.query(
        `select a.id, a.at, a.user_id, a.role, a.action, a.subject, a.details, u.display_name
           from staff_audit a left join staff_users u on u.id = a.user_id
          where a.tenant_id = $1 and ($3::text is null or a.subject = $3)
          order by a.id desc limit $2`,
        [tenantId, limit, subject ?? null],
      );
    return rows.map((r) => ({ id: Number(r.id), at: new Date(r.at).toISOString(), userId: r.user_id, user: r.display_name, role: r.role, action: r.action, subject: r.subject, details: r.details }));
  }
}
