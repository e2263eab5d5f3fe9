/**
 * The finite range of every kind of number in the scenario language (docs/scenario-language.md, "Ranges"): valid
 * means runnable, so a figure the engine cannot carry to a finite result is refused when the scenario is read.
 */
import { z } from 'zod';
import type { Range } from '../core/dist.ts';
import type { Dist } from '../core/model.ts';
import { SAMPLER_REACH } from '../core/scenario/check.ts';

/**
 * The largest value of each kind of quantity (docs/scenario-language.md, "Ranges"): generous above any real figure,
 * and small enough that what the engine forms from them stays finite — troops × quality × firepower on a front
 * (10¹¹ × 100 × 3 × 1.5, summed over 200 actors: ~10¹⁶), person-days of fighting over the longest horizon (10¹¹ ×
 * 3.66 × 10⁶), stocks grown by production every turn for 10,000 turns (10¹² × 10⁴), a forecast's sums over runs.
 */
export const BOUNDS = {
  /** 100 billion: twelve times the world's population (8.1 billion in 2024). */
  persons: 1e11,
  /** Artillery rounds, in stock or per turn: the world makes a few million shells a year. */
  rounds: 1e12,
  /** A transfer's amount per turn, in its own unit (rounds, barrels, USD million, programmes). */
  amount: 1e12,
  /** USD bn a year: ~90 times the world's GDP (~USD 110 trillion in 2024). */
  usdBn: 1e7,
  /** Nuclear warheads: the world's stockpile peaked near 70,000 (1986). */
  warheads: 1e6,
  /** km²: the Earth's surface is 510 million km². */
  areaKm2: 1e9,
  /** km: the equator is 40,075 km; all the world's land borders together ~250,000 km. */
  lengthKm: 1e6,
  /** Days: the longest horizon is 10,000 turns of 366 days, 3.66 million days. */
  days: 1e7,
  /** A quality multiplier: 1 is a typical modern force. */
  quality: 100,
  /** A number of actors (a bandwagon's threshold, a condition's `by_at_least`), and the most a scenario may have. */
  actors: 200,
} as const;

/**
 * The smallest positive USD bn figure, USD 1 million: money given to an actor is weighed against its GDP
 * (src/core/engine/economy.ts), and a GDP of 1e-300 would turn any gift into an infinite boost.
 */
export const SMALLEST_USD_BN = 0.001;

/** A beta distribution's shape parameters: below 0.05 its gamma draws underflow to 0, above 500 its CDF does. */
export const BETA_SHAPE = { min: 0.05, max: 500 } as const;

/** A kind of quantity: the range the core checks (`min` and, for shares and rungs, `max`), and its finite bound. */
export interface Quantity {
  range: Range;
  max: number;
  /** A figure other than 0 is at least this. */
  smallest?: number;
}

export const quantity = (range: Range, max: number, smallest?: number): Quantity => ({
  range,
  max: range.max ?? max,
  ...(smallest === undefined ? {} : { smallest }),
});

export function bounded(q: Quantity) {
  const { range } = q;
  let n = range.integer ? z.number().int() : z.number();
  if (range.min !== null) n = range.exclusiveMin ? n.gt(range.min) : n.min(range.min);
  n = n.max(q.max);
  if (q.smallest !== undefined) {
    const smallest = q.smallest;
    return n.refine((x) => x === 0 || x >= smallest, { error: (i) => `must be 0 or at least ${smallest}, got ${String(i.input)}` });
  }
  return n;
}

/**
 * What a distribution's bounds leave to be checked: a quantity's finite bound where the core's range has none, a
 * scale no larger than the bound, the smallest figure, beta shapes the sampler and the CDF can carry. An
 * untruncated normal and a log-normal "reach" SAMPLER_REACH standard deviations: farther the sampler never draws.
 */
export function limitProblems(d: Dist, q: Quantity): { param: string; message: string }[] {
  const out: { param: string; message: string }[] = [];
  const bad = (param: string, message: string) => out.push({ param, message });
  const top = q.max;
  const over = (param: string, x: number) => {
    if (x > top) bad(param, `${param} must be <= ${top}, the bound of this quantity, got ${x}`);
  };
  switch (d.dist) {
    case 'normal': {
      if (Math.abs(d.mean) > top) bad('mean', `mean must lie within ±${top}, the bound of this quantity, got ${d.mean}`);
      else if (d.sd > top) bad('sd', `sd must be <= ${top}, the bound of this quantity, got ${d.sd}`);
      else if (d.max !== undefined) over('max', d.max);
      else {
        const reach = d.mean + SAMPLER_REACH * d.sd;
        if (reach > top)
          bad(
            'sd',
            `the normal distribution reaches mean + ${SAMPLER_REACH} sd = ${reach}, above ${top}, the bound of this quantity (add max: ${top} to truncate it)`,
          );
      }
      break;
    }
    case 'lognormal': {
      const reach = d.median * Math.exp(SAMPLER_REACH * d.sigma);
      if (d.median > top) over('median', d.median);
      else if (reach > top)
        bad(
          'sigma',
          `the lognormal distribution reaches median × e^(${SAMPLER_REACH} sigma) = ${reach.toPrecision(3)}, above ${top}, the bound of this quantity`,
        );
      break;
    }
    case 'triangular':
    case 'uniform':
      over('max', d.max);
      break;
    case 'beta':
      for (const p of ['alpha', 'beta'] as const)
        if (d[p] < BETA_SHAPE.min || d[p] > BETA_SHAPE.max)
          bad(p, `beta distribution needs ${BETA_SHAPE.min} <= ${p} <= ${BETA_SHAPE.max}, got ${d[p]}`);
      if (d.max !== undefined) over('max', d.max);
      break;
  }
  if (q.smallest !== undefined) {
    const smallest = q.smallest;
    const located = Object.entries(d).filter(
      (e): e is [string, number] => ['mean', 'median', 'min', 'mode', 'max'].includes(e[0]) && typeof e[1] === 'number',
    );
    for (const [param, x] of located)
      if (x !== 0 && Math.abs(x) < smallest) bad(param, `${param} must be 0 or at least ${smallest}, got ${x}`);
  }
  return out;
}

/** The range of a quantity in words, for the JSON Schema's descriptions. */
export const describeBounds = (q: Quantity) => {
  const { range } = q;
  const lower = range.min === null ? '' : `${range.exclusiveMin ? '>' : '>='} ${range.min}`;
  return `${range.integer ? 'whole number' : 'number'} ${lower}${lower ? ' and ' : ''}<= ${q.max}`;
};
