/**
 * Uncertain numbers: parameter checks, support and central values of the distributions a scenario may use.
 * Sampling arrives with the engine's seeded generator; what is here is what validation and display need.
 */
import type { Dist, Num } from './model.ts';

/**
 * The interval a quantity may take; `null` bound = unbounded. With `exclusiveMin`, a plain value must exceed
 * `min`, while a distribution's support may touch it (the bound itself has probability zero).
 */
export interface Range {
  min: number | null;
  max: number | null;
  exclusiveMin?: boolean;
  /** Plain values must be whole numbers. */
  integer?: boolean;
}

export const ANY: Range = { min: null, max: null };
export const NON_NEGATIVE: Range = { min: 0, max: null };
export const POSITIVE: Range = { min: 0, max: null, exclusiveMin: true };
export const FRACTION: Range = { min: 0, max: 1 };
/** A rung of Kahn's escalation ladder (1965): 1..44. */
export const RUNG: Range = { min: 1, max: 44, integer: true };

export function isDist(n: Num): n is Dist {
  return typeof n === 'object' && 'dist' in n;
}

/** The support of a distribution: the smallest interval that holds every value it can produce. */
export function support(d: Dist): Range {
  switch (d.dist) {
    case 'normal':
      return { min: d.min ?? null, max: d.max ?? null };
    case 'lognormal':
      return { min: 0, max: null };
    case 'triangular':
    case 'uniform':
      return { min: d.min, max: d.max };
    case 'beta':
      return { min: d.min ?? 0, max: d.max ?? 1 };
  }
}

/**
 * Problems with a distribution's parameters, as messages naming the parameter (empty when sound).
 * `range` is what the quantity may be: a distribution whose support leaves it is impossible.
 */
export function distProblems(d: Dist, range: Range): { param: string; message: string }[] {
  const out: { param: string; message: string }[] = [];
  const bad = (param: string, message: string) => out.push({ param, message });
  switch (d.dist) {
    case 'normal':
      if (!(d.sd > 0)) bad('sd', `normal distribution needs sd > 0, got ${d.sd}`);
      if (d.min !== undefined && d.max !== undefined && !(d.min < d.max))
        bad('max', `truncation bounds need min < max, got min ${d.min} and max ${d.max}`);
      if (d.min !== undefined && d.max !== undefined && (d.mean < d.min || d.mean > d.max))
        bad('mean', `mean ${d.mean} lies outside the truncation bounds [${d.min}, ${d.max}]`);
      break;
    case 'lognormal':
      if (!(d.median > 0)) bad('median', `lognormal distribution needs median > 0, got ${d.median}`);
      if (!(d.sigma > 0)) bad('sigma', `lognormal distribution needs sigma > 0, got ${d.sigma}`);
      break;
    case 'triangular':
      if (!(d.min < d.max)) bad('max', `triangular distribution needs min < max, got min ${d.min} and max ${d.max}`);
      else if (d.mode < d.min || d.mode > d.max)
        bad('mode', `triangular distribution needs min <= mode <= max, got mode ${d.mode} outside [${d.min}, ${d.max}]`);
      break;
    case 'uniform':
      if (!(d.min < d.max)) bad('max', `uniform distribution needs min < max, got min ${d.min} and max ${d.max}`);
      break;
    case 'beta':
      if (!(d.alpha > 0)) bad('alpha', `beta distribution needs alpha > 0, got ${d.alpha}`);
      if (!(d.beta > 0)) bad('beta', `beta distribution needs beta > 0, got ${d.beta}`);
      if ((d.min ?? 0) >= (d.max ?? 1)) bad('max', `beta distribution needs min < max, got min ${d.min ?? 0} and max ${d.max ?? 1}`);
      break;
  }
  if (out.length > 0) return out;
  const s = support(d);
  if (range.min !== null && (s.min === null || s.min < range.min))
    bad(
      d.dist === 'normal' ? 'min' : d.dist === 'lognormal' ? 'dist' : 'min',
      `this quantity cannot be below ${range.min}, but the ${d.dist} distribution reaches ${s.min ?? '-infinity'}` +
        (d.dist === 'normal' && s.min === null ? ` (add min: ${range.min} to truncate it)` : ''),
    );
  if (range.max !== null && (s.max === null || s.max > range.max))
    bad(
      d.dist === 'normal' ? 'max' : d.dist === 'lognormal' ? 'dist' : 'max',
      `this quantity cannot exceed ${range.max}, but the ${d.dist} distribution reaches ${s.max ?? 'infinity'}` +
        (d.dist === 'normal' && s.max === null ? ` (add max: ${range.max} to truncate it)` : ''),
    );
  return out;
}

