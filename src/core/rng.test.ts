import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';

// Outputs of the authors' reference C code with the same seeding (test/fixtures/rng/xoshiro128starstar.c).
const reference = JSON.parse(readFileSync(new URL('../../test/fixtures/rng/reference-outputs.json', import.meta.url), 'utf8')) as Record<
  string,
  number[]
>;

describe('Rng (xoshiro128**)', () => {
  it('reproduces the published sequence from the state {1, 2, 3, 4}', () => {
    const rng = Rng.fromState([1, 2, 3, 4]);
    expect(Array.from({ length: 6 }, () => rng.nextU32())).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it.each(Object.keys(reference))('matches the reference C implementation seeded with %s', (seed) => {
    const rng = Rng.seeded(Number(seed));
    expect(Array.from({ length: 8 }, () => rng.nextU32())).toEqual(reference[seed]);
  });

  it('is a value: restoring its state replays the same draws', () => {
    const a = Rng.seeded(7);
    for (let i = 0; i < 100; i++) a.next();
    const b = Rng.fromState(a.state());
    expect(Array.from({ length: 50 }, () => a.next())).toEqual(Array.from({ length: 50 }, () => b.next()));
  });

  it('derives independent, reproducible streams per (seed, index)', () => {
    const first = (r: Rng) => Array.from({ length: 4 }, () => r.nextU32());
    expect(first(Rng.derive(1, 5))).toEqual(first(Rng.derive(1, 5)));
    const streams = new Set(Array.from({ length: 1000 }, (_, i) => first(Rng.derive(1, i)).join(',')));
    expect(streams.size).toBe(1000);
    expect(first(Rng.derive(1, 0))).not.toEqual(first(Rng.derive(2, 0)));
  });

  it('gives uniform floats in [0, 1) and unbiased integers', () => {
    const rng = Rng.seeded(99);
    const n = 200_000;
    const bins = new Array<number>(10).fill(0);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      bins[Math.floor(u * 10)]!++;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    // Chi-square with 9 degrees of freedom: 27.88 is the 0.999 quantile.
    const chi2 = bins.reduce((a, b) => a + (b - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.88);
    const counts = new Array<number>(3).fill(0);
    for (let i = 0; i < 30_000; i++) counts[rng.int(3)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });
});
