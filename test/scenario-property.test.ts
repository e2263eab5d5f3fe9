/**
 * Valid means runnable: a property test over generated VALID scenarios, with numbers at the language's bounds (the
 * largest figure of each kind, 0, the smallest positive USD figure, distributions that reach the bound: an untruncated
 * normal's mean + 13 sd, a lognormal's median × e^(13 sigma), beta shapes 0.05 and 500) and many actors, treaties,
 * obligations, fronts and forces. Each must validate; `show` must render it within a bound; a few turns of play with
 * heuristic bots and a small in-process forecast must finish with finite figures only.
 *
 * Then `show`'s scaling: a treaty of 200 obligations, a front of 2,000 forces, 2,000 renewals and long wide text
 * render in well under the bound (cli-table3 re-measured a cell per line drawn: 40 obligations took 12 s, 80 took 74 s).
 *
 * The runs use a fixed seed so that CI is reproducible; a failure prints the seed and the shrunk scenario.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { makeBots, playWithBots } from '../src/ai/play.ts';
import { BoxTable, renderScenario } from '../src/cli/render.ts';
import { central } from '../src/core/dist.ts';
import type { Num, Scenario } from '../src/core/model.ts';
import { formatProblem, loadScenarioText } from '../src/lang/load.ts';
import { BETA_SHAPE, BOUNDS } from '../src/lang/bounds.ts';
import { LIMITS } from '../src/lang/schema.ts';
import { ForecastAggregate, LARGEST, NonFiniteFigure } from '../src/sim/aggregate.ts';
import { runForecast } from '../src/sim/forecast.ts';
import { RunLayout } from '../src/sim/run.ts';

/** Fixed seed for reproducible CI; each run plays and forecasts its scenario (about 15 s in all on a shared core). */
const RUNS = { seed: 2024, numRuns: 60 } as const;
/** What `show`, a few turns and a small forecast of a generated scenario may take, together (generous: a shared core). */
const BOUND_MS = 10_000;
const START = '2024-06-01';

/** A kind of quantity as the language bounds it (docs/scenario-language.md, Ranges). */
interface Kind {
  max: number;
  /** Plain values must be above 0 (a distribution may touch it). */
  positive?: boolean;
  /** A figure other than 0 is at least this. */
  smallest?: number;
  /** Shares and rungs: closed above, a normal truncated on both sides, no lognormal. */
  closed?: boolean;
  integer?: boolean;
  min?: number;
}

const K = {
  persons: { max: BOUNDS.persons },
  rounds: { max: BOUNDS.rounds },
  amount: { max: BOUNDS.amount },
  usd: { max: BOUNDS.usdBn, smallest: 0.001 },
  warheads: { max: BOUNDS.warheads },
  actors: { max: BOUNDS.actors },
  days: { max: BOUNDS.days },
  positiveDays: { max: BOUNDS.days, positive: true },
  area: { max: BOUNDS.areaKm2, positive: true },
  length: { max: BOUNDS.lengthKm, positive: true },
  quality: { max: BOUNDS.quality, positive: true },
  fraction: { max: 1, closed: true },
  rung: { max: 44, min: 1, closed: true, integer: true },
} satisfies Record<string, Kind>;

type Gen = fc.GeneratorValue;

/** Just under `x`: what a reach computed in floating point may safely be scaled by. */
const under = (x: number) => x * (1 - 1e-9);

