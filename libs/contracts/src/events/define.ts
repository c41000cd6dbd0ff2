import { z } from 'zod';
import { reason } from '../errors';
import { eventId, instant, ref } from '../primitives';

/** Every event type is at version 1; a breaking change to one type adds its version 2 beside it. */
export const DATA_SCHEMA_VERSION = 1 as const;

/** Fields every event's `data` starts with: its version, and the account it belongs to (the Kafka key). */
export const dataFields = <S extends z.core.$ZodLooseShape>(shape: S) => ({
  schemaVersion: z
    .literal(DATA_SCHEMA_VERSION, {
      error: reason(`must be ${DATA_SCHEMA_VERSION} (the only version of this event's data)`),
    })
    .meta({ description: "Version of this event type's data schema." }),
  accountRef: ref("The patient account (guarantor account) in the integrator's system."),
  ...shape,
});

/**
 * A field whose plausibility depends on the request's `now`, checked by the parser after the schema:
 * `instant` may be at most the allowed clock skew ahead, `date` may not be after today.
 * Paths are inside `data`.
 */
export interface TimeCheck {
  path: readonly string[];
  kind: 'instant' | 'date';
}

export const envelopeFields = {
  id: eventId,
  occurredAt: instant(
    'When it happened in the source system. Rejected when more than 5 minutes ahead of our clock ' +
      '(clock skew) or before 1990.',
  ),
  clinicId: ref("The clinic in the integrator's system; the API key must be scoped to it."),
};

const pascal = (type: string) =>
  type
    .split(/[._]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

export function defineEvent<
  const T extends string,
  D extends z.ZodType<{ schemaVersion: 1; accountRef: string }>,
>(type: T, data: D, opts: { description: string; timeChecks?: readonly TimeCheck[] }) {
  const schema = z
    .strictObject({
      id: envelopeFields.id,
      type: z.literal(type).meta({ description: 'Event type.' }),
      occurredAt: envelopeFields.occurredAt,
      clinicId: envelopeFields.clinicId,
      data,
    })
    .meta({ id: `${pascal(type)}Event`, title: type, description: opts.description });
  return { type, version: DATA_SCHEMA_VERSION, data, schema, timeChecks: opts.timeChecks ?? [] } as const;
}

export const dataMeta = (type: string, description: string) => ({
  id: `${pascal(type)}Data`,
  description: `${description} (${type}, data schema version ${DATA_SCHEMA_VERSION})`,
});
