import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { timingSafeEqual } from 'node:crypto';
import { AccountsAdminGuard } from '../admin/admin.guard';
import { Clinic } from '../clinics/clinic.entity';
import { Account } from '../ledger/account.entity';
import { Guarantor } from '../ledger/guarantor.entity';
import { LedgerEntry } from '../ledger/ledger-entry.entity';
import { ClinicPolicy } from '../policies/clinic-policy.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Service-to-service API for the pay page (payments): what the patient sees after the identity check, and the
 * check itself. The date of birth never leaves accounts: payments sends the patient's answer and gets yes or no.
 */
@Controller('internal/pay-facts')
@UseGuards(AccountsAdminGuard)
export class PayFactsController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Accounts in credit (the ledger owes the patient) with their family's open balances at the same clinic, for
   * payments' weekly credit sweep. Family = the same guarantor surname at the same postal address and postcode.
   */
  @Get('credits/all')
  async credits() {
    const rows: Array<{ id: string; tenant_id: string; clinic_id: string; balance_cents: string; family: Array<{ accountId: string; balanceCents: number }> | null }> =
      await this.db.query(`
        select a.id, a.tenant_id, a.clinic_id, a.balance_cents,
          (select json_agg(json_build_object('accountId', f.id, 'balanceCents', f.balance_cents) order by f.balance_cents desc)
             from accounts f join guarantors fg on fg.account_id = f.id
            where f.tenant_id = a.tenant_id and f.clinic_id = a.clinic_id and f.id <> a.id and f.balance_cents > 0
              and lower(fg.last_name) = lower(g.last_name)
              and lower(fg.postal_address->>'line1') = lower(g.postal_address->>'line1')
              and fg.postal_address->>'postalCode' = g.postal_address->>'postalCode') as family
          from accounts a left join guarantors g on g.account_id = a.id
         where a.balance_cents < 0
         order by a.tenant_id, a.id
         limit 5000`);
    return rows.map((r) => ({
      tenantId: r.tenant_id,
      clinicId: r.clinic_id,
      accountId: r.id,
      creditCents: -Number(r.balance_cents),
      family: (r.family ?? []).map((f) => ({ accountId: f.accountId, balanceCents: Number(f.balanceCents) })),
    }));
  }

  @Get(':accountId')
  async facts(@Param('accountId') accountId: string) {
    const { account, clinic, guarantor } = await this.load(accountId);
    // The clinic's current policy decides which plan terms the page offers (null: the default policy).
    const policy = await this.db.getRepository(ClinicPolicy).findOne({ where: { tenantId: account.tenantId, clinicId: account.clinicId }, order: { version: 'DESC' } });
    const lines = await this.db.getRepository(LedgerEntry).find({ where: { accountId }, order: { id: 'ASC' } });
    const visits = new Map<string, { visitRef: string; firstAt: string; chargesCents: number; insurancePaidCents: number; adjustmentsCents: number }>();
    const summary = { chargesCents: 0, insurancePaidCents: 0, adjustmentsCents: 0, patientPaidCents: 0 };
    for (const l of lines) {
      const v = l.visitRef
        ? (visits.get(l.visitRef) ??
          visits.set(l.visitRef, { visitRef: l.visitRef, firstAt: l.occurredAt.toISOString(), chargesCents: 0, insurancePaidCents: 0, adjustmentsCents: 0 }).get(l.visitRef)!)
        : undefined;
      switch (l.kind) {
        case 'charge':
          summary.chargesCents += l.amountCents;
          if (v) v.chargesCents += l.amountCents;
          break;
        case 'insurance_paid':
          summary.insurancePaidCents -= l.amountCents;
          if (v) v.insurancePaidCents -= l.amountCents;
          break;
        case 'patient_payment':
          summary.patientPaidCents -= l.amountCents;
          break;
        default:
          summary.adjustmentsCents -= l.amountCents;
          if (v) v.adjustmentsCents -= l.amountCents;
      }
    }
    return {
      tenantId: account.tenantId,
      clinicId: account.clinicId,
      accountId: account.id,
      accountRef: account.accountRef,
      clinic: { name: clinic.name, phone: clinic.phone, timeZone: clinic.timeZone },
      language: guarantor?.language === 'es' ? 'es' : 'en',
      firstName: guarantor?.firstName ?? null,
      identityCheck: guarantor?.dateOfBirth ? 'date_of_birth' : 'account_last4',
      timeZone: guarantor?.timeZone ?? clinic.timeZone,
      balanceCents: account.balanceCents,
      policy: policy?.policy ?? null,
      summary: { visits: [...visits.values()], ...summary },
    };
  }

  @Post(':accountId/verify')
  @HttpCode(200)
  async verify(@Param('accountId') accountId: string, @Body() body: { answer?: unknown }) {
    const { account, guarantor } = await this.load(accountId);
    const answer = typeof body?.answer === 'string' ? body.answer.trim() : '';
    const expected = guarantor?.dateOfBirth ? String(guarantor.dateOfBirth).slice(0, 10) : account.accountRef.replace(/\D/g, '').slice(-4);
    return { ok: expected.length > 0 && sameText(answer, expected) };
  }

  private async load(accountId: string) {
    const notFound = () => new NotFoundException({ statusCode: 404, errors: [{ path: 'accountId', message: 'no such account' }] });
    if (!UUID.test(accountId)) throw notFound();
    const account = await this.db.getRepository(Account).findOneBy({ id: accountId });
    if (!account) throw notFound();
    const clinic = await this.db.getRepository(Clinic).findOneByOrFail({ tenantId: account.tenantId, clinicId: account.clinicId });
    const guarantor = await this.db.getRepository(Guarantor).findOneBy({ accountId });
    return { account, clinic, guarantor };
  }
}