/** A number of `kind`, drawn toward its extremes: the bound, 0, the smallest, and distributions that reach the bound. */
function num(g: Gen, kind: Kind): Num {
  const lo = kind.min ?? 0;
  const top = kind.max;
  const small = kind.smallest ?? (kind.positive ? Number.MIN_VALUE : 0);
  const plain = (): number => {
    if (kind.integer) return g(fc.integer, { min: lo, max: top });
    const choices = [top, g(fc.double, { min: Math.max(lo, small), max: top, noNaN: true })];
    if (!kind.positive) choices.push(lo);
    if (kind.smallest !== undefined) choices.push(kind.smallest);
    if (kind.positive) choices.push(1e-300);
    return choices[g(fc.nat, { max: choices.length - 1 })]!;
  };
  // A location inside the range that obeys the smallest-figure rule.
  const at = () =>
    kind.smallest !== undefined ? g(fc.constantFrom, 0, kind.smallest, top / 2, top) : g(fc.constantFrom, lo, top / 2, top);
  switch (g(fc.nat, { max: kind.closed ? 6 : 8 })) {
    case 0:
    case 1:
      return plain();
    case 2:
      return { value: plain(), source: 'a claim' };
    case 3:
      return { dist: 'uniform', min: lo, max: top };
    case 4: {
      const mode = at();
      return { dist: 'triangular', min: lo, mode, max: top };
    }
    case 5:
      return { dist: 'normal', mean: at(), sd: top, min: lo, max: top };
    case 6: {
      const [alpha, beta] = [BETA_SHAPE.min, BETA_SHAPE.max, 1].map((x) => x).slice(g(fc.nat, { max: 1 }));
      return { dist: 'beta', alpha: alpha!, beta: beta!, min: lo, max: top };
    }
    case 7: {
      // Untruncated above: mean + 13 sd just under the bound.
      const mean = kind.smallest !== undefined ? g(fc.constantFrom, 0, kind.smallest, top / 2) : g(fc.constantFrom, 0, top / 2);
      return { dist: 'normal', mean, sd: under((top - mean) / 13), min: 0 };
    }
    default: {
      // A lognormal whose median × e^(13 sigma) is just under the bound.
      const median = g(fc.constantFrom, Math.max(small, 1e-3), 1, top / 1e6, top / 10);
      return { dist: 'lognormal', median, sigma: under(Math.log(top / median) / 13) };
    }
  }
}

const pick = <T>(g: Gen, xs: readonly T[]): T => xs[g(fc.nat, { max: xs.length - 1 })]!;
const subset = <T>(g: Gen, xs: readonly T[], min = 0): T[] => {
  const out = xs.filter(() => g(fc.boolean));
  return out.length >= min ? out : xs.slice(0, min);
};
const maybe = (g: Gen) => g(fc.boolean);

/** Sizes of one generated scenario: bounded so the whole property runs in seconds. */
interface Sizes {
  actors: number;
  obligations: number;
}

