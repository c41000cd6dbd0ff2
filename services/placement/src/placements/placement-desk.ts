/**
 * The second gate check, at the moment placement accepts an account into a batch: the same domain gates
 * BalanceWorkflow ran, on the same facts, against the policy snapshot, at the batch's clock. A rejection
 * names every failed gate and is recorded; an acceptance fixes the age bucket (and so the commission).
 */
import type { DataSource } from 'typeorm';
import { domain, type PlacementRequest } from '@courtesy/workflows';
import { commissionTier } from '../agencies/agency';
import { toAgency } from '../agencies/agencies.service';
import type { BatchRef } from '../batches/batch-schedule';
import type { AcceptVerdict } from '../workflows/placement-messages';
import { publishFact } from './placement-events';
import { rows } from './sql';
import { BAD_INPUT, checkPlacementRequest } from './placement-request';
import { ApplicationFailure } from '@temporalio/common';
import type { SqlRunner } from '@courtesy/kafka';

interface LivePlacement {
  placement_id: string;
  agency_id: string;
  batch_id: string;
}

export class PlacementDesk {
  constructor(private readonly db: DataSource) {}

  /** One request on its own (a part of one). */
  async accept(batch: BatchRef, input: PlacementRequest, now: string): Promise<AcceptVerdict> {
    return (await this.acceptPart(batch, [input], now))[0]!;
  }

