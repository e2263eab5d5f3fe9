import { describe, expect, it } from 'vitest';
import { central } from './dist.ts';
import type { Dist } from './model.ts';
import { Rng } from './rng.ts';
import { sample, sampleDist } from './sample.ts';

const N = 100_000;

function moments(d: Dist, seed = 1) {
  const rng = Rng.seeded(seed);
  let sum = 0;
  let sq = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < N; i++) {
    const x = sampleDist(d, rng);
    sum += x;
    sq += x * x;
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  const mean = sum / N;
  return { mean, sd: Math.sqrt(sq / N - mean * mean), min, max };
}

describe('sampling distributions', () => {
  it.each<[Dist, number]>([
    [{ dist: 'normal', mean: 10, sd: 2 }, 2],
    [{ dist: 'uniform', min: 520_000, max: 700_000 }, 180_000 / Math.sqrt(12)],
    [
      { dist: 'triangular', min: 641_000, mode: 730_000, max: 941_000 },
      Math.sqrt((641 ** 2 + 730 ** 2 + 941 ** 2 - 641 * 730 - 641 * 941 - 730 * 941) / 18) * 1000,
    ],
    [{ dist: 'beta', alpha: 6, beta: 4 }, Math.sqrt((6 * 4) / (10 * 10 * 11))],
    [{ dist: 'beta', alpha: 0.5, beta: 0.5, min: 2, max: 4 }, 2 * Math.sqrt(0.25 / 2)],
    [{ dist: 'lognormal', median: 100, sigma: 0.5 }, 100 * Math.sqrt((Math.exp(0.25) - 1) * Math.exp(0.25))],
  ])('%j has the right mean and spread', (d, sd) => {
    const m = moments(d);
    const tolerance = (4 * sd) / Math.sqrt(N);
    expect(Math.abs(m.mean - central(d))).toBeLessThan(tolerance);
    expect(Math.abs(m.sd - sd) / sd).toBeLessThan(0.03);
  });

  it('stays inside the support, truncation included', () => {
    const t = moments({ dist: 'normal', mean: 0.5, sd: 0.3, min: 0, max: 1 });
    expect(t.min).toBeGreaterThanOrEqual(0);
    expect(t.max).toBeLessThanOrEqual(1);
    const tri = moments({ dist: 'triangular', min: 50, mode: 50, max: 90 });
    expect(tri.min).toBeGreaterThanOrEqual(50);
    expect(tri.max).toBeLessThanOrEqual(90);
  });

  it('passes plain and sourced values through without drawing', () => {
    const rng = Rng.seeded(3);
    const before = rng.state();
    expect(sample(5, rng)).toBe(5);
    expect(sample({ value: 7, source: 'x' }, rng)).toBe(7);
    expect(rng.state()).toEqual(before);
  });

  it('is reproducible for a seed', () => {
    const d: Dist = { dist: 'beta', alpha: 2, beta: 5 };
    const draw = (seed: number) => {
      const rng = Rng.seeded(seed);
      return Array.from({ length: 10 }, () => sampleDist(d, rng));
    };
    expect(draw(11)).toEqual(draw(11));
    expect(draw(11)).not.toEqual(draw(12));
  });
});
