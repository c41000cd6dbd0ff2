import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { domain } from '@courtesy/workflows';
import { createLogger } from '@courtesy/logging';
import { Clinic } from '../clinics/clinic.entity';
import { Account } from '../ledger/account.entity';
import { BalanceSignaller } from '../workflow/balance-signaller';
import { ClinicPolicy } from './clinic-policy.entity';

const log = createLogger('accounts.policies');

/** A refused policy: every problem named by field, nothing stored. */
export class PolicyRejected extends Error {
  constructor(readonly errors: { path: string; message: string }[]) {
    super(`policy refused: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  }
}
export class UnknownClinic extends Error {}

/** How many running balance workflows are told about a new version per page of the fan-out. */
const FAN_OUT_PAGE = 200;

@Injectable()
export class PoliciesService {
  constructor(
    @InjectDataSource() readonly db: DataSource,
    private readonly signaller: BalanceSignaller,
  ) {}

  /** The newest version, or null when the clinic runs on the default policy. */
  async current(em: EntityManager | DataSource, tenantId: string, clinicId: string): Promise<ClinicPolicy | null> {
    return em.getRepository(ClinicPolicy).findOne({ where: { tenantId, clinicId }, order: { version: 'DESC' } });
  }

  /**
   * Stores the next version. The version number and policy ID are the store's: callers send the rules only.
   * A missing `dayLengthMs` takes the clinic's day (seconds for a demo clinic).
   */
  async put(tenantId: string, clinicId: string, body: Record<string, unknown>, actor: string): Promise<ClinicPolicy> {
    const saved = await this.db.transaction(async (em) => {
      const clinic = await em.findOne(Clinic, { where: { tenantId, clinicId }, lock: { mode: 'pessimistic_write' } });
      if (!clinic) throw new UnknownClinic(`clinic ${clinicId} is not set up for tenant ${tenantId}`);
      const latest = await this.current(em, tenantId, clinicId);
      const version = (latest?.version ?? 0) + 1;
      const checked = domain.validatePolicy({
        dayLengthMs: clinic.dayLengthMs,
        ...body,
        policyId: typeof body.policyId === 'string' ? body.policyId : clinicId.toLowerCase(),
        version,
      });
      if (!checked.ok) {
        throw new PolicyRejected(
          checked.errors.map((e) => {
            const i = e.indexOf(': ');
            return { path: `body.${e.slice(0, i)}`, message: e.slice(i + 2) };
          }),
        );
      }
      const row = em.create(ClinicPolicy, { tenantId, clinicId, version, policy: checked.policy, createdBy: actor });
      await em.insert(ClinicPolicy, row);
      await em.insert('audit_log', {
        tenant_id: tenantId,
        actor,
        action: 'policy.versioned',
        subject: `clinic:${clinicId}`,
        details: { version },
      });
      return row;
    });
    // Running workflows hear of it by signal and apply it from their next step. Best effort in the
    // background: a workflow that misses it keeps its snapshot, which is still a valid policy.
    void this.fanOut(saved).catch((err) => log.error({ err, tenantId, clinicId, version: saved.version }, 'policy fan-out failed'));
    return saved;
  }

  private async fanOut(p: ClinicPolicy): Promise<void> {
    let after = '';
    let told = 0;
    for (;;) {
      const page = await this.db
        .getRepository(Account)
        .createQueryBuilder('a')
        .select(['a.id', 'a.workflowId'])
        .where('a.tenant_id = :t and a.clinic_id = :c and a.workflow_id is not null and a.id > :after', {
          t: p.tenantId,
          c: p.clinicId,
          after: after || '00000000-0000-0000-0000-000000000000',
        })
        .orderBy('a.id')
        .limit(FAN_OUT_PAGE)
        .getMany();
      for (const account of page) {
        if (await this.signaller.policyChanged(account.workflowId!, p.policy, `policy:${p.clinicId}:${p.version}`)) told++;
      }
      if (page.length < FAN_OUT_PAGE) break;
      after = page[page.length - 1]!.id;
    }
    log.info({ tenantId: p.tenantId, clinicId: p.clinicId, version: p.version, workflows: told }, 'policy version signalled');
  }
}
