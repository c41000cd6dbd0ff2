import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { centsColumn } from './bigint';

export type LedgerKind = 'charge' | 'insurance_paid' | 'contractual_adjustment' | 'patient_payment' | 'adjustment';

/**
 * Signed amounts: charges increase what the patient owes, everything else decreases it. The patient's
 * responsibility is the sum of an account's entries.
 */
@Entity({ name: 'ledger_entries' })
export class LedgerEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ name: 'event_id', type: 'text' })
  eventId: string;

  @Column({ type: 'text' })
  kind: LedgerKind;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: centsColumn })
  amountCents: number;

  @Column({ name: 'visit_ref', type: 'text', nullable: true })
  visitRef: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
