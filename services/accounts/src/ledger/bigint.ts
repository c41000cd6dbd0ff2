import type { ValueTransformer } from 'typeorm';

/** pg returns bigint as a string; cents never exceed 2^53, so a number is exact. */
export const centsColumn: ValueTransformer = {
  to: (v: number | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};
