import type { Producer } from 'kafkajs';
import type { Logger } from '@courtesy/logging';

/** Minimal query surface so the relay works with a TypeORM DataSource, a pg Pool or a transaction. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<any>;
}

export interface OutboxMessage {
  topic: string;
  key: string;
  headers: Record<string, string>;
  payload: unknown;
}

/** DDL for a service's outbox table; each service creates it in its own schema through a migration. */
export const OUTBOX_DDL = `
create table if not exists outbox (
  id bigserial primary key,
  topic text not null,
  message_key text not null,
  headers jsonb not null default '{}',
  payload jsonb not null,
  created_at timestamptz not null default now(),
  published_at timestamptz
);
create index if not exists outbox_unpublished on outbox (id) where published_at is null;`;

/** Written in the same transaction as the data it describes, so a fact is published if and only if it happened. */
export async function enqueueOutbox(tx: SqlRunner, messages: OutboxMessage[]): Promise<void> {
  for (const m of messages) {
    await tx.query('insert into outbox (topic, message_key, headers, payload) values ($1, $2, $3, $4)', [
      m.topic,
      m.key,
      JSON.stringify(m.headers),
      JSON.stringify(m.payload),
    ]);
  }
}

/**
 * Publishes outbox rows in id order. Rows are locked with SKIP LOCKED so several replicas can relay
 * without publishing one row twice at the same time; a crash between send and mark re-sends, which
 * consumers absorb through their inbox (at-least-once, effectively once).
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly db: { transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> },
    private readonly producer: Producer,
    private readonly log: Logger,
    private readonly intervalMs = 200,
    private readonly batchSize = 200,
  ) {}

  start(): void {
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.drain()
        .catch((err) => this.log.error({ err }, 'outbox relay failed; retrying'))
        .then(() => undefined);
      await this.running;
      if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
    };
    void tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Publishes everything pending; returns how many rows went out. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.db.transaction(async (tx) => {
        const rows: Array<{ id: string; topic: string; message_key: string; headers: Record<string, string>; payload: unknown }> =
          await tx.query(
            'select id, topic, message_key, headers, payload from outbox where published_at is null order by id limit $1 for update skip locked',
            [this.batchSize],
          );
        if (rows.length === 0) return 0;
        const byTopic = new Map<string, typeof rows>();
        for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
        await this.producer.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, rs]) => ({
            topic,
            messages: rs.map((r) => ({ key: r.message_key, value: JSON.stringify(r.payload), headers: r.headers })),
          })),
        });
        await tx.query('update outbox set published_at = now() where id = any($1::bigint[])', [rows.map((r) => r.id)]);
        return rows.length;
      });
      total += sent;
      if (sent < this.batchSize) return total;
    }
  }
}
