import { Clinic } from './clinics/clinic.entity';
import { Account } from './ledger/account.entity';
import { Guarantor } from './ledger/guarantor.entity';
import { LedgerEntry } from './ledger/ledger-entry.entity';
import { Ledger1732240000000 } from './migrations/1732240000000-ledger';
import { AccountHolds1732250000000 } from './migrations/1732250000000-account-holds';

export const entities = [Clinic, Account, Guarantor, LedgerEntry];
export const migrations = [Ledger1732240000000, AccountHolds1732250000000];
