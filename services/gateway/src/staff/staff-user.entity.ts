import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { StaffRole } from './staff-principal';

/** A person who signs in to the staff console; belongs to one tenant, sees its clinics by `clinicIds`. */
@Entity({ name: 'staff_users' })
export class StaffUser {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId: string;

  /** Lower-cased; unique across tenants so sign-in needs only email and password. */
  @Column({ type: 'text' })
  email: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text' })
  role: StaffRole;

  /** null: every clinic of the tenant. */
  @Column({ name: 'clinic_ids', type: 'text', array: true, nullable: true })
  clinicIds: string[] | null;

  /** 'password' today; an SSO provider later signs users in without a password hash. */
  @Column({ type: 'text', default: 'password' })
  provider: string;

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash: string | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
