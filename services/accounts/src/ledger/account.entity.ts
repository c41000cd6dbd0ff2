import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { centsColumn } from './bigint';

export interface AccountHolds {
  openDisputes?: string[];
  insuranceHold?: boolean;
  mailReturned?: boolean;
}

/** One patient account at one clinic; its balance is what the ledger says. */
@Entity({ name: 'accounts' })
export class Account {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId: string;

  @Column({ name: 'clinic_id', type: 'text' })
  clinicId: string;

  @Column({ name: 'account_ref', type: 'text' })
  accountRef: string;

  @Column({ name: 'balance_cents', type: 'bigint', transformer: centsColumn })
  balanceCents: number;

  @Column({ name: 'first_positive_at', type: 'timestamptz', nullable: true })
  firstPositiveAt: Date | null;

  /** Facts that hold or shape outreach; the workflow hears them too. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  holds: AccountHolds;

  @Column({ name: 'workflow_id', type: 'text', nullable: true })
  workflowId: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
