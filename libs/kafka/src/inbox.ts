import type { SqlRunner } from './outbox';

export const INBOX_DDL = `
create table if not exists inbox (
  event_id text primary key,
  topic text not null,
  received_at timestamptz not null default now()
);`;

/**
 * Records a consumed event in the same transaction as its effect. Returns false when the event was already
 * applied, so a redelivered message changes nothing.
 */
export async function claimInbox(tx: SqlRunner, eventId: string, topic: string): Promise<boolean> {
  const rows = await tx.query(
    'insert into inbox (event_id, topic) values ($1, $2) on conflict (event_id) do nothing returning event_id',
    [eventId, topic],
  );
  return rows.length === 1;
}
