import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import { z } from 'zod';
import { hardshipRequestedSignal, stateQuery } from '@courtesy/workflows';
import { createLogger } from '@courtesy/logging';
import { ZodValidationPipe } from '@courtesy/service-kit';
import { AccountsAdminGuard } from '../admin/admin.guard';
import { Account } from '../ledger/account.entity';
import { Guarantor } from '../ledger/guarantor.entity';
import { LedgerEntry } from '../ledger/ledger-entry.entity';
import { Clinic } from '../clinics/clinic.entity';
import { TEMPORAL_CLIENT } from '../tokens';

const log = createLogger('accounts.staff-story');
const REF = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ref = (path: string) => new ZodValidationPipe(z.string().regex(REF, 'must be 1-64 letters, digits, dot, dash or underscore'), path);
const pauseBody = z.strictObject({
  requestId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'must be 1-100 letters, digits, dot, colon, dash or underscore'),
});

const DESCRIPTIONS: Record<string, string> = {
  charge: 'Charge for a visit',
  insurance_paid: 'Paid by insurance',
  contractual_adjustment: 'Insurance contractual adjustment',
  patient_payment: 'Payment received',
  adjustment: 'Adjustment',
};

/**
 * The staff console's account page, service to service: everything accounts knows about one account (guarantor
 * and contact points with consent, visits and ledger, holds) plus the workflow's own view of it (stage, segment,
 * next step, plan, disputes, settlement, placement). The gateway checks the staff member's clinic scope first and
 * writes the audit entry; this endpoint trusts the operator token.
 */
@Controller('internal/staff-story/:tenantId')
@UseGuards(AccountsAdminGuard)
export class StaffStoryController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  @Get('clinics')
  async clinics(@Param('tenantId', ref('path.tenantId')) tenantId: string) {
    const rows = await this.db.getRepository(Clinic).find({ where: { tenantId }, order: { name: 'ASC' } });
    return { clinics: rows.map((c) => ({ clinicId: c.clinicId, name: c.name, timeZone: c.timeZone, phone: c.phone })) };
  }

  @Get('accounts/:clinicId/:accountRef')
  async story(
    @Param('tenantId', ref('path.tenantId')) tenantId: string,
    @Param('clinicId', ref('path.clinicId')) clinicId: string,
    @Param('accountRef', ref('path.accountRef')) accountRef: string,
  ) {
    const account = await this.db.getRepository(Account).findOneBy({ tenantId, clinicId, accountRef });
    if (!account) throw new NotFoundException({ statusCode: 404, errors: [{ path: 'path.accountRef', message: 'no such account at this clinic' }] });
    const [clinic, guarantor, lines] = await Promise.all([
      this.db.getRepository(Clinic).findOneBy({ tenantId, clinicId }),
      this.db.getRepository(Guarantor).findOneBy({ accountId: account.id }),
      this.db.getRepository(LedgerEntry).find({ where: { accountId: account.id }, order: { id: 'ASC' } }),
    ]);
    const visits = new Map<string, { visitRef: string; firstAt: string; chargesCents: number; insurancePaidCents: number; adjustmentsCents: number; patientPaidCents: number }>();
    const summary = { chargesCents: 0, insurancePaidCents: 0, adjustmentsCents: 0, patientPaidCents: 0 };
    for (const l of lines) {
      const v = l.visitRef
        ? (visits.get(l.visitRef) ??
          visits.set(l.visitRef, { visitRef: l.visitRef, firstAt: l.occurredAt.toISOString(), chargesCents: 0, insurancePaidCents: 0, adjustmentsCents: 0, patientPaidCents: 0 }).get(l.visitRef)!)
        : undefined;
      // Ledger amounts are signed from the patient's side (credits negative); the summary shows them as positive amounts.
      const key = l.kind === 'charge' ? 'chargesCents' : l.kind === 'insurance_paid' ? 'insurancePaidCents' : l.kind === 'patient_payment' ? 'patientPaidCents' : 'adjustmentsCents';
      const amount = l.kind === 'charge' ? l.amountCents : -l.amountCents;
      summary[key] += amount;
      if (v) v[key] += amount;
    }
    let workflow: unknown = null;
    let workflowError: string | null = null;
    if (account.workflowId) {
      try {
        workflow = await this.temporal.workflow.getHandle(account.workflowId).query(stateQuery);
      } catch (err) {
        // A closed workflow cannot answer queries on some servers; the ledger still tells the money.
        log.warn({ err: (err as Error).message, accountId: account.id }, 'workflow state unavailable');
        workflowError = account.balanceCents > 0 ? 'The workflow did not answer; try again shortly.' : 'The workflow has finished (balance resolved).';
      }
    }
    return {
      accountId: account.id,
      tenantId,
      clinicId,
      accountRef,
      clinic: clinic ? { name: clinic.name, timeZone: clinic.timeZone, phone: clinic.phone } : null,
      balanceCents: account.balanceCents,
      firstPositiveAt: account.firstPositiveAt?.toISOString() ?? null,
      holds: account.holds,
      guarantor: guarantor
        ? {
            firstName: guarantor.firstName,
            lastName: guarantor.lastName,
            dateOfBirth: guarantor.dateOfBirth ? String(guarantor.dateOfBirth).slice(0, 10) : null,
            email: guarantor.email,
            phone: guarantor.phone,
            postalAddress: guarantor.postalAddress,
            language: guarantor.language,
            timeZone: guarantor.timeZone ?? clinic?.timeZone ?? null,
            consent: { sms: guarantor.smsConsent, email: guarantor.emailConsent },
          }
        : null,
      summary,
      visits: [...visits.values()],
      ledger: lines.map((l) => ({ eventId: l.eventId, at: l.occurredAt.toISOString(), kind: l.kind, amountCents: l.amountCents, visitRef: l.visitRef, description: DESCRIPTIONS[l.kind] ?? l.kind })),
      workflowId: account.workflowId,
      workflow,
      workflowError,
    };
  }

  /**
   * Staff pause outreach pending a hardship review: the workflow's hardshipRequested signal (source staff) holds
   * outreach until staff verify or the wait ends. Repeating a requestId changes nothing (the workflow dedupes
   * by eventId).
   */
  @Post('accounts/by-id/:accountId/pause')
  @HttpCode(200)
  async pause(@Param('tenantId', ref('path.tenantId')) tenantId: string, @Param('accountId') accountId: string, @Body(new ZodValidationPipe(pauseBody)) body: z.infer<typeof pauseBody>) {
    if (!z.uuid().safeParse(accountId).success) throw new BadRequestException({ statusCode: 400, errors: [{ path: 'path.accountId', message: 'must be an account ID' }] });
    const account = await this.db.getRepository(Account).findOneBy({ tenantId, id: accountId });
    if (!account) throw new NotFoundException({ statusCode: 404, errors: [{ path: 'path.accountId', message: 'no such account' }] });
    if (!account.workflowId) throw new BadRequestException({ statusCode: 409, errors: [{ path: 'path.accountId', message: 'has no balance workflow to pause' }] });
    try {
      await this.temporal.workflow.getHandle(account.workflowId).signal(hardshipRequestedSignal, { eventId: `staff-pause:${body.requestId}`, requestId: body.requestId, source: 'staff' });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new NotFoundException({ statusCode: 404, errors: [{ path: 'path.accountId', message: 'its balance workflow has finished' }] });
      throw err;
    }
    return { paused: true, requestId: body.requestId };
  }
}
