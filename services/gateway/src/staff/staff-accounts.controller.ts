import { BadRequestException, Body, Controller, ForbiddenException, Get, HttpCode, Inject, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DISPUTE_CAUSES, DISPUTE_OUTCOMES, DISPUTE_REASONS, balanceListQuerySchema, parseEventsRequest } from '@courtesy/contracts';
import { ZodValidationPipe } from '@courtesy/service-kit';
import type { GatewayConfig } from '../config';
import { CONFIG } from '../tokens';
import { IngestService } from '../ingest/ingest.service';
import { canSeeClinic } from './staff-principal';
import { StaffAudit } from './staff-audit.service';
import { StaffGuard, StaffRoles, type StaffRequest } from './staff.guard';
import { StaffClinics } from './staff-clinics';
import { ServiceClients, seg } from './service-clients';

const REF = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const refPipe = (path: string) => new ZodValidationPipe(z.string().regex(REF, 'must be 1-64 letters, digits, dot, dash or underscore'), path);

const openDispute = z.strictObject({
  reason: z.enum(DISPUTE_REASONS, { error: `must be one of ${DISPUTE_REASONS.join(', ')}` }),
  description: z.string().trim().min(1, 'is required: what the patient said, for the reviewer').max(2000),
  disputedCents: z.number().int('must be whole cents').positive('must be more than 0').optional(),
  visitRef: z.string().regex(REF, 'must be a visit ref').optional(),
});
const resolveDispute = z.strictObject({
  outcome: z.enum(DISPUTE_OUTCOMES, { error: `must be one of ${DISPUTE_OUTCOMES.join(', ')}` }),
  cause: z.enum(DISPUTE_CAUSES, { error: `must be one of ${DISPUTE_CAUSES.join(', ')}` }),
  resolution: z.string().trim().min(1, 'is required: what was decided and told to the patient').max(2000),
});
const pauseBody = z.strictObject({ note: z.string().trim().max(500).optional() });

interface Story {
  accountId: string;
  holds: { openDisputes?: string[] };
  workflowId: string | null;
  [k: string]: unknown;
}

/**
 * Accounts for staff: the list of a clinic's balances and the whole story of one account, clinic-scoped (403 for
 * a clinic outside the user's scope, recorded in the audit log), and the account actions staff may take.
 * Dispute actions go in as EHR events (dispute.opened / dispute.resolved) through the same ingest path as an
 * integrator's, so accounts' holds and the workflow hear them exactly as they would from the clinic's system.
 */
@Controller('staff/v1')
@UseGuards(StaffGuard)
export class StaffAccountsController {
  constructor(
    @Inject(CONFIG) private readonly config: GatewayConfig,
    private readonly services: ServiceClients,
    private readonly clinics: StaffClinics,
    private readonly audit: StaffAudit,
    private readonly moduleRef: ModuleRef,
  ) {}

  @Get('clinics')
  async listClinics(@Req() req: StaffRequest) {
    return { clinics: await this.clinics.visible(req.staff) };
  }

  /** Balances of the user's clinics (or the ones asked for), filtered like the integrator API's GET /v1/balances. */
  @Get('accounts')
  async list(@Req() req: StaffRequest, @Query() query: Record<string, string>) {
    const q = new ZodValidationPipe(balanceListQuerySchema, 'query').transform(query);
    for (const c of q.clinicId ?? []) this.clinics.assertVisible(req.staff, c, 'query.clinicId');
    const scope = (await this.clinics.visible(req.staff)).map((c) => c.clinicId);
    const params = new URLSearchParams(query);
    params.set('scope', scope.join(','));
    await this.audit.record(req.staff, 'accounts.list', `clinics:${(q.clinicId ?? scope).join(',')}`, { filters: Object.keys(query) });
    return this.services.accounts.call('GET', `/internal/balances/${seg(req.staff.tenantId)}?${params}`);
  }

  /** One account's whole story. Reading it is recorded (who, which account), the details themselves are not. */
  @Get('accounts/:clinicId/:accountRef')
  async story(@Req() req: StaffRequest, @Param('clinicId', refPipe('path.clinicId')) clinicId: string, @Param('accountRef', refPipe('path.accountRef')) accountRef: string) {
    if (!canSeeClinic(req.staff, clinicId)) {
      await this.audit.record(req.staff, 'account.view_denied', `clinic:${clinicId}`, { accountRef });
      this.clinics.assertVisible(req.staff, clinicId);
    }
    const story = await this.services.accounts.call<Story>('GET', `/internal/staff-story/${seg(req.staff.tenantId)}/accounts/${seg(clinicId)}/${seg(accountRef)}`);
    await this.audit.record(req.staff, 'account.view', `account:${story.accountId}`, { clinicId });
    let attempts: unknown = null;
    let attemptsError: string | null = null;
    try {
      attempts = await this.services.outreach.call('GET', `/internal/accounts/${seg(req.staff.tenantId)}/${seg(story.accountId)}/attempts`);
    } catch {
      attemptsError = 'The contact log could not be loaded; try again shortly.';
    }
    const temporalUrl = story.workflowId
      ? `${this.config.TEMPORAL_UI_URL.replace(/\/$/, '')}/namespaces/${seg(this.config.TEMPORAL_NAMESPACE)}/workflows/${seg(story.workflowId)}`
      : null;
    return { ...story, attempts, attemptsError, temporalUrl };
  }

