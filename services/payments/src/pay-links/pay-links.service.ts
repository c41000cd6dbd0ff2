import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { createLogger } from '@courtesy/logging';
import type { PaymentsConfig } from '../config';
import { rowsOf } from '../sql';
import { CONFIG } from '../tokens';

const log = createLogger('payments.pay-links');

export interface PayLink {
  id: string;
  tenantId: string;
  clinicId: string;
  accountId: string;
  expiresAt: Date;
}

export type Resolution =
  | { ok: true; link: PayLink }
  | { ok: false; reason: 'unknown' }
  | { ok: false; reason: 'expired' | 'revoked' | 'locked'; link: PayLink };

/** 16 random bytes: 128 bits, far beyond what any rate-limited enumeration can find. base64url keeps URLs short. */
const newCode = () => randomBytes(16).toString('base64url');
export const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

/**
 * Pay links: a short code per account that resolves to an expiring, revocable, single-account link. The code is
 * shown once (in the message) and stored only as its hash. Wrong identity answers are counted per link; too many
 * lock it for a while, so the check cannot be brute-forced through one link either.
 */
@Injectable()
export class PayLinksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CONFIG) private readonly config: PaymentsConfig,
  ) {}

  async create(input: { tenantId: string; clinicId: string; accountId: string; ttlDays?: number }): Promise<{ code: string; url: string; expiresAt: string; id: string }> {
    const code = newCode();
    const days = input.ttlDays ?? this.config.PAY_LINK_TTL_DAYS;
    const [row] = await this.db.query(
      `insert into pay_links (code_hash, tenant_id, clinic_id, account_id, expires_at)
       values ($1, $2, $3, $4, now() + make_interval(days => $5)) returning id, expires_at`,
      [hashCode(code), input.tenantId, input.clinicId, input.accountId, days],
    );
    log.info({ payLinkId: row.id, tenantId: input.tenantId, accountId: input.accountId }, 'pay link created');
    return { id: row.id, code, url: `${this.config.PAY_PAGE_BASE_URL.replace(/\/$/, '')}/p/${code}`, expiresAt: new Date(row.expires_at).toISOString() };
  }

  async resolve(code: string): Promise<Resolution> {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(code)) return { ok: false, reason: 'unknown' };
    const [row] = await this.db.query(
      `select id, tenant_id, clinic_id, account_id, expires_at, revoked_at, locked_until, now() as now from pay_links where code_hash = $1`,
      [hashCode(code)],
    );
    if (!row) return { ok: false, reason: 'unknown' };
    const link: PayLink = { id: row.id, tenantId: row.tenant_id, clinicId: row.clinic_id, accountId: row.account_id, expiresAt: new Date(row.expires_at) };
    if (row.revoked_at) return { ok: false, reason: 'revoked', link };
    if (new Date(row.expires_at) <= new Date(row.now)) return { ok: false, reason: 'expired', link };
    if (row.locked_until && new Date(row.locked_until) > new Date(row.now)) return { ok: false, reason: 'locked', link };
    return { ok: true, link };
  }

  async revoke(id: string): Promise<void> {
    await this.db.query('update pay_links set revoked_at = coalesce(revoked_at, now()) where id = $1', [id]);
  }

  /** Counts a wrong answer; returns how many tries are left (0: now locked). The answer itself is never logged. */
  async recordFailedCheck(link: PayLink): Promise<number> {
    const max = this.config.PAY_LINK_MAX_FAILED_CHECKS;
    const [row] = rowsOf(await this.db.query(
      `update pay_links set failed_checks = failed_checks + 1,
         locked_until = case when failed_checks + 1 >= $2 then now() + make_interval(mins => $3) else locked_until end
       where id = $1 returning failed_checks`,
      [link.id, max, this.config.PAY_LINK_LOCK_MINUTES],
    ));
    const left = Math.max(0, max - row!.failed_checks);
    log.warn({ payLinkId: link.id, tenantId: link.tenantId, accountId: link.accountId, failedChecks: row!.failed_checks, locked: left === 0 }, 'pay link identity check failed');
    return left;
  }

  async recordPassedCheck(link: PayLink): Promise<void> {
    await this.db.query('update pay_links set failed_checks = 0, locked_until = null where id = $1', [link.id]);
    log.info({ payLinkId: link.id, tenantId: link.tenantId, accountId: link.accountId }, 'pay link identity check passed');
  }
}
