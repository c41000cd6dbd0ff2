/**
 * Temporal's remote codec protocol: `POST /encode` and `POST /decode` take and return the proto3 JSON form of
 * `Payloads`, i.e. `{"payloads": [{"metadata": {"encoding": "<base64>"}, "data": "<base64>"}]}`. Temporal UI
 * and `temporal --codec-endpoint` speak it; this file only converts between that JSON and SDK payloads.
 */
import type { Payload } from '@temporalio/common';
import { z } from 'zod';

// proto3 JSON accepts standard and URL-safe base64, with or without padding.
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const base64 = z
  .string('must be a base64 string')
  .refine((s) => BASE64.test(s) && s.replace(/=+$/, '').length % 4 !== 1, 'must be base64');

const payloadJson = z.strictObject({
  metadata: z.record(z.string(), base64, 'must be an object of base64 strings').optional(),
  data: base64.optional(),
});

export const payloadsBody = z.object(
  {
    payloads: z
      .array(payloadJson, 'must be an array of payloads')
      .max(10_000, 'must hold at most 10000 payloads'),
  },
  'must be a JSON object {"payloads": [...]}',
);
export type PayloadsBody = z.infer<typeof payloadsBody>;
export type PayloadJson = PayloadsBody['payloads'][number];

const bytes = (b64: string) => Buffer.from(b64.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

export function fromJson(p: PayloadJson): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, bytes(v)])),
    data: bytes(p.data ?? ''),
  };
}

export function toJson(p: Payload): PayloadJson {
  return {
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
    ),
    data: Buffer.from(p.data ?? []).toString('base64'),
  };
}
