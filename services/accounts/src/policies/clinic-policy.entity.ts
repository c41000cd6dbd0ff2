import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { domain } from '@courtesy/workflows';

/**
 * One version of a clinic's collection policy. Versions are never edited: a change is a new row, so every
 * balance workflow can say which version it followed (the number travels in each outreach attempt).
 */
@Entity({ name: 'clinic_policies' })
export class ClinicPolicy {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId: string;

  @PrimaryColumn({ name: 'clinic_id', type: 'text' })
  clinicId: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  /** The validated policy with defaults filled in (what workflows snapshot). */
  @Column({ type: 'jsonb' })
  policy: domain.CollectionPolicy;

  /** Opaque operator identity from the admin request, for the audit trail. */
  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
