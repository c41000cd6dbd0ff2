import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'clinics' })
export class Clinic {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId: string;

  @PrimaryColumn({ name: 'clinic_id', type: 'text' })
  clinicId: string;

  @Column({ type: 'text' })
  name: string;

  /** IANA zone; a patient without a known zone is contacted by the clinic's local clock. */
  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  /** A cadence "day": 86,400,000 ms in production, seconds for a demo clinic. */
  @Column({ name: 'day_length_ms', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  dayLengthMs: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
