import { describe, expect, it } from 'vitest';
import { cdf } from './dist.ts';
import { Rng } from './rng.ts';
import { sampleDist } from './sample.ts';
import type { Dist } from './model.ts';

describe('cdf', () => {
  it('matches known values', () => {
    expect(cdf({ dist: 'uniform', min: 2, max: 6 }, 3)).toBe(0.25);
    expect(cdf({ dist: 'triangular', min: 0, mode: 1, max: 2 }, 1)).toBeCloseTo(0.5, 12);
    expect(cdf({ dist: 'normal', mean: 0, sd: 1 }, 1.959964)).toBeCloseTo(0.975, 6);
    expect(cdf({ dist: 'lognormal', median: 10, sigma: 0.5 }, 10)).toBeCloseTo(0.5, 6);
    expect(cdf({ dist: 'beta', alpha: 2, beta: 2 }, 0.5)).toBeCloseTo(0.5, 6);
    expect(cdf({ dist: 'beta', alpha: 2, beta: 1 }, 0.5)).toBeCloseTo(0.25, 4); // x²
  });

  it('is the share of draws at or below x (10,000 draws, every kind)', () => {
    const dists: Dist[] = [
      { dist: 'uniform', min: 0.3, max: 0.7 },
      { dist: 'triangular', min: 0.4, mode: 0.65, max: 0.85 },
      { dist: 'normal', mean: 5, sd: 2, min: 0, max: 9 },
      { dist: 'lognormal', median: 3, sigma: 0.4 },
      { dist: 'beta', alpha: 2, beta: 5, min: 10, max: 20 },
    ];
    const rng = Rng.seeded(4);
    for (const d of dists) {
      const xs = Array.from({ length: 10_000 }, () => sampleDist(d, rng)).sort((a, b) => a - b);
      for (const q of [0.1, 0.5, 0.9]) expect(cdf(d, xs[q * 10_000]!), `${d.dist} at its ${q} quantile`).toBeCloseTo(q, 1.6);
    }
  });
});
