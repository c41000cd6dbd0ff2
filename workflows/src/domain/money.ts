/**
 * Money is integer cents. Floating-point dollars lose cents in sums and splits, and a ledger that is off
 * by one cent cannot be reconciled with the EHR, so anything that is not a whole number of cents is refused.
 */

/**
 * $1,000,000.00, the same bound as `MAX_CENTS` in @courtesy/contracts (repeated here so workflow code does
 * not pull the event contracts into the sandbox bundle). It also keeps `cents × percent` products far below
 * Number.MAX_SAFE_INTEGER, so discount arithmetic never loses precision.
 */
export const MAX_CENTS = 100_000_000;

/** A reason why `value` is not an amount of cents in [min, MAX_CENTS], or undefined when it is. */
export function centsProblem(value: unknown, min = 0): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number of cents';
  if (!Number.isInteger(value)) return 'must be a whole number of cents (1250 for $12.50), not a fraction';
  if (value < min) return min === 0 ? 'must not be negative' : `must be at least ${min} cents`;
  if (value > MAX_CENTS) return `must be at most ${MAX_CENTS} cents`;
  return undefined;
}

/**
 * Throws on invalid money. Used where a bad amount is a programming error (an amount the workflow itself
 * holds), not a request to answer: a thrown error fails the workflow task loudly instead of scheduling
 * a wrong charge.
 */
export function assertCents(value: number, field: string, min = 0): void {
  const problem = centsProblem(value, min);
  if (problem !== undefined) throw new RangeError(`${field}: ${problem} (got ${String(value)})`);
}

/**
 * Splits `totalCents` into `parts` amounts that sum exactly to the total. The whole remainder goes on the
 * FIRST part: every later installment is the same amount, which is what the patient sees on the plan page,
 * in each reminder and on each card charge; and if a plan defaults early, more of it has been collected.
 */
export function splitCents(totalCents: number, parts: number): number[] {
  assertCents(totalCents, 'totalCents');
  if (!Number.isSafeInteger(parts) || parts < 1)
    throw new RangeError(`parts: must be a positive integer (got ${parts})`);
  const base = Math.floor(totalCents / parts);
  const remainder = totalCents - base * parts;
  return Array.from({ length: parts }, (_, i) => (i === 0 ? base + remainder : base));
}

/** `pct` percent of `cents`, rounded down, so a computed discount never exceeds what policy allows. */
export function percentOfCents(cents: number, pct: number): number {
  assertCents(cents, 'cents');
  if (!Number.isInteger(pct) || pct < 0 || pct > 100) {
    throw new RangeError(`pct: must be a whole percent between 0 and 100 (got ${pct})`);
  }
  return Math.floor((cents * pct) / 100);
}
