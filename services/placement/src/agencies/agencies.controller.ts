import { BadRequestException, Body, Controller, Get, Inject, NotFoundException, Param, Post, Put, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { BatchDelivery } from '../batches/batch-delivery';
import type { PlacementConfig } from '../config';
import { rows } from '../placements/sql';
import { RecoveryService } from '../recovery/recovery.service';
import { CONFIG, TEMPORAL_CLIENT } from '../tokens';
import { agencyUpdatesBodySchema, parseUpdatesCsv } from '../updates/agency-update';
import { AgencyUpdatesService } from '../updates/agency-updates.service';
import { fileAcknowledgedSignal } from '../workflows/placement-messages';
import { PlacementAdminGuard } from './admin.guard';
import { agencyBodySchema, idSchema, type AgencyBody } from './agency';
import { AgenciesService } from './agencies.service';

const ackBody = z.strictObject({
  fileName: z.string().min(1, 'must not be empty').max(200),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the file\'s SHA-256 in lowercase hex, as in its manifest'),
  receivedAt: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 instant with Z or an offset' }),
  reference: z.string().max(120).optional(),
});

/** Operator API for agencies, and the endpoints an agency's integration calls (acknowledgements, updates). */
@Controller('admin/tenants/:tenantId/agencies')
@UseGuards(PlacementAdminGuard)
export class AgenciesController {
  private readonly delivery: BatchDelivery;

  constructor(
    private readonly agencies: AgenciesService,
    private readonly updates: AgencyUpdatesService,
    private readonly recovery: RecoveryService,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(CONFIG) config: PlacementConfig,
  ) {
    this.delivery = new BatchDelivery(db, config.PLACEMENT_DROP_DIR);
  }

  @Put(':agencyId')
  upsert(
    @Param('tenantId', new ZodValidationPipe(idSchema, 'tenantId')) tenantId: string,
    @Param('agencyId', new ZodValidationPipe(idSchema, 'agencyId')) agencyId: string,
    @Body(new ZodValidationPipe(agencyBodySchema)) body: AgencyBody,
  ) {
    return this.agencies.upsert(tenantId, agencyId, body);
  }

  @Get()
  list(@Param('tenantId', new ZodValidationPipe(idSchema, 'tenantId')) tenantId: string) {
    return this.agencies.list(tenantId);
  }

  @Get(':agencyId')
  async get(
    @Param('tenantId', new ZodValidationPipe(idSchema, 'tenantId')) tenantId: string,
    @Param('agencyId', new ZodValidationPipe(idSchema, 'agencyId')) agencyId: string,
  ) {
    return (await this.agencies.get(tenantId, agencyId)) ?? this.notFound(agencyId);
  }

  /** Accounts with the agency, with the credit-reporting eligibility staff may read (never acted on). */
  @Get(':agencyId/placements')
  async placements(
    @Param('tenantId', new ZodValidationPipe(idSchema, 'tenantId')) tenantId: string,
    @Param('agencyId', new ZodValidationPipe(idSchema, 'agencyId')) agencyId: string,
  ) {
    const found = await rows<Record<string, any>>(
      this.db,
      `select p.*, r.reason as recall_reason, r.notice_batch_id, r.confirmed_at as recall_confirmed_at
       from placements p left join recalls r on r.placement_id = p.placement_id
       where p.tenant_id = $1 and p.agency_id = $2 order by p.accepted_at desc limit 500`,
      [tenantId, agencyId],
    );
    return found.map((p) => ({
      placementId: p.placement_id,
      batchId: p.batch_id,
      clinicId: p.clinic_id,
      accountId: p.account_id,
      status: p.status,
      balanceCents: Number(p.balance_cents),
      ageDays: p.age_days,
      ageBucketMinDays: p.age_bucket_min_days,
      commissionPct: p.commission_pct,
      collectedCents: Number(p.collected_cents),
      commissionCents: Number(p.commission_cents),
      acceptedAt: new Date(p.accepted_at).toISOString(),
      recall: p.recall_reason
        ? { reason: p.recall_reason, noticeBatchId: p.notice_batch_id, confirmedAt: p.recall_confirmed_at ? new Date(p.recall_confirmed_at).toISOString() : null }
        : null,
      creditReporting: p.credit_reporting,
    }));
  }

