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

@Injectable()
export class IntegratorsService {
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
    const row = await this.keys.findOneBy({ keyId: parsed.keyId, revokedAt: IsNull() });
    if (!row || !secretMatches(parsed.secret, row.secretHash)) return null;
    return { keyId: row.keyId, tenantId: row.tenantId, clinicIds: new Set(row.clinicIds), signingSecret: row.signingSecret };
  }
}
