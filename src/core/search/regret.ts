/**
 * Search for simultaneous moves under hidden information: regret matching at the root (Hart & Mas-Colell 2000,
 * "A simple adaptive procedure leading to correlated equilibrium", Econometrica 68(5)) over sampled worlds
 * (information-set sampling, "determinisation": Cowling, Powley & Whitehouse 2012, "Information set Monte Carlo
 * tree search").
 *
 * Why regret matching and not UCT for every mover ("decoupled UCT"): with simultaneous moves, UCB1's
 * deterministic best-response dynamics can cycle or settle on exploitable pure strategies, while the average
 * strategy of a Hannan-consistent selector such as regret matching converges to a Nash equilibrium in two-player
 * zero-sum games (Lanctot, Lisý & Winands 2013, "Monte Carlo tree search in simultaneous move games with
 * applications to Goofspiel"; Lisý, Kovařík, Lanctot & Bošanský 2013, "Convergence of Monte Carlo tree search in
 * simultaneous move games", NIPS). OpenSpiel's `sm-mcts` and `regret_matching` follow the same papers.
 *
 * Each iteration:
 * 1. draws a world from the searching player's observation with `game.determinize` (never the true state: the
 *    search is given the observation only);
 * 2. every mover in that world (the searching player and the others, each with its own regret table keyed by
 *    `game.actionKey`) takes its regret-matching strategy over its legal actions there: each action's positive
 *    regret over their sum, uniform when no regret is positive. Actions absent from a world are left out of that
 *    iteration's strategy, so a table may hold actions that not every world allows;
 * 3. samples a joint action from those strategies, applies it, and plays on with the rollout policy (uniformly
 *    random by default, for at most `depth` steps counting the searched one) before reading `game.returns`;
 * 4. updates every mover's regrets with an estimate of the value each of its alternatives would have had against
 *    the others' sampled actions, by one of two estimators:
 *    - 'outcome' (default; Lanctot, Waugh, Zinkevich & Bowling 2009, "Monte Carlo sampling for regret
 *      minimization in extensive games", outcome sampling; the Exp3-style update of Lanctot et al. 2013): one
 *      playout per iteration. Movers sample from their strategy mixed with uniform exploration γ; the action
 *      played is credited with its return divided by its probability, the others with 0, and each regret grows by
 *      that estimate minus the return. The estimate is unbiased and γ bounds its variance.
 *    - 'enumerate' (external sampling in Lanctot et al. 2009's terms): every alternative of every mover is played
 *      out from the same world, with the others' sampled actions and the same chance (common random numbers), and
 *      each regret grows by that alternative's value minus the strategy's expected value. No exploration is needed
 *      and the variance is far lower, but an iteration costs one playout per action of every mover. In a one-shot
 *      matrix game these values are the exact counterfactual payoffs, and this is plain regret matching.
 *
 * The result is the searching player's AVERAGE sampling strategy over the iterations, which is what converges to
 * equilibrium (Lisý et al. 2013 state their convergence result for the empirical frequencies of the actions
 * sampled, whose expectation this is). It includes the exploration: the opponents' regrets answer the strategy
 * actually sampled, so the regret-matching part alone settles O(γ) away from a mixed equilibrium (with γ = 0.1,
 * at 0.389 instead of 0.4 in the biased test game), while the average keeps at least γ / (number of actions) on
 * every action, dominated ones included. The action returned is the average strategy's most probable one (a
 * deterministic choice; a caller wanting a mixed play samples from `strategy`). All randomness comes from
 * `options.rng`; the core reads no clock, and an outer ring imposes a time budget through `shouldStop`.
 */
import { Rng } from '../rng.ts';
import type { Game, PlayerId } from '../game/types.ts';
import { randomPlayout } from './playout.ts';

export type RegretEstimator = 'outcome' | 'enumerate';

/** The default exploration γ of the 'outcome' estimator: enough to bound its variance, small enough to bias little. */
export const DEFAULT_REGRET_EXPLORATION = 0.1;

export interface RegretOptions<S> {
  /** The most iterations to run (at least one is always run). */
  iterations: number;
  rng: Rng;
  /**
   * With the default rollout, the most steps played from the sampled world, the searched step included (1: read
   * the returns right after it). Default: to the end. An injected `rollout` sets its own horizon and ignores it.
   */
  depth?: number;
  /** Plays on from the state after the searched step (default: uniformly random moves). */
  rollout?: (state: S, rng: Rng) => S;
  /** Asked before each iteration after the first: true ends the search (a time budget kept by the caller). */
  shouldStop?: () => boolean;
  /** How alternatives are valued (see the module comment); default 'outcome'. */
  estimator?: RegretEstimator;
  /** The uniform exploration γ mixed into the sampling strategy of the 'outcome' estimator (default 0.1). */
  exploration?: number;
}

export interface RegretActionStats<A> {
  key: string;
  action: A;
  /** Its probability in the searching player's average sampling strategy. */
  probability: number;
  /**
   * The mean return observed for the searching player with this action: over the iterations that played it
   * ('outcome'), or over its playouts in every world that allowed it ('enumerate'). 0 when never evaluated.
   */
  value: number;
}

export interface RegretResult<A> {
  /** The most probable action of the average strategy (ties: the higher value, then the first met). */
  action: A;
  /** The searching player's average strategy, most probable first. */
  strategy: RegretActionStats<A>[];
  iterations: number;
}

/** One action in a mover's regret table. */
interface Entry<A> {
  readonly action: A;
  /** Cumulative regret. */
  regret: number;
  /** Sum of the sampling probabilities it was given (the average strategy, unnormalised). */
  strategySum: number;
  /** Sum and count of the searching player's returns credited to it (for `value`). */
  valueSum: number;
  valueCount: number;
}