  /**
   * A part of a batch's requests in one transaction: one commit for up to a few hundred hand-offs. A database
   * error rolls the whole part back and the activity retries it; that is safe because an account already
   * placed is found live and answered the same, and a rejection already recorded is answered with its ID.
   * A malformed request is rejected on its own (naming the field) without touching the others.
   */
  async acceptPart(batch: BatchRef, inputs: PlacementRequest[], now: string): Promise<AcceptVerdict[]> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `insert into placement_batches (batch_id, tenant_id, agency_id, batch_day, cutoff_at) values ($1, $2, $3, $4, $5)
         on conflict (batch_id) do nothing`,
        [batch.batchId, batch.tenantId, batch.agencyId, batch.batchDay, batch.cutoffAt],
      );
      const [b] = await rows<{ status: string }>(
        tx,
        'select status from placement_batches where batch_id = $1 for update',
        [batch.batchId],
      );
      if (b?.status !== 'open') return inputs.map(() => ({ outcome: 'late' as const }));
      const verdicts: AcceptVerdict[] = [];
      for (const input of inputs) {
        let request: PlacementRequest;
        try {
          request = checkPlacementRequest(input);
        } catch (err) {
          if (!(err instanceof ApplicationFailure) || err.type !== BAD_INPUT) throw err;
          verdicts.push(await this.reject(batch, input, [], err.message, tx));
          continue;
        }
        verdicts.push(await this.acceptOne(tx, batch, request, now));
      }
      return verdicts;
    });
  }

  private async acceptOne(
    tx: SqlRunner,
    batch: BatchRef,
    request: PlacementRequest,
    now: string,
  ): Promise<AcceptVerdict> {
    if (request.tenantId !== batch.tenantId) {
      return this.reject(
        batch,
        request,
        [],
        `tenant ${request.tenantId} cannot be placed in a batch of tenant ${batch.tenantId}`,
        tx,
      );
    }
    // Retried activity or a second request for an account already with an agency: answer with the live placement.
    const [live] = await rows<LivePlacement>(
      tx,
      `select placement_id, agency_id, batch_id from placements where balance_workflow_id = $1 and status = 'placed'`,
      [request.balanceWorkflowId],
    );
    if (live) {
      return {
        outcome: 'accepted' as const,
        accepted: {
          agencyId: live.agency_id,
          placementId: live.placement_id,
          placementWorkflowId: live.batch_id,
        },
      };
    }

    if (request.policy === undefined) {
      return this.reject(
        batch,
        request,
        [],
        'no policy snapshot came with the request; placement needs the written policy',
        tx,
      );
    }
    const validation = domain.validatePolicy(request.policy);
    if (!validation.ok) {
      return this.reject(
        batch,
        request,
        [],
        `the policy snapshot is invalid: ${validation.errors.join('; ')}`,
        tx,
      );
    }
    const policy = validation.policy;
    const evaluation = domain.evaluatePlacementGates(policy, request.facts, now);
    if (!evaluation.eligible) {
      const details = evaluation.gates.filter((g) => !g.pass).map((g) => `${g.gate} (${g.detail})`);
      return this.reject(
        batch,
        request,
        evaluation.failed,
        `failed gates: ${details.join('; ')}`,
        tx,
        evaluation,
      );
    }

    const [agencyRow] = await rows<Parameters<typeof toAgency>[0]>(
      tx,
      'select * from agencies where tenant_id = $1 and agency_id = $2',
      [batch.tenantId, batch.agencyId],
    );
    if (!agencyRow) return this.reject(batch, request, [], `agency ${batch.agencyId} no longer exists`, tx);
    const agency = toAgency(agencyRow);
    if (!agency.active || !agency.clinicIds.includes(request.clinicId)) {
      return this.reject(
        batch,
        request,
        [],
        `agency ${agency.agencyId} no longer serves clinic ${request.clinicId}`,
        tx,
      );
    }
    const tier = commissionTier(agency, evaluation.ageDays);
    const credit = domain.creditReportingEligibility(
      policy,
      {
        firstStatementAt: request.facts.startAt,
        balanceCents: request.facts.balanceCents,
        originalBalanceCents: request.originalBalanceCents ?? request.facts.balanceCents,
        state: request.patientState,
        openDispute: request.facts.openDispute,
      },
      now,
    );
    const [placed] = await rows<{ placement_id: string }>(
      tx,
      `insert into placements (tenant_id, agency_id, batch_id, clinic_id, account_id, balance_workflow_id, balance_cents,
           first_statement_at, final_notice_at, age_days, age_bucket_min_days, commission_pct, policy_id, policy_version,
           credit_reporting, accepted_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) returning placement_id`,
      [
        batch.tenantId,
        batch.agencyId,
        batch.batchId,
        request.clinicId,
        request.accountId,
        request.balanceWorkflowId,
        request.facts.balanceCents,
        request.facts.startAt,
        request.facts.finalNoticeSentAt ?? null,
        evaluation.ageDays,
        tier.minAgeDays,
        tier.pct,
        policy.policyId,
        policy.version,
        JSON.stringify(credit),
        now,
      ],
    );
    const placementId = placed!.placement_id;
    await publishFact(tx, {
      type: 'placement.accepted',
      eventId: `placement-accepted:${placementId}`,
      occurredAt: now,
      tenantId: batch.tenantId,
      clinicId: request.clinicId,
      accountId: request.accountId,
      agencyId: batch.agencyId,
      placementId,
      batchId: batch.batchId,
      balanceCents: request.facts.balanceCents,
      ageBucketMinDays: tier.minAgeDays,
    });
    return {
      outcome: 'accepted' as const,
      accepted: { agencyId: batch.agencyId, placementId, placementWorkflowId: batch.batchId },
    };
  }

  private async reject(
    batch: BatchRef,
    request: PlacementRequest,
    failedGates: domain.GateName[],
    reason: string,
    tx: SqlRunner,
    evaluation?: domain.PlacementEvaluation,
  ): Promise<AcceptVerdict> {
    const balanceWorkflowId =
      typeof request?.balanceWorkflowId === 'string' ? request.balanceWorkflowId : '(none)';
    const [earlier] = await rows<{ id: string; failed_gates: domain.GateName[]; reason: string }>(
      tx,
      'select id, failed_gates, reason from placement_rejections where batch_id = $1 and balance_workflow_id = $2 order by id limit 1',
      [batch.batchId, balanceWorkflowId],
    );
    if (earlier) {
      return {
        outcome: 'rejected',
        rejected: { failedGates: earlier.failed_gates, reason: earlier.reason },
        rejectionId: `${batch.batchId}:${earlier.id}`,
      };
    }
    const [row] = await rows<{ id: string }>(
      tx,
      `insert into placement_rejections (tenant_id, batch_id, balance_workflow_id, failed_gates, reason, evaluation)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [
        batch.tenantId,
        batch.batchId,
        balanceWorkflowId,
        failedGates,
        reason,
        evaluation ? JSON.stringify(evaluation) : null,
      ],
    );
    return {
      outcome: 'rejected',
      rejected: { failedGates, reason },
      rejectionId: `${batch.batchId}:${row!.id}`,
    };
  }
}
