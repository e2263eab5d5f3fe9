/**
 * Drawing uncertain scenario values: one draw per Monte Carlo run, from the run's own generator.
 *
 * - normal: Marsaglia's polar method; truncation by rejection (at most 1,000 tries, then the nearer bound);
 * - lognormal: median · exp(sigma · z);
 * - triangular: inverse of the CDF;
 * - uniform: min + (max − min) · u;
 * - beta: X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta) (Marsaglia & Tsang 2000, with the u^(1/a)
 *   boost for shape < 1), scaled to [min, max].
 */
import { isDist } from './dist.ts';
import type { Dist, Num } from './model.ts';
import type { Rng } from './rng.ts';

/** A standard normal deviate (Marsaglia polar method). */
export function standardNormal(rng: Rng): number {
  for (;;) {
    const u = 2 * rng.next() - 1;
    const v = 2 * rng.next() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/** A Gamma(shape, 1) deviate (Marsaglia & Tsang 2000). */
export function gamma(shape: number, rng: Rng): number {
  if (shape < 1) return gamma(shape + 1, rng) * Math.pow(1 - rng.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

const MAX_REJECTIONS = 1000;

export function sampleDist(d: Dist, rng: Rng): number {
  switch (d.dist) {
    case 'normal': {
      const lo = d.min ?? -Infinity;
      const hi = d.max ?? Infinity;
      for (let i = 0; i < MAX_REJECTIONS; i++) {
        const x = d.mean + d.sd * standardNormal(rng);
        if (x >= lo && x <= hi) return x;
      }
      return Math.min(hi, Math.max(lo, d.mean));
    }
    case 'lognormal':
      return d.median * Math.exp(d.sigma * standardNormal(rng));
    case 'triangular': {
      const u = rng.next();
      const { min, mode, max } = d;
      const f = (mode - min) / (max - min);
      return u < f ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
    }
    case 'uniform':
      return d.min + (d.max - d.min) * rng.next();
    case 'beta': {
      const x = gamma(d.alpha, rng);
      const y = gamma(d.beta, rng);
      const lo = d.min ?? 0;
      const hi = d.max ?? 1;
      return lo + (hi - lo) * (x / (x + y));
    }
  }
}

/** A number for this run: plain and sourced values as they are, distributions drawn. */
export function sample(n: Num, rng: Rng): number {
  if (typeof n === 'number') return n;
  return isDist(n) ? sampleDist(n, rng) : n.value;
}
