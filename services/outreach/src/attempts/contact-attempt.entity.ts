import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** pending: written, not yet decided; sending: handed (maybe) to the provider; the rest are outcomes. */
export type AttemptStatus = 'pending' | 'sending' | 'sent' | 'deferred' | 'blocked' | 'failed';

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

  @Column({ name: 'workflow_id', type: 'text', nullable: true })
  workflowId: string | null;

  @Column({ name: 'step_key', type: 'text', nullable: true })
  stepKey: string | null;

  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  @Column({ type: 'text', nullable: true })
  language: string | null;

  @Column({ name: 'policy_version', type: 'text', nullable: true })
  policyVersion: string | null;

  /** Where it went (E.164 phone, email, or a postal summary); outreach's own data, never logged. */
  @Column({ type: 'text', nullable: true })
  destination: string | null;

  /** The rule that decided (allow: `allowed`), with the plain-words explanation for staff. */
  @Column({ type: 'text', nullable: true })
  rule: string | null;

  @Column({ type: 'text', nullable: true })
  explanation: string | null;

  /** The AttemptOutcome returned to the workflow once final; a retry returns it unchanged. */
  @Column({ type: 'jsonb', nullable: true })
  outcome: Record<string, unknown> | null;

  /** While set and in the future, one activity execution owns the send. */
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'delivery_status', type: 'text', nullable: true })
  deliveryStatus: string | null;

  @Column({ name: 'delivery_error', type: 'text', nullable: true })
  deliveryError: string | null;

  @Column({ name: 'unsubscribe_token', type: 'text', nullable: true, unique: true })
  unsubscribeToken: string | null;

  @Column({ name: 'call_outcome', type: 'text', nullable: true })
  callOutcome: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