  @Post('accounts/:clinicId/:accountRef/disputes')
  @HttpCode(202)
  @StaffRoles('staff', 'manager', 'finance', 'admin')
  async openDispute(
    @Req() req: StaffRequest,
    @Param('clinicId', refPipe('path.clinicId')) clinicId: string,
    @Param('accountRef', refPipe('path.accountRef')) accountRef: string,
    @Body(new ZodValidationPipe(openDispute)) body: z.infer<typeof openDispute>,
  ) {
    const story = await this.load(req, clinicId, accountRef);
    const disputeRef = `STAFF-${randomUUID().slice(0, 8).toUpperCase()}`;
    await this.ingestOne(req, clinicId, 'dispute.opened', { accountRef, disputeRef, reason: body.reason, channel: 'phone', description: body.description, ...(body.disputedCents ? { disputedCents: body.disputedCents } : {}), ...(body.visitRef ? { visitRef: body.visitRef } : {}) });
    await this.audit.record(req.staff, 'dispute.open', `account:${story.accountId}`, { disputeRef, reason: body.reason });
    return { disputeRef };
  }

  @Post('accounts/:clinicId/:accountRef/disputes/:disputeRef/resolve')
  @HttpCode(202)
  @StaffRoles('manager', 'finance', 'admin')
  async resolveDispute(
    @Req() req: StaffRequest,
    @Param('clinicId', refPipe('path.clinicId')) clinicId: string,
    @Param('accountRef', refPipe('path.accountRef')) accountRef: string,
    @Param('disputeRef', refPipe('path.disputeRef')) disputeRef: string,
    @Body(new ZodValidationPipe(resolveDispute)) body: z.infer<typeof resolveDispute>,
  ) {
    const story = await this.load(req, clinicId, accountRef);
    if (!(story.holds.openDisputes ?? []).includes(disputeRef)) {
      throw new BadRequestException({ statusCode: 400, errors: [{ path: 'path.disputeRef', message: 'is not an open dispute of this account' }] });
    }
    await this.ingestOne(req, clinicId, 'dispute.resolved', { accountRef, disputeRef, outcome: body.outcome, cause: body.cause, resolution: body.resolution });
    await this.audit.record(req.staff, 'dispute.resolve', `account:${story.accountId}`, { disputeRef, outcome: body.outcome, cause: body.cause });
    return { disputeRef, outcome: body.outcome };
  }

  /** Pauses outreach pending a hardship review (the workflow's hardship wait), until staff verify or it times out. */
  @Post('accounts/:clinicId/:accountRef/pause')
  @HttpCode(200)
  @StaffRoles('staff', 'manager', 'finance', 'admin')
  async pause(
    @Req() req: StaffRequest,
    @Param('clinicId', refPipe('path.clinicId')) clinicId: string,
    @Param('accountRef', refPipe('path.accountRef')) accountRef: string,
    @Body(new ZodValidationPipe(pauseBody)) _body: z.infer<typeof pauseBody>,
  ) {
    const story = await this.load(req, clinicId, accountRef);
    const requestId = `staff-${randomUUID()}`;
    const result = await this.services.accounts.call('POST', `/internal/staff-story/${seg(req.staff.tenantId)}/accounts/by-id/${seg(story.accountId)}/pause`, { requestId });
    await this.audit.record(req.staff, 'outreach.pause', `account:${story.accountId}`, { requestId });
    return result;
  }

  private async load(req: StaffRequest, clinicId: string, accountRef: string): Promise<Story> {
    if (!canSeeClinic(req.staff, clinicId)) {
      await this.audit.record(req.staff, 'account.action_denied', `clinic:${clinicId}`, { accountRef });
      throw new ForbiddenException({ statusCode: 403, errors: [{ path: 'path.clinicId', message: `clinic "${clinicId}" is not one of your clinics` }] });
    }
    return this.services.accounts.call<Story>('GET', `/internal/staff-story/${seg(req.staff.tenantId)}/accounts/${seg(clinicId)}/${seg(accountRef)}`);
  }

  /** Validates the event with the integrator contract, then sends it through the gateway's own ingest path. */
  private async ingestOne(req: StaffRequest, clinicId: string, type: string, data: Record<string, unknown>) {
    const parsed = parseEventsRequest({ id: `staff-${randomUUID()}`, type, occurredAt: new Date().toISOString(), clinicId, data: { schemaVersion: 1, ...data } });
    if (!parsed.ok) throw new BadRequestException({ statusCode: 400, errors: parsed.errors.map((e) => ({ path: e.path.replace(/^(events\[0\]\.)?data\./, 'body.'), message: e.message })) });
    const ingest = this.moduleRef.get(IngestService, { strict: false });
    await ingest.accept({ keyId: `staff:${req.staff.userId}`, tenantId: req.staff.tenantId, clinicIds: new Set([clinicId]), signingSecret: null }, parsed.events);
  }
}
