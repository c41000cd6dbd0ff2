import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createLogger } from '@courtesy/logging';
import { payPageBaseUrl, type PaymentsConfig } from '../config';
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

export interface CreatePayLink {
  tenantId: string;
  clinicId: string;
  accountId: string;
  ttlDays?: number;
  /**
   * The caller's idempotency key (outreach passes the attempt key `<workflowId>:<step>:<attempt>`): the same key
   * always answers with the same link, so a retried send puts the same URL in the same message.
   */
  issueKey?: string;
}

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
  ) {
    this.keyedSecret = config.PAY_LINK_SECRET ?? randomBytes(32).toString('base64');
  }

  /** A keyed link's code is derived from the key under this secret; random per process when unset (dev only). */
  private readonly keyedSecret: string;

  async create(input: CreatePayLink): Promise<{ code: string; url: string; expiresAt: string; id: string }> {
    // A keyed code is an HMAC of the key: just as unguessable (128 bits under a secret) and the same on every
    // retry, so no code has to be stored in clear to hand it out again; the hash's unique index does the rest.
    const code = input.issueKey === undefined ? newCode() : this.keyedCode(input);
    const days = input.ttlDays ?? this.config.PAY_LINK_TTL_DAYS;
    const inserted = await this.db.query(
      `insert into pay_links (code_hash, tenant_id, clinic_id, account_id, expires_at)
       values ($1, $2, $3, $4, now() + make_interval(days => $5))
       on conflict (code_hash) do nothing returning id, expires_at`,
      [hashCode(code), input.tenantId, input.clinicId, input.accountId, days],
    );
    let row = rowsOf(inserted)[0] as { id: string; expires_at: Date } | undefined;
    if (row) log.info({ payLinkId: row.id, tenantId: input.tenantId, accountId: input.accountId }, 'pay link created');
    else {
      const [existing] = await this.db.query('select id, expires_at from pay_links where code_hash = $1 and tenant_id = $2 and account_id = $3', [
        hashCode(code),
        input.tenantId,
        input.accountId,
      ]);
      if (!existing) throw new Error('pay link key collision across accounts'); // the key names its account: cannot happen
      row = existing as { id: string; expires_at: Date };
    }
    return { id: row.id, code, url: `${payPageBaseUrl(this.config)}/p/${code}`, expiresAt: new Date(row.expires_at).toISOString() };
  }

  private keyedCode(input: CreatePayLink): string {
    return createHmac('sha256', this.keyedSecret)
      .update(`pay-link\n${input.tenantId}\n${input.clinicId}\n${input.accountId}\n${input.issueKey}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
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