/** A valid scenario document (as a user would write it), built from `g`'s draws. */
function scenarioDoc(g: Gen, sizes: Sizes): Record<string, unknown> {
  // The longest horizons: 10,000 turns of up to 291 days, or 7,959 of 366, end by 9999-12-31 from START.
  const [turnDays, horizon] = g(fc.constantFrom, [1, 3], [7, 52], [1, 10_000], [291, 10_000], [366, 7_959], [366, 3]);
  const regions = Array.from({ length: g(fc.nat, { max: 3 }) }, (_, i) => ({ id: `r${i}`, name: `Region ${i}` }));
  const regionIds = regions.map((r) => r.id);

  const n = g(fc.integer, { min: 2, max: sizes.actors });
  const blocs = n >= 3 ? g(fc.nat, { max: Math.min(2, n - 2) }) : 0;
  const states = Array.from({ length: n - blocs }, (_, i) => `a${i}`);
  const ids = [...states, ...Array.from({ length: blocs }, (_, i) => `b${i}`)];
  const active = new Map<string, Num>();
  const actors = ids.map((id) => {
    const isBloc = id.startsWith('b');
    const a: Record<string, unknown> = { id, name: `Actor ${id}`, kind: isBloc ? 'bloc' : 'state' };
    if (isBloc) {
      a.members = subset(g, states, 1);
      if (maybe(g)) a.cohesion = num(g, K.fraction);
      if (maybe(g)) a.decision = pick(g, ['consensus', 'majority', 'leader']);
    }
    if (regionIds.length && maybe(g)) a.regions = subset(g, regionIds);
    if (maybe(g)) a.area_km2 = num(g, K.area);
    if (maybe(g)) a.great_power = true;
    if (maybe(g)) a.regime = { type: pick(g, ['personalist', 'democracy', 'hybrid']), winning_coalition: num(g, K.fraction) };
    if (maybe(g))
      a.domestic = {
        support: num(g, K.fraction),
        casualty_sensitivity: num(g, K.fraction),
        auxiliary_weight: num(g, K.fraction),
        economic_sensitivity: num(g, K.fraction),
        rally: num(g, K.fraction),
      };
    const act = isBloc ? num(g, K.persons) : num(g, K.persons);
    active.set(id, act);
    const caps: Record<string, unknown> = { active: act };
    if (maybe(g)) caps.population = num(g, K.persons);
    if (maybe(g)) caps.gdp_usd_bn = num(g, K.usd);
    if (maybe(g)) caps.defence_budget_usd_bn = num(g, K.usd);
    if (maybe(g)) caps.reserve = num(g, K.persons);
    if (maybe(g)) caps.mobilisation = { rate: num(g, K.persons), cap: num(g, K.persons), level: pick(g, ['none', 'partial', 'general']) };
    if (maybe(g)) caps.quality = num(g, K.quality);
    if (maybe(g)) caps.munitions = { stock: num(g, K.rounds), production: num(g, K.rounds), consumption: num(g, K.rounds) };
    if (maybe(g)) caps.nuclear_warheads = num(g, K.warheads);
    if (maybe(g)) caps.intelligence = num(g, K.fraction);
    if (maybe(g)) caps.cinc = num(g, K.fraction);
    a.capabilities = caps;
    if (maybe(g))
      a.interests = Object.fromEntries(
        ['territory', 'casualties', 'economy', 'technology', 'leverage', 'escalation_risk'].map((t) => [t, num(g, K.fraction)]),
      );
    if (maybe(g))
      a.bandwagon = {
        side_with: pick(
          g,
          ids.filter((x) => x !== id),
        ),
        threshold: num(g, K.actors),
      };
    return a;
  });
  const greatPowers = actors.filter((a) => a.great_power).map((a) => a.id as string);

  // Wars: two disjoint sides each; fronts on a side's territory with forces within each owner's active pool.
  const conflicts: Record<string, unknown>[] = [];
  const sidesOf = new Map<string, string[][]>();
  for (let c = 0; c < g(fc.nat, { max: 2 }); c++) {
    const shuffled = ids.filter(() => maybe(g));
    const cut = Math.max(1, Math.floor(shuffled.length / 2));
    const sides = shuffled.length >= 2 ? [shuffled.slice(0, cut), shuffled.slice(cut)] : [[ids[0]!], [ids[1]!]];
    const conflict: Record<string, unknown> = { id: `w${c}`, name: `War ${c}`, start: '2022-02-24', sides };
    if (maybe(g)) conflict.aggressor = pick(g, sides.flat());
    if (maybe(g)) conflict.rung = num(g, K.rung);
    conflicts.push(conflict);
    sidesOf.set(`w${c}`, sides);
  }
  const left = new Map(states.map((s) => [s, central(active.get(s)!)]));
  const fronts: Record<string, unknown>[] = [];
  for (const [war, sides] of sidesOf)
    for (let f = 0; f < g(fc.integer, { min: 1, max: 2 }); f++) {
      const fighters = sides.flat();
      const forces: Record<string, unknown>[] = [];
      for (let k = 0; k < g(fc.nat, { max: 8 }); k++) {
        const actor = pick(g, states);
        const side = fighters.includes(actor) ? actor : null;
        const forOther = pick(
          g,
          fighters.filter((x) => x !== actor),
        );
        if (side === null && forOther === undefined) continue;
        const budget = left.get(actor)!;
        const troops = Math.floor(budget * g(fc.constantFrom, 0, 0.5, 1));
        left.set(actor, budget - troops);
        const d: Record<string, unknown> = { actor, troops };
        if (side === null || maybe(g)) {
          if (forOther === undefined) continue;
          d.for = forOther;
        }
        if (maybe(g)) d.posture = pick(g, ['attack', 'defend', 'hold']);
        if (maybe(g)) {
          d.covert = true;
          if (maybe(g)) d.known_to = subset(g, ids);
        }
        if (maybe(g)) d.quality = num(g, K.quality);
        if (maybe(g)) d.arrives = START;
        forces.push(d);
      }
      const front: Record<string, unknown> = {
        id: `f${fronts.length}`,
        name: `Front ${fronts.length}`,
        conflict: war,
        territory: pick(g, fighters),
        control: num(g, K.fraction),
        forces,
      };
      if (maybe(g)) front.area_km2 = num(g, K.area);
      if (maybe(g)) front.length_km = num(g, K.length);
      if (maybe(g)) front.terrain = pick(g, ['open', 'urban', 'marsh']);
      fronts.push(front);
    }

  const treaties = Array.from({ length: g(fc.nat, { max: 3 }) }, (_, t) => {
    const parties = subset(g, ids, 2);
    const outsiders = greatPowers.filter((x) => !parties.includes(x)).length;
    const status = pick(g, ['in_force', 'signed', 'ratifying']);
    const obligations = Array.from({ length: g(fc.integer, { min: 1, max: sizes.obligations }) }, (_, o) => {
      const conditions: Record<string, unknown> = { trigger: pick(g, ['attack', 'mobilisation', 'war', 'threat']) };
      if (maybe(g)) conditions.location = pick(g, ['territory', 'forces']);
      if (regionIds.length && maybe(g)) conditions.regions = subset(g, regionIds, 1);
      if (maybe(g)) conditions.by = subset(g, ids, 1);
      if (maybe(g)) conditions.except_by = subset(g, ids, 1);
      if (outsiders > 0 && maybe(g)) conditions.by_at_least = g(fc.integer, { min: 1, max: outsiders });
      if (maybe(g)) conditions.supported_by = subset(g, ids, 1);
      if (maybe(g)) conditions.unprovoked = true;
      const ob: Record<string, unknown> = {
        type: pick(g, ['defense', 'offense', 'neutrality', 'nonaggression', 'consultation']),
        strength: pick(g, ['all_means', 'as_deemed_necessary', 'consult']),
        article: `Art. ${o + 1}`,
        conditions,
      };
      if (maybe(g)) ob.duty = pick(g, ['fight', 'mobilise', 'consult', 'stay_neutral', 'not_attack']);
      if (maybe(g)) ob.obliged = subset(g, parties, 1);
      if (maybe(g)) ob.protects = subset(g, parties, 1);
      if (maybe(g)) ob.against = subset(g, ids, 1);
      return ob;
    });
    const treaty: Record<string, unknown> = { id: `t${t}`, name: `Treaty ${t}`, parties, signed: '1990-01-01', status, obligations };
    if (maybe(g)) treaty.renewed = ['2000-01-01', '2010-01-01', START];
    if (status !== 'in_force' && maybe(g)) treaty.in_force_from = START;
    return treaty;
  });

  const transfers = Array.from({ length: g(fc.nat, { max: 6 }) }, (_, i) => {
    const from = pick(g, ids);
    const to = pick(
      g,
      ids.filter((x) => x !== from),
    );
    const kind = pick(g, ['munitions', 'weapons', 'technology', 'money', 'dual_use', 'fuel']);
    // Technology compounds on quality (at most 1,000-fold in all, a semantic check): small programmes only.
    const amount = kind === 'technology' ? g(fc.constantFrom, 0, 1) : num(g, K.amount);
    const unit = kind === 'money' || kind === 'weapons' ? pick(g, ['USD bn', 'USD million']) : 'units';
    const x: Record<string, unknown> = { id: `x${i}`, from, to, kind, amount, unit };
    if (maybe(g)) {
      x.covert = true;
      if (maybe(g)) x.known_to = subset(g, ids);
    }
    if (maybe(g)) x.offensive = true;
    return x;
  });
  const sanctions = Array.from({ length: g(fc.nat, { max: 3 }) }, (_, i) => {
    const on = pick(g, ids);
    return {
      id: `s${i}`,
      by: subset(
        g,
        ids.filter((x) => x !== on),
        1,
      ),
      on,
      intensity: num(g, K.fraction),
    };
  });
  const permissions = Array.from({ length: g(fc.nat, { max: 2 }) }, (_, i) => ({
    id: `p${i}`,
    by: pick(g, ids),
    to: pick(g, ids),
    weapons: 'missiles',
    territory: pick(g, ids),
    allowed: maybe(g),
  }));

  const leaf = (): Record<string, unknown> => {
    const actor = pick(g, ids);
    switch (g(fc.nat, { max: 7 })) {
      case 0:
        return { actor_at_war: { actor } };
      case 1:
        return { troops_deployed: { actor, at_least: g(fc.constantFrom, 0, BOUNDS.persons) } };
      case 2:
        return { casualties_exceed: { actor, value: g(fc.constantFrom, 0, BOUNDS.persons) } };
      case 3:
        return { rung_reached: { rung: g(fc.integer, { min: 1, max: 44 }) } };
      case 4:
        return { support_below: { actor, value: g(fc.constantFrom, 0, 1) } };
      case 5:
        return fronts.length ? { front_control_above: { front: pick(g, fronts).id, value: 0.5 } } : { nuclear_use: {} };
      case 6:
        return { mobilised: { actor, level: 'general' } };
      default:
        return treaties.length ? { treaty_invoked: { treaty: pick(g, treaties).id } } : { nuclear_use: { by: actor } };
    }
  };
  const predicate = (depth = 0): Record<string, unknown> => {
    const k = depth < 2 ? g(fc.nat, { max: 4 }) : 0;
    if (k === 1) return { all: [predicate(depth + 1), predicate(depth + 1)] };
    if (k === 2) return { any: [predicate(depth + 1), leaf()] };
    if (k === 3) return { not: predicate(depth + 1) };
    return leaf();
  };
  const effect = (holder: string): Record<string, unknown> => {
    const other = pick(
      g,
      ids.filter((x) => x !== holder),
    );
    const wars = conflicts.filter((c) => (c.sides as string[][]).flat().some((x) => x !== holder));
    switch (g(fc.nat, { max: 6 })) {
      case 0:
        if (wars.length) {
          const war = pick(g, wars);
          return { enter_war: { conflict: war.id, side_with: pick(g, (war.sides as string[][]).flat()) } };
        }
        return { declare_war: { on: other } };
      case 1:
        return { arm: { to: other, offensive: true } };
      case 2:
        return { mobilise: { level: 'general', against: other } };
      case 3:
        return { escalate: { rung: g(fc.integer, { min: 1, max: 44 }) } };
      case 4:
        return { sanction: { on: other, intensity: 1 } };
      case 5:
        return permissions.length ? { permit: { permission: pick(g, permissions).id } } : { invade: { territory: other } };
      default:
        return { declare_war: { on: other } };
    }
  };
  const redLines = Array.from({ length: g(fc.nat, { max: 4 }) }, (_, i) => {
    const holder = pick(g, ids);
    const r: Record<string, unknown> = { id: `l${i}`, holder, when: predicate(), then: effect(holder), likelihood: num(g, K.fraction) };
    if (maybe(g)) r.reconsider = { every_days: num(g, K.positiveDays), for_days: num(g, K.days) };
    if (maybe(g)) r.delay_days = num(g, K.days);
    return r;
  });
  const questions = Array.from({ length: g(fc.nat, { max: 4 }) }, (_, i) => ({
    id: `q${i}`,
    text: `Question ${i}?`,
    when: predicate(),
    holds: pick(g, ['ever', 'throughout', 'at_end']),
  }));
  const metricExpr = (): Record<string, unknown> => {
    const actor = pick(g, ids);
    switch (g(fc.nat, { max: 5 })) {
      case 0:
        return { casualties: { actor } };
      case 1:
        return { max_rung: {} };
      case 2:
        return fronts.length ? { front_control: { front: pick(g, fronts).id } } : { support: { actor } };
      case 3:
        return { troops: { actor } };
      case 4:
        return { munitions: { actor } };
      default:
        return { first_turn: { when: predicate() } };
    }
  };
  const metrics = Array.from({ length: g(fc.nat, { max: 5 }) }, (_, i) => ({
    id: `m${i}`,
    text: `Metric ${i}`,
    unit: pick(g, ['persons', 'share', 'rounds', 'turn']),
    of: metricExpr(),
  }));

  return {
    id: 'generated',
    title: 'Generated',
    description: 'A generated scenario at the bounds.',
    start: START,
    turn_days: turnDays,
    horizon,
    player: pick(g, ids),
    ...(regions.length ? { regions } : {}),
    actors,
    ...(conflicts.length ? { conflicts } : {}),
    ...(fronts.length ? { fronts } : {}),
    ...(treaties.length ? { treaties } : {}),
    ...(transfers.length ? { transfers } : {}),
    ...(sanctions.length ? { sanctions } : {}),
    ...(permissions.length ? { permissions } : {}),
    ...(redLines.length ? { red_lines: redLines } : {}),
    ...(questions.length ? { questions } : {}),
    ...(metrics.length ? { metrics } : {}),
  };
}

