import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Client } from '@temporalio/client';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import {
  balanceListQuerySchema,
  balanceVisibilityQuery,
  type BalanceList,
  type BalanceListQuery,
} from '@courtesy/contracts';
import { SearchAttributes } from '@courtesy/workflows';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { AccountsAdminGuard } from '../admin/admin.guard';
import { TEMPORAL_CLIENT } from '../tokens';

const DAY_MS = 86_400_000;

interface AccountRow {
  workflow_id: string;
  account_ref: string;
  clinic_id: string;
  balance_cents: string;
  first_positive_at: Date | null;
}

/**
 * Balances by clinic, age, stage and segment. Stage and segment live where the workflow keeps them — its search
 * attributes, indexed by Temporal visibility — and the amounts and dates come from the ledger, which is the
 * truth for money. The gateway calls this after checking the integrator's clinic scope.
 */
@Controller('internal/balances')
@UseGuards(AccountsAdminGuard)
export class BalancesController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /** `scope` is the comma-separated clinics the caller may see; the gateway has checked `clinicId` against it. */
  @Get(':tenantId')
  async list(
    @Param('tenantId') tenantId: string,
    @Query() query: Record<string, string>,
  ): Promise<BalanceList> {
    const { scope = '', ...rest } = query;
    const q: BalanceListQuery = new ZodValidationPipe(balanceListQuerySchema, 'query').transform(rest);
    const clinicIds = q.clinicId ?? scope.split(',').filter(Boolean);
    if (clinicIds.length === 0) return { balances: [], nextPageToken: null };
    const now = Date.now();
    const page = await this.temporal.workflowService.listWorkflowExecutions({
      namespace: this.temporal.options.namespace,
      query: balanceVisibilityQuery(tenantId, clinicIds, q, now),
      pageSize: q.pageSize,
      nextPageToken: q.pageToken ? Buffer.from(q.pageToken, 'base64url') : undefined,
    });
    const executions = page.executions ?? [];
    const ids = executions.map((e) => e.execution?.workflowId ?? '');
    const rows: AccountRow[] = ids.length
      ? await this.db.query(
          'select workflow_id, account_ref, clinic_id, balance_cents, first_positive_at from accounts where tenant_id = $1 and workflow_id = any($2)',
          [tenantId, ids],
        )
      : [];
    const byWorkflow = new Map(rows.map((r) => [r.workflow_id, r]));
    const balances = executions.flatMap((e) => {
      const row = byWorkflow.get(e.execution?.workflowId ?? '');
      if (!row) return [];
      const attrs = decodeTypedSearchAttributes(e.searchAttributes?.indexedFields);
      const next = attrs.get(SearchAttributes.NextActionAt);
      const openedAt = row.first_positive_at ? new Date(row.first_positive_at) : null;
      return [
        {
          accountRef: row.account_ref,
          clinicId: row.clinic_id,
          balanceCents: Number(row.balance_cents),
          stage: attrs.get(SearchAttributes.Stage) ?? null,
          segment: attrs.get(SearchAttributes.Segment) ?? null,
          openedAt: openedAt?.toISOString() ?? null,
          ageDays: openedAt ? Math.floor((now - openedAt.getTime()) / DAY_MS) : null,
          nextActionAt: next ? new Date(next).toISOString() : null,
          workflowId: row.workflow_id,
        },
      ];
    });
    const token = page.nextPageToken?.length ? Buffer.from(page.nextPageToken).toString('base64url') : null;
    return { balances, nextPageToken: token };
  }
}
