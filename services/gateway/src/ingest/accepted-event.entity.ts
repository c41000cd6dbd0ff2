import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Idempotency record: an event ID is accepted once per tenant; a re-post gets the original answer. */
@Entity({ name: 'accepted_events' })
export class AcceptedEvent {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId: string;

  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId: string;

  @Column({ name: 'body_hash', type: 'text' })
  bodyHash: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'key_id', type: 'text' })
  keyId: string;

  @Column({ name: 'accepted_at', type: 'timestamptz' })
  acceptedAt: Date;
}
