import type { SqlRunner } from '@courtesy/kafka';

/** TypeORM's postgres driver answers UPDATE/DELETE with [rows, count] and everything else with rows. */
export async function rows<T>(tx: SqlRunner, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await tx.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

export const dateOnly = (d: Date | string | null): string | null =>
  d === null ? null : (typeof d === 'string' ? new Date(d) : d).toISOString().slice(0, 10);
