import { assertCents, centsProblem, MAX_CENTS, percentOfCents, splitCents } from './money';

describe('splitCents', () => {
  it.each([
    [100, 3, [34, 33, 33]],
    [10, 3, [4, 3, 3]],
    [99, 3, [33, 33, 33]],
    [101, 3, [35, 33, 33]],
    [1, 1, [1]],
    [0, 3, [0, 0, 0]],
    [MAX_CENTS, 7, [14_285_716, 14_285_714, 14_285_714, 14_285_714, 14_285_714, 14_285_714, 14_285_714]],
  ])('%i cents in %i parts → %p (remainder on the first)', (total, parts, expected) => {
    const split = splitCents(total, parts);
    expect(split).toEqual(expected);
    expect(split.reduce((a, b) => a + b, 0)).toBe(total);
  });

  it.each([
    [-1, 2, /totalCents: must not be negative/],
    [1.5, 2, /totalCents: must be a whole number/],
    [MAX_CENTS + 1, 2, /totalCents: must be at most/],
    [Number.NaN, 2, /totalCents: must be a finite/],
    [10, 0, /parts/],
    [10, 1.5, /parts/],
  ])('rejects %p in %p parts', (total, parts, message) => {
    expect(() => splitCents(total, parts)).toThrow(message);
  });
});

describe('percentOfCents', () => {
  it.each([
    [999, 10, 99],
    [12_345, 33, 4_073],
    [12_345, 0, 0],
    [MAX_CENTS, 100, MAX_CENTS],
    [MAX_CENTS, 99, 99_000_000],
  ])('%i × %i%% = %i (rounded down)', (cents, pct, expected) => {
    expect(percentOfCents(cents, pct)).toBe(expected);
  });

  it.each([[101], [-1], [1.5]])('rejects %p percent', (pct) => {
    expect(() => percentOfCents(1000, pct)).toThrow(/pct/);
  });
});

describe('centsProblem / assertCents', () => {
  it.each([
    [0, 0, undefined],
    [MAX_CENTS, 0, undefined],
    [-5, -MAX_CENTS, undefined],
    [-1, 0, 'must not be negative'],
    [0, 1, 'must be at least 1 cents'],
    [0.1 + 0.2, 0, 'must be a whole number of cents (1250 for $12.50), not a fraction'],
    [MAX_CENTS + 1, 0, `must be at most ${MAX_CENTS} cents`],
    ['100', 0, 'must be a finite number of cents'],
    [Number.POSITIVE_INFINITY, 0, 'must be a finite number of cents'],
  ])('%p (min %p) → %p', (value, min, expected) => {
    expect(centsProblem(value, min)).toBe(expected);
  });

  it('assertCents names the field', () => {
    expect(() => assertCents(12.5, 'balanceCents')).toThrow('balanceCents: must be a whole number of cents');
    expect(() => assertCents(1250, 'balanceCents')).not.toThrow();
  });
});
