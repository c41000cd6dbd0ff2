import { Controller, Get, Inject, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Client } from '@temporalio/client';
import type { AccountView } from '@courtesy/contracts';
import { stateQuery } from '@courtesy/workflows';
import { createLogger } from '@courtesy/logging';
import { AccountsAdminGuard } from '../admin/admin.guard';
import { Account } from '../ledger/account.entity';
import { LedgerEntry } from '../ledger/ledger-entry.entity';
import { TEMPORAL_CLIENT } from '../tokens';

const log = createLogger('accounts.read');

const DESCRIPTIONS: Record<string, string> = {
  charge: 'Charge for a visit',
  insurance_paid: 'Paid by insurance',
  contractual_adjustment: 'Insurance contractual adjustment',
  patient_payment: 'Payment received',
  adjustment: 'Adjustment',
};

/**
 * Service-to-service read of one account, used by the gateway's `GET /v1/accounts/{accountRef}` after it has
 * checked the integrator's scope. The workflow answers where the balance is in its life; the ledger answers how much.
 */
@Controller('internal/accounts')
@UseGuards(AccountsAdminGuard)
export class AccountViewController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  @Get(':tenantId/:clinicId/:accountRef')
  async view(
    @Param('tenantId') tenantId: string,
    @Param('clinicId') clinicId: string,
    @Param('accountRef') accountRef: string,
  ): Promise<AccountView & { accountId: string }> {
    const account = await this.db.getRepository(Account).findOneBy({ tenantId, clinicId, accountRef });
    if (!account) throw new NotFoundException({ statusCode: 404, errors: [{ path: 'accountRef', message: 'no such account at this clinic' }] });
    const lines = await this.db.getRepository(LedgerEntry).find({ where: { accountId: account.id }, order: { id: 'ASC' } });
    let stage = account.balanceCents > 0 ? 'pending' : 'no_balance';
    let segment: string | null = null;
    let nextStep: AccountView['nextStep'] = null;
    if (account.workflowId) {
      try {
        const state = await this.temporal.workflow.getHandle(account.workflowId).query(stateQuery);
        stage = state.stage;
        segment = state.segment;
        nextStep = state.nextActionAt ? { action: state.nextStep, at: state.nextActionAt } : null;
      } catch (err) {
        // A closed workflow cannot answer queries on some servers; the ledger still tells the truth.
        log.warn({ err: (err as Error).message, accountId: account.id }, 'workflow state unavailable');
        stage = account.balanceCents > 0 ? 'unknown' : 'resolved';
      }
    }
    return {
      // Internal: the gateway uses it to read outreach's attempt log, then leaves it out of what integrators see.
      accountId: account.id,
      accountRef,
      clinicId,
      balanceCents: account.balanceCents,
      stage,
      segment,
      nextStep,
      ledger: lines.map((l) => ({
        eventId: l.eventId,
        at: l.occurredAt.toISOString(),
        kind: l.kind,
        amountCents: l.amountCents,
        visitRef: l.visitRef,
        description: DESCRIPTIONS[l.kind] ?? l.kind,
      })),
      // Filled by the gateway from outreach's attempt log (outreach owns how a patient was contacted).
      contactTimeline: [],
    };
  }
}
