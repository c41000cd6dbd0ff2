import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An integrator's API key, scoped to one tenant and a set of its clinics. Only a hash of the secret is kept. */
@Entity({ name: 'integrator_keys' })
export class IntegratorKey {
  @PrimaryColumn({ name: 'key_id', type: 'text' })
  keyId: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId: string;

  @Column({ name: 'clinic_ids', type: 'text', array: true })
  clinicIds: string[];

  @Column({ type: 'text' })
  label: string;

  @Column({ name: 'secret_hash', type: 'text' })
  secretHash: string;

  /** Shared secret for the optional HMAC body signature; null when the integrator does not sign. */
  @Column({ name: 'signing_secret', type: 'text', nullable: true })
  signingSecret: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