/** Every number in `x` (objects and arrays, recursively) is finite; returns the paths of those that are not. */
function nonFinite(x: unknown, path = '', out: string[] = []): string[] {
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) out.push(`${path}: ${x}`);
  } else if (Array.isArray(x)) x.forEach((v, i) => nonFinite(v, `${path}[${i}]`, out));
  else if (x !== null && typeof x === 'object') for (const [k, v] of Object.entries(x)) nonFinite(v, `${path}.${k}`, out);
  return out;
}

function load(doc: Record<string, unknown>): Scenario {
  const text = stringify(doc);
  const r = loadScenarioText(text, 'generated.yaml');
  if (!r.ok) throw new Error(`a generated scenario does not validate:\n${r.problems.map(formatProblem).join('\n')}\n\n${text}`);
  return r.scenario;
}

/** Show, play a few turns with heuristic bots, forecast a few runs: every figure finite, all within BOUND_MS. */
async function runsFinite(s: Scenario, seed: number): Promise<void> {
  const started = performance.now();
  const shown = renderScenario(s);
  expect(shown).not.toMatch(/NaN|Infinity/);
  expect(nonFinite(JSON.parse(JSON.stringify(s)) as unknown)).toEqual([]);
  expect(JSON.stringify(s)).not.toContain('null');

  const turns = Math.min(3, s.horizon);
  const game = playWithBots(s, seed, [], turns, makeBots(s, seed, null, { kind: 'heuristic', reasons: false }));
  expect(game.turns).toHaveLength(turns);
  for (const t of game.turns) expect(nonFinite(t.state), `turn ${t.state.turn}`).toEqual([]);

  const forecast = await runForecast({ scenario: s, runs: 3, seed, turns: Math.min(2, s.horizon), workers: 1, chunk: 3 });
  expect(forecast.runs).toBe(3);
  expect(nonFinite(forecast)).toEqual([]);
  expect(performance.now() - started).toBeLessThan(BOUND_MS);
}