/** A value's central figure: the number itself, or the mean of its distribution (truncation ignored). */
export function central(n: Num): number {
  if (typeof n === 'number') return n;
  if (!isDist(n)) return n.value;
  switch (n.dist) {
    case 'normal':
      return n.mean;
    case 'lognormal':
      return n.median * Math.exp((n.sigma * n.sigma) / 2);
    case 'triangular':
      return (n.min + n.mode + n.max) / 3;
    case 'uniform':
      return (n.min + n.max) / 2;
    case 'beta': {
      const lo = n.min ?? 0;
      const hi = n.max ?? 1;
      return lo + ((hi - lo) * n.alpha) / (n.alpha + n.beta);
    }
  }
}

/** Whether a plain or sourced value lies in a range (distributions are checked by `distProblems`). */
export function inRange(x: number, r: Range): boolean {
  return (r.min === null || x >= r.min) && (r.max === null || x <= r.max);
}

/**
 * The cumulative distribution function: the share of the distribution at or below `x` — a value's rank in its
 * distribution, which makes a correlation with it a rank correlation (Spearman's, in the population).
 * Normal and log-normal by the error function (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7), truncation renormalised;
 * beta by Simpson's rule on its density (400 intervals).
 */
export function cdf(d: Dist, x: number): number {
  const clamp = (p: number) => Math.min(1, Math.max(0, p));
  switch (d.dist) {
    case 'uniform':
      return clamp((x - d.min) / (d.max - d.min));
    case 'triangular': {
      if (x <= d.min) return 0;
      if (x >= d.max) return 1;
      const span = d.max - d.min;
      return x <= d.mode ? (x - d.min) ** 2 / (span * (d.mode - d.min || 1)) : 1 - (d.max - x) ** 2 / (span * (d.max - d.mode || 1));
    }
    case 'normal': {
      const phi = (v: number) => normalCdf((v - d.mean) / d.sd);
      const lo = d.min === undefined ? 0 : phi(d.min);
      const hi = d.max === undefined ? 1 : phi(d.max);
      return clamp((phi(x) - lo) / (hi - lo));
    }
    case 'lognormal':
      return x <= 0 ? 0 : normalCdf(Math.log(x / d.median) / d.sigma);
    case 'beta': {
      const lo = d.min ?? 0;
      const hi = d.max ?? 1;
      const u = clamp((x - lo) / (hi - lo));
      return clamp(betaIntegral(d.alpha, d.beta, u) / betaIntegral(d.alpha, d.beta, 1));
    }
  }
}

export function normalCdf(z: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(z)) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** ∫₀ᵘ t^(a-1) (1-t)^(b-1) dt by Simpson's rule (endpoint singularities for a or b < 1 are stepped around). */
function betaIntegral(a: number, b: number, u: number): number {
  if (u <= 0) return 0;
  const n = 400;
  const h = u / n;
  const f = (t: number) => {
    const s = Math.min(Math.max(t, 1e-9), 1 - 1e-9);
    return Math.pow(s, a - 1) * Math.pow(1 - s, b - 1);
  };
  let sum = f(0) + f(u);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(i * h);
  return (sum * h) / 3;
}
