import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { central, distProblems, FRACTION, NON_NEGATIVE, support, ANY } from './dist.ts';
import type { Dist } from './model.ts';

describe('distProblems', () => {
  it.each<[Dist, string]>([
    [{ dist: 'normal', mean: 1, sd: 0 }, 'sd'],
    [{ dist: 'normal', mean: 5, sd: 1, min: 6, max: 9 }, 'mean'],
    [{ dist: 'lognormal', median: 0, sigma: 1 }, 'median'],
    [{ dist: 'lognormal', median: 1, sigma: -1 }, 'sigma'],
    [{ dist: 'triangular', min: 1, mode: 0, max: 2 }, 'mode'],
    [{ dist: 'triangular', min: 2, mode: 2, max: 2 }, 'max'],
    [{ dist: 'uniform', min: 3, max: 3 }, 'max'],
    [{ dist: 'beta', alpha: 0, beta: 1 }, 'alpha'],
    [{ dist: 'beta', alpha: 1, beta: 1, min: 2, max: 1 }, 'max'],
  ])('rejects %j at %s', (d, param) => {
    expect(distProblems(d, ANY).map((p) => p.param)).toContain(param);
  });

  it('rejects a distribution that leaves the quantity range', () => {
    expect(distProblems({ dist: 'normal', mean: 0.5, sd: 0.1 }, FRACTION)[0]?.message).toBe(
      'this quantity cannot be below 0, but the normal distribution reaches -infinity (add min: 0 to truncate it)',
    );
    expect(distProblems({ dist: 'normal', mean: 0.5, sd: 0.1, min: 0, max: 1 }, FRACTION)).toEqual([]);
    expect(distProblems({ dist: 'uniform', min: -1, max: 3 }, NON_NEGATIVE)[0]?.param).toBe('min');
    expect(distProblems({ dist: 'lognormal', median: 0.5, sigma: 0.2 }, FRACTION)[0]?.message).toMatch(/cannot exceed 1/);
    expect(distProblems({ dist: 'beta', alpha: 2, beta: 3 }, FRACTION)).toEqual([]);
  });

  it('accepts every well-formed triangular distribution, and its mean lies in its support', () => {
    fc.assert(
      fc.property(
        fc.tuple(
          fc.double({ noNaN: true, min: -1e9, max: 1e9 }),
          fc.double({ noNaN: true, min: -1e9, max: 1e9 }),
          fc.double({ noNaN: true, min: 0, max: 1 }),
        ),
        ([a, b, t]) => {
          fc.pre(a !== b);
          const [min, max] = a < b ? [a, b] : [b, a];
          const mode = Math.min(max, Math.max(min, min + t * (max - min)));
          const d: Dist = { dist: 'triangular', min, mode, max };
          expect(distProblems(d, ANY)).toEqual([]);
          const c = central(d);
          const s = support(d);
          expect(c).toBeGreaterThanOrEqual(s.min! - 1e-6 * Math.abs(s.min!));
          expect(c).toBeLessThanOrEqual(s.max! + 1e-6 * Math.abs(s.max!));
        },
      ),
      { seed: 7, numRuns: 500 },
    );
  });
});

describe('central', () => {
  it('gives the mean of each distribution', () => {
    expect(central(4)).toBe(4);
    expect(central({ value: 4, source: 's' })).toBe(4);
    expect(central({ dist: 'normal', mean: 3, sd: 1 })).toBe(3);
    expect(central({ dist: 'uniform', min: 2, max: 4 })).toBe(3);
    expect(central({ dist: 'triangular', min: 0, mode: 3, max: 6 })).toBe(3);
    expect(central({ dist: 'beta', alpha: 1, beta: 3, min: 0, max: 8 })).toBe(2);
    expect(central({ dist: 'lognormal', median: 1, sigma: 1 })).toBeCloseTo(Math.exp(0.5), 12);
  });
});
