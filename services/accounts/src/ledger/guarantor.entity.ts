import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export interface ConsentRecord {
  granted: boolean;
  at: string;
  source: string;
}

/** The person responsible for paying an account, with the contact points and consents we hold. */
@Entity({ name: 'guarantors' })
export class Guarantor {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ name: 'first_name', type: 'text', nullable: true })
  firstName: string | null;

  @Column({ name: 'last_name', type: 'text', nullable: true })
  lastName: string | null;

  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ name: 'time_zone', type: 'text', nullable: true })
  timeZone: string | null;

  @Column({ type: 'text', nullable: true })
  language: string | null;

  @Column({ name: 'postal_address', type: 'jsonb', nullable: true })
  postalAddress: Record<string, string> | null;

  @Column({ name: 'sms_consent', type: 'jsonb', nullable: true })
  smsConsent: ConsentRecord | null;

  @Column({ name: 'email_consent', type: 'jsonb', nullable: true })
  emailConsent: ConsentRecord | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
