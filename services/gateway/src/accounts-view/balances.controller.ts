import { Controller, ForbiddenException, Get, HttpException, Inject, Query, UseGuards } from '@nestjs/common';
import { balanceListQuerySchema } from '@courtesy/contracts';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { ApiKeyGuard, Principal } from '../integrators/api-key.guard';
import type { IntegratorPrincipal } from '../integrators/integrators.service';
import type { GatewayConfig } from '../config';
import { CONFIG } from '../tokens';

/** Balances the key may see, filtered by clinic, age, stage and segment, a page at a time. */
@Controller('v1/balances')
@UseGuards(ApiKeyGuard)
export class BalancesController {
  constructor(@Inject(CONFIG) private readonly config: GatewayConfig) {}

  @Get()
  async list(@Principal() principal: IntegratorPrincipal, @Query() query: Record<string, string>) {
    const q = new ZodValidationPipe(balanceListQuerySchema, 'query').transform(query);
    const outside = (q.clinicId ?? []).filter((c) => !principal.clinicIds.has(c));
    if (outside.length) {
      throw new ForbiddenException({
        statusCode: 403,
        errors: outside.map((c) => ({
          path: 'query.clinicId',
          message: `clinic "${c}" is not in this API key's scope`,
        })),
      });
    }
    const params = new URLSearchParams(query);
    params.set('scope', [...principal.clinicIds].join(','));
    const url = `${this.config.ACCOUNTS_URL}/internal/balances/${encodeURIComponent(principal.tenantId)}?${params}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${this.config.ADMIN_TOKEN ?? ''}` } });
    const body = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new HttpException(body, res.status === 400 ? 400 : 502);
    return body;
  }
}
