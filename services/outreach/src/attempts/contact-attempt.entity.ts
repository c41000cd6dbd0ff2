import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AttemptStatus = 'sending' | 'sent' | 'deferred' | 'blocked' | 'failed';

/** Every attempt to reach a patient, written before the send so a retried activity never sends twice. */
@Entity({ name: 'contact_attempts' })
export class ContactAttempt {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** Workflow ID + step + attempt. */
  @Column({ name: 'attempt_key', type: 'text', unique: true })
  attemptKey: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId: string;

  @Column({ name: 'clinic_id', type: 'text' })
  clinicId: string;

  @Column({ name: 'account_id', type: 'text' })
  accountId: string;

  @Column({ type: 'text' })
  channel: 'sms' | 'email' | 'letter' | 'call';

  @Column({ name: 'template_key', type: 'text' })
  templateKey: string;

  @Column({ name: 'template_version', type: 'int', nullable: true })
  templateVersion: number | null;

  @Column({ type: 'text' })
  status: AttemptStatus;

  /** Which rule allowed, deferred or blocked the attempt, under which policy version. */
  @Column({ type: 'jsonb' })
  decision: Record<string, unknown>;

  @Column({ name: 'provider_message_id', type: 'text', nullable: true })
  providerMessageId: string | null;

  @Column({ name: 'cost_cents', type: 'int', nullable: true })
  costCents: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
