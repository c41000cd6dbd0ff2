import { Clinic } from './clinics/clinic.entity';
import { Account } from './ledger/account.entity';
import { Guarantor } from './ledger/guarantor.entity';
import { LedgerEntry } from './ledger/ledger-entry.entity';
import { Ledger1732240000000 } from './migrations/1732240000000-ledger';
import { AccountHolds1732250000000 } from './migrations/1732250000000-account-holds';
import { ClinicPolicies1733160000000 } from './migrations/1733160000000-clinic-policies';
import { WorkflowSignalOutbox1733200000000 } from './migrations/1733200000000-workflow-signal-outbox';
import { StaffWork1733300000000 } from './migrations/1733300000000-staff-work';
import { ScorecardFacts1733310000000 } from './migrations/1733310000000-scorecard-facts';
import { ClinicPolicy } from './policies/clinic-policy.entity';

export const entities = [Clinic, Account, Guarantor, LedgerEntry, ClinicPolicy];
export const migrations = [Ledger1732240000000, AccountHolds1732250000000, ClinicPolicies1733160000000, WorkflowSignalOutbox1733200000000, StaffWork1733300000000, ScorecardFacts1733310000000];
