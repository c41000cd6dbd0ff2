import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SqlRunner } from '@courtesy/kafka';
import type { Channel, ContactPointStatus } from '../compliance';

export interface ContactPointRow {
  tenant_id: string;
  account_id: string;
  channel: Channel;
  address: string;
  status: ContactPointStatus;
  opted_out_at: Date | null;
  opt_out_source: string | null;
  sms_consent_at: Date | null;
  sms_consent_source: string | null;
}

export interface AccountRef {
  tenant_id: string;
  account_id: string;
}

/**
 * Outreach's own state for each way of reaching an account: the address last used, whether it works,
 * opt-outs and keyword consent. The workflow's contact snapshot may be older; the guard reads both.
 */
@Injectable()
export class ContactPointsService {
  constructor(private readonly db: DataSource) {}

  /**
   * Records the address an attempt is about to use. A different address than before starts fresh
   * (a new number is not the bad old one) but keeps the account's opt-out.
   */
  async observe(tenantId: string, accountId: string, channel: Channel, address: string): Promise<void> {
    await this.db.query(
      `insert into contact_points (tenant_id, account_id, channel, address) values ($1, $2, $3, $4)
       on conflict (tenant_id, account_id, channel) do update
         set address = excluded.address,
             status = case when contact_points.address = excluded.address then contact_points.status else 'deliverable' end,
             updated_at = now()
         where contact_points.address <> excluded.address`,
      [tenantId, accountId, channel, address],
    );
  }

  /** The account's points, plus any SMS opt-out recorded for `phone` under another account (STOP is per number). */
  async forAccount(tenantId: string, accountId: string, phone?: string, tx: SqlRunner = this.db): Promise<ContactPointRow[]> {
    return tx.query(
      `select * from contact_points
        where (tenant_id = $1 and account_id = $2)
           or ($3::text is not null and channel = 'sms' and address = $3 and (opted_out_at is not null or sms_consent_at is not null))`,
      [tenantId, accountId, phone ?? null],
    );
  }

  /** STOP and its synonyms: every account texted at this number is opted out (on every channel, by the guard). */
  async optOutPhone(phone: string, source: string, tx: SqlRunner = this.db): Promise<AccountRef[]> {
    // TypeORM answers an UPDATE ... RETURNING with [rows, count].
    const [rows] = await tx.query(
      `update contact_points set opted_out_at = coalesce(opted_out_at, now()), opt_out_source = coalesce(opt_out_source, $2), updated_at = now()
        where channel = 'sms' and address = $1 returning tenant_id, account_id`,
      [phone, source],
    );
    return rows;
  }

  /** START / UNSTOP: the number opts back in, which is also express consent to texts. */
  async optInPhone(phone: string, source: string, tx: SqlRunner = this.db): Promise<AccountRef[]> {
    const [rows] = await tx.query(
      `update contact_points set opted_out_at = null, opt_out_source = null, sms_consent_at = now(), sms_consent_source = $2, updated_at = now()
        where channel = 'sms' and address = $1 returning tenant_id, account_id`,
      [phone, source],
    );
    return rows;
  }

  async optOutAccount(tenantId: string, accountId: string, channel: Channel, address: string, source: string, tx: SqlRunner = this.db): Promise<void> {
    await tx.query(
      `insert into contact_points (tenant_id, account_id, channel, address, opted_out_at, opt_out_source) values ($1, $2, $3, $4, now(), $5)
       on conflict (tenant_id, account_id, channel) do update
         set opted_out_at = coalesce(contact_points.opted_out_at, now()), opt_out_source = coalesce(contact_points.opt_out_source, $5), updated_at = now()`,
      [tenantId, accountId, channel, address, source],
    );
  }

  /** A bounce, a failed delivery or returned mail: the address is bad until a new one is used. */
  async markStatus(tenantId: string, accountId: string, channel: Channel, address: string, status: ContactPointStatus, tx: SqlRunner = this.db): Promise<void> {
    await tx.query(
      `insert into contact_points (tenant_id, account_id, channel, address, status) values ($1, $2, $3, $4, $5)
       on conflict (tenant_id, account_id, channel) do update set status = $5, updated_at = now()
         where contact_points.address = excluded.address`,
      [tenantId, accountId, channel, address, status],
    );
  }
}