/** A mover's choice in one iteration: its entries in this world, its strategies over them, and the sampled one. */
interface Choice<A> {
  readonly player: PlayerId;
  readonly entries: Entry<A>[];
  /** Regret matching over `entries`. */
  readonly strategy: number[];
  /** The sampling strategy: `strategy` mixed with exploration. */
  readonly sampling: number[];
  readonly chosen: number;
}

/**
 * Regret-matching search for `player` from its `observation`. Deterministic for a given state of `options.rng`
 * (which it advances). `player` must be a mover in every sampled world.
 */
export function regretSearch<S, A, O>(game: Game<S, A, O>, observation: O, player: PlayerId, options: RegretOptions<S>): RegretResult<A> {
  const rng = options.rng;
  const estimator = options.estimator ?? 'outcome';
  const gamma = estimator === 'outcome' ? (options.exploration ?? DEFAULT_REGRET_EXPLORATION) : 0;
  if (!(gamma >= 0 && gamma <= 1)) throw new RangeError(`regretSearch: exploration must be in [0, 1], got ${gamma}`);
  const depth = options.depth ?? Infinity;
  if (!(depth >= 1)) throw new RangeError(`regretSearch: depth must be at least 1, got ${depth}`);
  const rollout = options.rollout ?? ((s: S, r: Rng) => randomPlayout(game, s, r, depth - 1));
  const playOut = (world: S, joint: Record<PlayerId, A>, r: Rng) => game.returns(rollout(game.apply(world, joint, r), r));

  const tables = new Map<PlayerId, Map<string, Entry<A>>>();
  const tableOf = (p: PlayerId) => {
    let t = tables.get(p);
    if (!t) tables.set(p, (t = new Map()));
    return t;
  };

  let iterations = 0;
  while (iterations === 0 || (iterations < options.iterations && !options.shouldStop?.())) {
    iterations++;
    const world = game.determinize(observation, player, rng);
    const movers = game.movers(world);
    if (!movers.includes(player)) throw new Error(`regretSearch: ${player} does not move in a world drawn from its observation`);

    const choices: Choice<A>[] = [];
    const joint: Record<PlayerId, A> = {};
    for (const mover of movers) {
      const choice = choose(game, tableOf(mover), mover, world, gamma, rng);
      choices.push(choice);
      joint[mover] = choice.entries[choice.chosen]!.action;
    }

    if (estimator === 'outcome') {
      const returns = playOut(world, joint, rng);
      for (const c of choices) {
        const u = returns[c.player] ?? 0;
        for (let b = 0; b < c.entries.length; b++) {
          const estimate = b === c.chosen ? u / c.sampling[b]! : 0;
          c.entries[b]!.regret += estimate - u;
        }
        if (c.player === player) credit(c.entries[c.chosen]!, u);
      }
    } else {
      // Common random numbers: every playout of this iteration starts from the same generator state.
      const seed = rng.nextU32();
      const sampled = playOut(world, joint, Rng.seeded(seed));
      for (const c of choices) {
        const values = c.entries.map((e, b) =>
          b === c.chosen ? (sampled[c.player] ?? 0) : (playOut(world, { ...joint, [c.player]: e.action }, Rng.seeded(seed))[c.player] ?? 0),
        );
        let expected = 0;
        for (let b = 0; b < values.length; b++) expected += c.strategy[b]! * values[b]!;
        for (let b = 0; b < values.length; b++) c.entries[b]!.regret += values[b]! - expected;
        if (c.player === player) c.entries.forEach((e, b) => credit(e, values[b]!));
      }
    }

    for (const c of choices) for (let b = 0; b < c.entries.length; b++) c.entries[b]!.strategySum += c.sampling[b]!;
  }

  return result([...tableOf(player).entries()], iterations);
}

/** A mover's regret-matching strategy over its legal actions in `world`, and an action sampled from it. */
function choose<S, A, O>(game: Game<S, A, O>, table: Map<string, Entry<A>>, mover: PlayerId, world: S, gamma: number, rng: Rng): Choice<A> {
  const legal = game.legalActions(world, mover);
  if (legal.length === 0) throw new Error(`${game.name}: mover ${mover} has no legal action`);
  const entries = legal.map((action) => {
    const key = game.actionKey(action);
    let e = table.get(key);
    if (!e) table.set(key, (e = { action, regret: 0, strategySum: 0, valueSum: 0, valueCount: 0 }));
    return e;
  });
  let positive = 0;
  for (const e of entries) if (e.regret > 0) positive += e.regret;
  const n = entries.length;
  const strategy = entries.map((e) => (positive > 0 ? Math.max(e.regret, 0) / positive : 1 / n));
  const sampling = gamma > 0 ? strategy.map((p) => (1 - gamma) * p + gamma / n) : strategy;
  let x = rng.next();
  let chosen = n - 1;
  for (let b = 0; b < n; b++) {
    x -= sampling[b]!;
    if (x < 0) {
      chosen = b;
      break;
    }
  }
  return { player: mover, entries, strategy, sampling, chosen };
}

function credit<A>(entry: Entry<A>, value: number): void {
  entry.valueSum += value;
  entry.valueCount++;
}

function result<A>(entries: [string, Entry<A>][], iterations: number): RegretResult<A> {
  let total = 0;
  for (const [, e] of entries) total += e.strategySum;
  const strategy = entries.map(([key, e]): RegretActionStats<A> => ({
    key,
    action: e.action,
    probability: total > 0 ? e.strategySum / total : 1 / entries.length,
    value: e.valueCount > 0 ? e.valueSum / e.valueCount : 0,
  }));
  strategy.sort((a, b) => b.probability - a.probability || b.value - a.value);
  return { action: strategy[0]!.action, strategy, iterations };
}
