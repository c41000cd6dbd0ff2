import { BadRequestException, Controller, ForbiddenException, Get, HttpException, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard, Principal } from '../integrators/api-key.guard';
import type { IntegratorPrincipal } from '../integrators/integrators.service';
import type { GatewayConfig } from '../config';
import { CONFIG } from '../tokens';

const REF = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** An account as the integrator's key is allowed to see it; the data comes from accounts' read model. */
@Controller('v1/accounts')
@UseGuards(ApiKeyGuard)
export class AccountsController {
  constructor(@Inject(CONFIG) private readonly config: GatewayConfig) {}

  @Get(':accountRef')
  async get(@Principal() principal: IntegratorPrincipal, @Param('accountRef') accountRef: string, @Query('clinicId') clinicId?: string) {
    const errors = [];
    if (!REF.test(accountRef)) errors.push({ path: 'path.accountRef', message: 'must be 1-64 letters, digits, dot, dash or underscore' });
    if (!clinicId) errors.push({ path: 'query.clinicId', message: 'is required (account refs are unique within a clinic)' });
    else if (!REF.test(clinicId)) errors.push({ path: 'query.clinicId', message: 'must be 1-64 letters, digits, dot, dash or underscore' });
    if (errors.length) throw new BadRequestException({ statusCode: 400, errors });
    if (!principal.clinicIds.has(clinicId!)) {
      throw new ForbiddenException({ statusCode: 403, errors: [{ path: 'query.clinicId', message: `clinic "${clinicId}" is not in this API key's scope` }] });
    }
    const url = `${this.config.ACCOUNTS_URL}/internal/accounts/${encodeURIComponent(principal.tenantId)}/${encodeURIComponent(clinicId!)}/${encodeURIComponent(accountRef)}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${this.config.ADMIN_TOKEN ?? ''}` } });
    const body = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new HttpException(body, res.status === 404 ? 404 : 502);
    return body;
  }
}