  @Get(':agencyId/recovery')
  netRecovery(
    @Param('tenantId', new ZodValidationPipe(idSchema, 'tenantId')) tenantId: string,
    @Param('agencyId', new ZodValidationPipe(idSchema, 'agencyId')) agencyId: string,
  ) {
    return this.recovery.byAgeBucket(tenantId, agencyId);
  }

  @Post(':agencyId/updates')
  async postUpdates(
    @Param('tenantId', new ZodValidationPipe(idSchema, 'tenantId')) tenantId: string,
    @Param('agencyId', new ZodValidationPipe(idSchema, 'agencyId')) agencyId: string,
    @Body(new ZodValidationPipe(agencyUpdatesBodySchema)) body: z.infer<typeof agencyUpdatesBodySchema>,
  ) {
    await this.requireAgency(tenantId, agencyId);
    return this.updates.apply(tenantId, agencyId, body.updates, (i, f) => `body.updates[${i}].${f}`);
  }

  /** The same updates as a CSV file (content-type text/csv), the way most agencies report. */
  @Post(':agencyId/updates/import')
  async importUpdates(
    @Param('tenantId', new ZodValidationPipe(idSchema, 'tenantId')) tenantId: string,
    @Param('agencyId', new ZodValidationPipe(idSchema, 'agencyId')) agencyId: string,
    @Body() body: unknown,
  ) {
    await this.requireAgency(tenantId, agencyId);
    if (typeof body !== 'string') {
      throw new BadRequestException({ statusCode: 400, errors: [{ path: 'body', message: 'must be a CSV file sent as text/csv' }] });
    }
    const parsed = parseUpdatesCsv(body);
    if (!parsed.ok) throw new BadRequestException({ statusCode: 400, errors: parsed.errors });
    return this.updates.apply(tenantId, agencyId, parsed.updates, (i) => `line ${i + 2}, placement_id`);
  }

  @Post(':agencyId/acknowledgements')
  async acknowledge(
    @Param('tenantId', new ZodValidationPipe(idSchema, 'tenantId')) tenantId: string,
    @Param('agencyId', new ZodValidationPipe(idSchema, 'agencyId')) agencyId: string,
    @Body(new ZodValidationPipe(ackBody)) body: z.infer<typeof ackBody>,
  ) {
    const [batch] = await rows<Record<string, any>>(
      this.db,
      'select * from placement_batches where tenant_id = $1 and agency_id = $2 and file_name = $3',
      [tenantId, agencyId, body.fileName],
    );
    if (!batch) throw new NotFoundException({ statusCode: 404, errors: [{ path: 'body.fileName', message: `no file ${body.fileName} was delivered to ${agencyId}` }] });
    if (batch.sha256 !== body.sha256) {
      throw new BadRequestException({ statusCode: 400, errors: [{ path: 'body.sha256', message: 'does not match the delivered file; the agency holds a different or damaged copy' }] });
    }
    try {
      await this.temporal.workflow.getHandle(batch.batch_id).signal(fileAcknowledgedSignal, body);
    } catch {
      // The batch's workflow no longer waits (its wait ran out): record the late acknowledgement directly.
      const ref = { batchId: batch.batch_id, tenantId, agencyId, batchDay: '', cutoffAt: '' };
      await this.delivery.acknowledge(ref, body);
    }
    return { batchId: batch.batch_id, acknowledged: true };
  }

  private async requireAgency(tenantId: string, agencyId: string) {
    if (!(await this.agencies.get(tenantId, agencyId))) this.notFound(agencyId);
  }

  private notFound(agencyId: string): never {
    throw new NotFoundException({ statusCode: 404, errors: [{ path: 'agencyId', message: `no agency ${agencyId} for this tenant` }] });
  }
}
