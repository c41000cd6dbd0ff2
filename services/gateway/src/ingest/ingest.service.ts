import {
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  ServiceUnavailableException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { CoalescingSender } from '@courtesy/kafka';
import { createLogger } from '@courtesy/logging';
import { EHR_SCHEMA_VERSION, KafkaHeaders, Topics, type EhrEvent } from '@courtesy/contracts';
import type { IntegratorPrincipal } from '../integrators/integrators.service';
import { EVENT_SENDER } from '../kafka.providers';

const log = createLogger('gateway.ingest');

export interface EventStatus {
  id: string;
  status: 'accepted' | 'duplicate';
  acceptedAt: string;
}

/** What accounts consumes from `ehr.events.v1`: the integrator's event plus who sent it and when. */
export interface IngestedEvent {
  schemaVersion: number;
  tenantId: string;
  receivedAt: string;
  keyId: string;
  event: EhrEvent;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const accountKey = (tenantId: string, e: EhrEvent) => `${tenantId}/${e.clinicId}/${e.data.accountRef}`;

@Injectable()
export class IngestService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(EVENT_SENDER) private readonly sender: CoalescingSender,
  ) {}

  /**
   * Accepts a validated batch whole or not at all. New events are acknowledged by Kafka (idempotent producer,
   * acks from all replicas) before we answer 202; only then is the idempotency record written, so a crash in
   * between means the integrator retries and accounts' inbox absorbs the second copy.
   */
  async accept(principal: IntegratorPrincipal, events: EhrEvent[]): Promise<EventStatus[]> {
    const outOfScope = events
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => !principal.clinicIds.has(e.clinicId))
      .map(({ e, i }) => ({
        path: `events[${i}].clinicId`,
        message: `clinic "${e.clinicId}" is not in this API key's scope`,
      }));
    if (outOfScope.length) throw new ForbiddenException({ statusCode: 403, errors: outOfScope });

    // One statement with array parameters whatever the batch size: cheap to plan, no per-row placeholders.
    // Each event is serialised once: the same text is hashed for idempotency and embedded in the Kafka message.
    const texts = events.map((e) => JSON.stringify(e));
    const hashes = texts.map(sha256);
    const previous: Array<{ eventId: string; bodyHash: string; acceptedAt: Date }> = await this.db.query(
      `select event_id as "eventId", body_hash as "bodyHash", accepted_at as "acceptedAt"
         from accepted_events where tenant_id = $1 and event_id = any($2::text[])`,
      [principal.tenantId, events.map((e) => e.id)],
    );
    const byId = new Map(previous.map((p) => [p.eventId, p]));
    const conflicts = events
      .map((e, i) => ({ e, i, prev: byId.get(e.id) }))
      .filter(({ i, prev }) => prev && prev.bodyHash !== hashes[i])
      .map(({ e, i }) => ({
        path: `events[${i}].id`,
        message: `"${e.id}" was already accepted with different content`,
      }));
    if (conflicts.length) throw new ConflictException({ statusCode: 409, errors: conflicts });

    const freshIndexes = events.map((e, i) => (byId.has(e.id) ? -1 : i)).filter((i) => i >= 0);
    const fresh = freshIndexes.map((i) => events[i]!);
    const receivedAt = new Date();
    if (fresh.length) {
      const head = JSON.stringify({
        schemaVersion: EHR_SCHEMA_VERSION,
        tenantId: principal.tenantId,
        receivedAt: receivedAt.toISOString(),
        keyId: principal.keyId,
      } satisfies Omit<IngestedEvent, 'event'>);
      const messages = freshIndexes.map((i) => ({
        key: accountKey(principal.tenantId, events[i]!),
        // `head` with the event's text appended: the IngestedEvent JSON without serialising the event twice.
        value: `${head.slice(0, -1)},"event":${texts[i]}}`,
        headers: {
          [KafkaHeaders.tenantId]: principal.tenantId,
          [KafkaHeaders.eventType]: events[i]!.type,
          [KafkaHeaders.schemaVersion]: String(EHR_SCHEMA_VERSION),
          [KafkaHeaders.eventId]: events[i]!.id,
        },
      }));
      try {
        await this.sender.send(Topics.ehrEvents, messages);
      } catch (err) {
        // Nothing was recorded as accepted, so the integrator's retry of the same batch is safe.
        log.error(
          { err, tenantId: principal.tenantId, events: fresh.length },
          'kafka did not acknowledge the batch',
        );
        throw new ServiceUnavailableException({
          statusCode: 503,
          errors: [
            { path: 'events', message: 'could not be stored durably right now; retry the same request' },
          ],
        });
      }
      // Kafka's acknowledgement is what makes the events durable; this row only lets a re-post be answered as a
      // duplicate. Not waiting for its WAL flush saves a disk sync per request: a database crash could forget the
      // last instants of rows, and a re-post of those events would then be published again, which accounts' inbox
      // absorbs (it is keyed by the same tenant and event ID).
      await this.db.transaction(async (tx) => {
        await tx.query('set local synchronous_commit = off');
        await tx.query(
          `insert into accepted_events (tenant_id, event_id, body_hash, type, key_id, accepted_at)
         select $1, e.id, e.hash, e.type, $2, $3 from unnest($4::text[], $5::text[], $6::text[]) as e(id, hash, type)
         on conflict do nothing`,
          [
            principal.tenantId,
            principal.keyId,
            receivedAt,
            fresh.map((e) => e.id),
            freshIndexes.map((i) => hashes[i]),
            fresh.map((e) => e.type),
          ],
        );
      });
    }
    return events.map((e) => {
      const prev = byId.get(e.id);
      return prev
        ? { id: e.id, status: 'duplicate', acceptedAt: prev.acceptedAt.toISOString() }
        : { id: e.id, status: 'accepted', acceptedAt: receivedAt.toISOString() };
    });
  }
}
