import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { IntegratorKey } from './integrator-key.entity';
import { issueKey, parseKey, secretMatches } from './api-keys';

export interface IntegratorPrincipal {
  keyId: string;
  tenantId: string;
  clinicIds: ReadonlySet<string>;
  signingSecret: string | null;
}

/**
 * Key rows are read once per key per few seconds instead of once per request: an integrator posting batches in a
 * loop would otherwise pay a database round trip for every request. A key revoked through another replica stops working here within this TTL.
 */
const KEY_CACHE_TTL_MS = 5_000;
const KEY_CACHE_MAX = 10_000;

@Injectable()
export class IntegratorsService {
  private readonly cache = new Map<string, { row: IntegratorKey | null; expiresAt: number }>();

  constructor(@InjectRepository(IntegratorKey) private readonly keys: Repository<IntegratorKey>) {}

  /** Returns the plaintext key once; it cannot be recovered later. */
  async issue(input: { tenantId: string; clinicIds: string[]; label: string; signingSecret?: string }) {
    const issued = issueKey();
    await this.keys.insert({
      keyId: issued.keyId,
      tenantId: input.tenantId,
      clinicIds: input.clinicIds,
      label: input.label,
      secretHash: issued.secretHash,
      signingSecret: input.signingSecret ?? null,
      revokedAt: null,
    });
    return { keyId: issued.keyId, apiKey: issued.apiKey };
  }

  async authenticate(apiKey: string): Promise<IntegratorPrincipal | null> {
    const parsed = parseKey(apiKey);
    if (!parsed) return null;
    const row = await this.activeKey(parsed.keyId);
    if (!row || !secretMatches(parsed.secret, row.secretHash)) return null;
    return {
      keyId: row.keyId,
      tenantId: row.tenantId,
      clinicIds: new Set(row.clinicIds),
      signingSecret: row.signingSecret,
    };
  }

  async revoke(keyId: string): Promise<boolean> {
    const result = await this.keys.update({ keyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    this.cache.delete(keyId);
    return (result.affected ?? 0) > 0;
  }

  private async activeKey(keyId: string): Promise<IntegratorKey | null> {
    const now = Date.now();
    const hit = this.cache.get(keyId);
    if (hit && hit.expiresAt > now) return hit.row;
    const row = await this.keys.findOneBy({ keyId, revokedAt: IsNull() });
    // Unknown IDs are cached too (briefly), so guessing keys cannot turn into a database load.
    if (this.cache.size >= KEY_CACHE_MAX) this.cache.clear();
    this.cache.set(keyId, { row, expiresAt: now + KEY_CACHE_TTL_MS });
    return row;
  }
}