describe('valid scenarios at the bounds run', () => {
  it('validate, show, play and forecast with finite figures', async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), fc.nat(), async (g, seed) => {
        const s = load(scenarioDoc(g, { actors: 12, obligations: 40 }));
        await runsFinite(s, seed);
      }),
      RUNS,
    );
  }, 120_000);

  // Two worlds by hand: every figure at its bound (troops, quality, stocks, money against the smallest GDP, areas),
  // and the smallest positive figures (where the engine divides).
  const extreme = (x: (big: number, tiny: number) => number) => {
    const state = (id: string, to: string) => ({
      id,
      name: id,
      kind: 'state',
      area_km2: x(BOUNDS.areaKm2, 1e-300),
      domestic: { support: 1, casualty_sensitivity: 1, economic_sensitivity: 1, rally: 1 },
      capabilities: {
        population: BOUNDS.persons,
        gdp_usd_bn: x(0.001, 0.001),
        defence_budget_usd_bn: x(BOUNDS.usdBn, 0.001),
        active: x(BOUNDS.persons, 1),
        reserve: BOUNDS.persons,
        mobilisation: { rate: BOUNDS.persons, cap: BOUNDS.persons, level: 'partial' },
        quality: x(BOUNDS.quality, 1e-300),
        munitions: { stock: BOUNDS.rounds, production: BOUNDS.rounds, consumption: x(BOUNDS.rounds, 1e-300) },
        nuclear_warheads: BOUNDS.warheads,
      },
      bandwagon: { side_with: to, threshold: 0 },
    });
    return {
      id: 'extreme',
      title: 'Extreme',
      description: 'Every figure at a bound.',
      start: START,
      turn_days: 366,
      horizon: 7_959,
      player: 'aaa',
      actors: [state('aaa', 'bbb'), state('bbb', 'aaa')],
      conflicts: [{ id: 'war', name: 'War', start: START, sides: [['aaa'], ['bbb']], rung: 44 }],
      fronts: [
        {
          id: 'line',
          name: 'Line',
          conflict: 'war',
          territory: 'aaa',
          control: 0,
          area_km2: x(BOUNDS.areaKm2, 1e-300),
          length_km: x(BOUNDS.lengthKm, 1e-300),
          forces: [
            { actor: 'aaa', troops: x(BOUNDS.persons, 1), posture: 'defend', quality: x(BOUNDS.quality, 1e-300) },
            { actor: 'bbb', troops: x(BOUNDS.persons, 1), posture: 'attack' },
          ],
        },
      ],
      transfers: (['munitions', 'weapons', 'money', 'fuel', 'dual_use'] as const).flatMap((kind) =>
        ['aaa', 'bbb'].map((from) => ({
          id: `${kind}-${from}`,
          from,
          to: from === 'aaa' ? 'bbb' : 'aaa',
          kind,
          amount: BOUNDS.amount,
          unit: kind === 'money' || kind === 'weapons' ? 'USD bn' : 'units',
        })),
      ),
      sanctions: [{ id: 'cut', by: ['bbb'], on: 'aaa', intensity: 1 }],
      red_lines: [
        {
          id: 'up',
          holder: 'aaa',
          when: { actor_at_war: { actor: 'aaa' } },
          then: { escalate: { rung: 44 } },
          likelihood: 1,
          delay_days: BOUNDS.days,
        },
      ],
      metrics: [
        { id: 'stock', text: 'Stock', unit: 'rounds', of: { munitions: { actor: 'aaa' } } },
        { id: 'dead', text: 'Dead', unit: 'persons', of: { casualties: { actor: 'bbb' } } },
        { id: 'held', text: 'Held', unit: 'share', of: { front_control: { front: 'line' } } },
      ],
    };
  };

  it.each([
    ['every figure at its bound', (big: number) => big],
    ['the smallest positive figures', (_: number, tiny: number) => tiny],
  ])('%s', async (_, x) => {
    await runsFinite(load(extreme(x)), 5);
  });

  it('many actors, treaties and obligations within the limits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const s = load(scenarioDoc(g, { actors: 40, obligations: 200 }));
        await runsFinite(s, 1);
      }),
      { seed: 7, numRuns: 3 },
    );
  }, 120_000);
});

