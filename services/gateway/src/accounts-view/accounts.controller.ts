import { BadRequestException, Controller, ForbiddenException, Get, HttpException, Inject, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import type { ContactEntry } from '@courtesy/contracts';
import { contactEntriesOf, type OutreachAttempt } from './contact-timeline';
import { createLogger } from '@courtesy/logging';
import { ApiKeyGuard, Principal } from '../integrators/api-key.guard';
import type { IntegratorPrincipal } from '../integrators/integrators.service';
import type { GatewayConfig } from '../config';
import { CONFIG } from '../tokens';

const log = createLogger('gateway.accounts-view');

const REF = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** An account as the integrator's key is allowed to see it; the data comes from accounts' read model. */
@Controller('v1/accounts')
@UseGuards(ApiKeyGuard)
export class AccountsController {
  constructor(@Inject(CONFIG) private readonly config: GatewayConfig) {}

  @Get(':accountRef')
  async get(
    @Principal() principal: IntegratorPrincipal,
    @Param('accountRef') accountRef: string,
    @Res({ passthrough: true }) res: Response,
    @Query('clinicId') clinicId?: string,
  ) {
    const errors = [];
    if (!REF.test(accountRef)) errors.push({ path: 'path.accountRef', message: 'must be 1-64 letters, digits, dot, dash or underscore' });
    if (!clinicId) errors.push({ path: 'query.clinicId', message: 'is required (account refs are unique within a clinic)' });
    else if (!REF.test(clinicId)) errors.push({ path: 'query.clinicId', message: 'must be 1-64 letters, digits, dot, dash or underscore' });
    if (errors.length) throw new BadRequestException({ statusCode: 400, errors });
    if (!principal.clinicIds.has(clinicId!)) {
      throw new ForbiddenException({ statusCode: 403, errors: [{ path: 'query.clinicId', message: `clinic "${clinicId}" is not in this API key's scope` }] });
    }
    const url = `${this.config.ACCOUNTS_URL}/internal/accounts/${encodeURIComponent(principal.tenantId)}/${encodeURIComponent(clinicId!)}/${encodeURIComponent(accountRef)}`;
    const answer = await fetch(url, { headers: { authorization: `Bearer ${this.config.ADMIN_TOKEN ?? ''}` } });
    const body = (await answer.json()) as Record<string, unknown>;
    if (!answer.ok) throw new HttpException(body, answer.status === 404 ? 404 : 502);
    const { accountId, ...view } = body as { accountId?: string } & Record<string, unknown>;
    if (!accountId) return view;
    try {
      return { ...view, contactTimeline: await this.contactTimeline(principal.tenantId, accountId) };
    } catch (err) {
      // The balance and ledger are still right without outreach; say the timeline is missing rather than fail.
      log.warn({ err: (err as Error).message, tenantId: principal.tenantId }, 'contact timeline unavailable');
      res.setHeader('Warning', '199 - "contact timeline unavailable; retry later"');
      return view;
    }
  }

  /** Outreach's attempt log as integrators see it: when, how and what came of it, never the message itself. */
  private async contactTimeline(tenantId: string, accountId: string): Promise<ContactEntry[]> {
    const url = `${this.config.OUTREACH_URL}/internal/accounts/${encodeURIComponent(tenantId)}/${encodeURIComponent(accountId)}/attempts`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${this.config.ADMIN_TOKEN ?? ''}` }, signal: AbortSignal.timeout(5_000) });
    if (!res.ok) throw new Error(`outreach answered ${res.status}`);
    const { attempts } = (await res.json()) as { attempts: OutreachAttempt[] };
    return contactEntriesOf(attempts);
  }
}