describe('the aggregate refuses figures it cannot summarise, naming them', () => {
  const s = load({
    id: 'agg',
    title: 'Aggregate',
    description: 'Two actors, a metric.',
    start: START,
    turn_days: 7,
    horizon: 2,
    player: 'aaa',
    actors: [
      { id: 'aaa', name: 'A', kind: 'state' },
      { id: 'bbb', name: 'B', kind: 'state' },
    ],
    metrics: [{ id: 'stock', text: 'Stock', unit: 'rounds', of: { munitions: { actor: 'aaa' } } }],
  });
  const layout = RunLayout.of(s, 0, 2);
  /** One run (index `run`), every figure 0 but those `set` gives, by offset in the run. */
  const run = (index: number, set: (L: RunLayout, data: Float64Array) => void) => {
    const data = new Float64Array(layout.size);
    data[0] = index;
    set(layout, data);
    return data;
  };
  const aggregate = () => new ForecastAggregate(s, [], 2);

  it('an infinite metric, with its name and turn, instead of a crash in the quantile sketch', () => {
    const a = aggregate();
    const add = () => a.add(run(0, (L, d) => (d[L.metricAt(0, 1)] = Infinity)));
    expect(add).toThrow(NonFiniteFigure);
    expect(add).toThrow('forecast run 0: metric "stock" after turn 2 is Infinity, not a finite number');
    expect(a.runs).toBe(0); // nothing of the refused run was added
  });

  it("an actor's return, a ledger entry, a return term", () => {
    expect(() => aggregate().add(run(0, (L, d) => (d[L.returnsAt + 1] = NaN)))).toThrow('the return of "bbb" is NaN');
    expect(() => aggregate().add(run(0, (L, d) => (d[L.ledgerEntryAt(0, 3)] = -Infinity)))).toThrow(
      `the ledger's munitions_change of "aaa" is -Infinity`,
    );
    expect(() => aggregate().add(run(0, (L, d) => (d[L.termAt(1, 0)] = 2 * LARGEST)))).toThrow(
      `the territory term of "bbb"'s return is ${2 * LARGEST}, beyond ±${LARGEST}`,
    );
  });

  it('a metric with no value (NaN) passes; figures from 1e-300 to 1e50 in one sketch do not overflow its bins', () => {
    const a = aggregate();
    a.add(run(0, (L, d) => ((d[L.metricAt(0, 0)] = NaN), (d[L.metricAt(0, 1)] = 1e-300), (d[L.returnsAt] = 1e-300))));
    a.add(run(1, (L, d) => ((d[L.metricAt(0, 1)] = LARGEST), (d[L.returnsAt] = -LARGEST))));
    const r = a.result({ seed: 1, requested: 2, partial: false });
    expect(r.metrics.map((m) => [m.turn, m.n])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(r.metrics[1]!.mean! / (LARGEST / 2)).toBeCloseTo(1, 9);
    expect(nonFinite(r)).toEqual([]);
  });
});

describe("show's rendering is linear in the scenario", () => {
  const base = [
    'id: big',
    'title: Big',
    'description: Many obligations, forces and renewals.',
    `start: ${START}`,
    'turn_days: 7',
    'horizon: 10',
    'player: aaa',
    'actors:',
    '  - { id: aaa, name: 日本語の長い名前, kind: state, capabilities: { active: 100000000 } }',
    '  - { id: bbb, name: State B, kind: state, capabilities: { active: 100000000 } }',
  ];
  const obligation = (i: number) =>
    `      - { type: defense, strength: all_means, article: Art. ${i}, text: "${'条約の文言 '.repeat(20)}", conditions: { trigger: attack, by: [bbb] } }`;

  /** renderScenario's time for a treaty of `n` obligations, `n` renewals and a front of `n` forces, in ms. */
  function timeShow(n: number): number {
    const text = [
      ...base,
      'conflicts: [{ id: war, name: War, start: 2020-01-01, sides: [[aaa], [bbb]] }]',
      'fronts:',
      '  - id: line',
      '    name: Line',
      '    conflict: war',
      '    territory: aaa',
      '    control: 0.5',
      '    forces:',
      ...Array.from({ length: n }, (_, i) => `      - { actor: ${i % 2 ? 'aaa' : 'bbb'}, troops: ${i} }`),
      'treaties:',
      '  - id: pact',
      `    name: ${'A very long treaty name '.repeat(100)}`,
      '    parties: [aaa, bbb]',
      '    signed: 1900-01-01',
      `    renewed: [${Array.from({ length: n }, () => '1901-01-01').join(', ')}]`,
      '    status: in_force',
      '    obligations:',
      ...Array.from({ length: n }, (_, i) => obligation(i)),
      '',
    ].join('\n');
    const r = loadScenarioText(text, 'big.yaml');
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    const started = performance.now();
    const out = renderScenario(r.scenario);
    const ms = performance.now() - started;
    expect(out.split('\n').length).toBeGreaterThan(2 * n);
    return ms;
  }

  it('a treaty of 200 obligations (with 200 renewals and a front of 200 forces) renders within 5 s', () => {
    expect(timeShow(200)).toBeLessThan(5_000);
  });

  it('at the limits: 2,000 obligations, renewals and forces render within 5 s', () => {
    expect(LIMITS.items).toBe(2_000);
    const ms = timeShow(LIMITS.items);
    console.log(`show: ${LIMITS.items} obligations, renewals and forces in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5_000);
  });

  it('measures each line of text once, however tall its cell (cli-table3 re-measured a cell per line drawn)', () => {
    // Counting the measurements, not timing them: a table of a cell of n lines and n rows of one line each.
    for (const n of [10, 100, 1000]) {
      let calls = 0;
      const t = new BoxTable(['head', 'other'], (line) => {
        calls++;
        return line.length;
      });
      t.push([Array.from({ length: n }, (_, i) => `line ${i}`).join('\n'), 'x']);
      for (let i = 0; i < n; i++) t.push([`row ${i}`, 'y']);
      const lines = t.toString().split('\n');
      expect(lines).toHaveLength(4 + 3 * n); // rules top, under the head and at the bottom; n lines; n rows with their rules
      expect(calls).toBe(1 + n + n + (1 + 1 + n)); // the lines of text in the two columns, each measured once
    }
  });
});
