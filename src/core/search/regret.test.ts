// Regret-matching search: its average strategy converges to the equilibria of matrix games known in closed form,
// it is reproducible from its generator, and it sees the observation only, never the true state.
import { describe, expect, it } from 'vitest';
import { Rng } from '../rng.ts';
import { MatchingPennies, matrixGame, type MatrixGame } from '../game/matching-pennies.ts';
import { TicTacToe, ticTacToeFromBoard } from '../game/tictactoe.ts';
import type { Game } from '../game/types.ts';
import { regretSearch, type RegretEstimator } from './regret.ts';

/**
 * A biased zero-sum game, row payoffs [[2, -1], [-1, 1]]. If the row player plays row 0 with probability p, the
 * column player is indifferent when both columns pay the row player the same: 2p - (1 - p) = -p + (1 - p), so
 * 3p - 1 = 1 - 2p and p = 0.4. Likewise the row player is indifferent when the column player plays column 0 with
 * probability q = 0.4 (2q - (1 - q) = -q + (1 - q)). The equilibrium is (0.4, 0.6) for both, and the value of the
 * game to the row player is 3 · 0.4 - 1 = 0.2.
 */
const Biased = matrixGame('biased', [
  [2, -1],
  [-1, 1],
]);

const TOLERANCE = 0.03;

const probabilityOfFirst = (game: MatrixGame, player: 'row' | 'column', estimator: RegretEstimator, iterations: number, seed: number) =>
  regretSearch(game, game.initial, player, { iterations, rng: Rng.seeded(seed), estimator }).strategy.find((x) => x.key === '0')!
    .probability;

describe('regretSearch converges to the equilibrium of a matrix game', () => {
  // Iterations per estimator: enumeration values every alternative exactly in a matrix game, so it needs far fewer.
  const cases = [
    { estimator: 'enumerate', iterations: 10_000 },
    { estimator: 'outcome', iterations: 100_000 },
  ] as const;
  for (const { estimator, iterations } of cases) {
    for (const player of ['row', 'column'] as const) {
      it(`${estimator}: matching pennies, ${player} within ${TOLERANCE} of (0.5, 0.5) after ${iterations} iterations (3 seeds)`, () => {
        for (const seed of [1, 2, 3])
          expect(Math.abs(probabilityOfFirst(MatchingPennies, player, estimator, iterations, seed) - 0.5)).toBeLessThan(TOLERANCE);
      });
      it(`${estimator}: biased game, ${player} within ${TOLERANCE} of (0.4, 0.6) after ${iterations} iterations (3 seeds)`, () => {
        for (const seed of [1, 2, 3])
          expect(Math.abs(probabilityOfFirst(Biased, player, estimator, iterations, seed) - 0.4)).toBeLessThan(TOLERANCE);
      });
    }
  }

  it('enumerate: values each action of the biased game at about the value of the game (0.2 to the row player)', () => {
    const result = regretSearch(Biased, Biased.initial, 'row', { iterations: 10_000, rng: Rng.seeded(4), estimator: 'enumerate' });
    expect(result.strategy).toHaveLength(2);
    for (const x of result.strategy) expect(Math.abs(x.value - 0.2)).toBeLessThan(0.05);
    expect(result.strategy.reduce((sum, x) => sum + x.probability, 0)).toBeCloseTo(1, 12);
    expect(result.action).toBe(result.strategy[0]!.action);
    expect(result.action).toBe(1); // the more probable row, 0.6
  });

  it('does not converge to a pure strategy in matching pennies, as best-response dynamics would', () => {
    const result = regretSearch(MatchingPennies, MatchingPennies.initial, 'row', { iterations: 2_000, rng: Rng.seeded(5) });
    for (const x of result.strategy) expect(x.probability).toBeGreaterThan(0.35);
  });
});

describe('regretSearch', () => {
  it('is deterministic: the same seed gives the same result, with either estimator', () => {
    for (const estimator of ['outcome', 'enumerate'] as const) {
      const run = () => regretSearch(Biased, Biased.initial, 'row', { iterations: 3_000, rng: Rng.seeded(6), estimator });
      expect(run()).toEqual(run());
    }
  });

  it('finds a win in one in a sequential game too', () => {
    const s = ticTacToeFromBoard('xx. oo. ...');
    for (const estimator of ['outcome', 'enumerate'] as const) {
      expect(regretSearch(TicTacToe, s, 'x', { iterations: 2_000, rng: Rng.seeded(7), estimator, depth: 1 }).action).toBe(2);
    }
  });

  it('plays at most depth steps with the default rollout, and hands the state after the searched step to an injected one', () => {
    let applied = 0;
    const counting: typeof TicTacToe = { ...TicTacToe, apply: (s, a, r) => (applied++, TicTacToe.apply(s, a, r)) };
    const start = ticTacToeFromBoard('x.. ... ...');
    regretSearch(counting, start, 'o', { iterations: 50, rng: Rng.seeded(8), depth: 2 });
    expect(applied).toBe(100);

    const seen: number[] = [];
    const rollout = (s: typeof start) => (seen.push(TicTacToe.legalActions(s, s.toMove).length), s);
    regretSearch(TicTacToe, start, 'o', { iterations: 30, rng: Rng.seeded(8), rollout });
    expect(seen).toEqual(Array(30).fill(7));
  });

  it('stops when shouldStop says so, after at least one iteration', () => {
    let asked = 0;
    const result = regretSearch(MatchingPennies, MatchingPennies.initial, 'row', {
      iterations: 1_000,
      rng: Rng.seeded(9),
      shouldStop: () => ++asked >= 25,
    });
    expect(result.iterations).toBe(25);
  });

  it('refuses a player who does not move', () => {
    const over = MatchingPennies.apply(MatchingPennies.initial, { row: 0, column: 0 }, Rng.seeded(0));
    expect(() => regretSearch(MatchingPennies, over, 'row', { iterations: 10, rng: Rng.seeded(10) })).toThrow(/does not move/);
  });
});

// A guessing game of imperfect information. A coin lies hidden; the guesser calls it and wins 1 if right, loses 1
// if wrong. Its observation holds nothing about the coin; the prior (what `determinize` draws from) says tails
// with probability 0.8. In the true state the coin is heads: a search that read the true state would call heads,
// one that reasons from the observation calls tails. Every state the game is handed is recorded.
interface CoinState {
  readonly coin: 'heads' | 'tails';
  readonly call: 'heads' | 'tails' | null;
  /** Who made this state: the dealer (the true state) or `determinize` (a sampled world). */
  readonly origin: 'dealer' | 'sampled';
}
interface CoinObservation {
  readonly call: 'heads' | 'tails' | null;
}

function spyCoinGame() {
  const statesSeen: CoinState[] = [];
  const observationsSeen: unknown[] = [];
  const seen = (s: CoinState) => (statesSeen.push(s), s);
  const game: Game<CoinState, 'heads' | 'tails', CoinObservation> = {
    name: 'coin',
    players: ['guesser'],
    movers: (s) => (seen(s).call === null ? ['guesser'] : []),
    legalActions: (s) => (seen(s).call === null ? ['heads', 'tails'] : []),
    apply: (s, actions) => ({ ...seen(s), call: actions['guesser']! }),
    isTerminal: (s) => seen(s).call !== null,
    returns: (s) => ({ guesser: seen(s).call === null ? 0 : s.call === s.coin ? 1 : -1 }),
    observe: (s) => ({ call: s.call }),
    determinize: (o, _player, rng) => {
      observationsSeen.push(o);
      return { coin: rng.chance(0.8) ? 'tails' : 'heads', call: o.call, origin: 'sampled' };
    },
    actionKey: (a) => a,
  };
  return { game, statesSeen, observationsSeen };
}

describe('regretSearch under hidden information', () => {
  it('reasons from the observation only: the true state never reaches the game, and it calls the likelier tails', () => {
    const { game, statesSeen, observationsSeen } = spyCoinGame();
    const truth: CoinState = { coin: 'heads', call: null, origin: 'dealer' };
    const observation = game.observe(truth, 'guesser');
    for (const estimator of ['outcome', 'enumerate'] as const) {
      observationsSeen.length = 0;
      const result = regretSearch(game, observation, 'guesser', { iterations: 2_000, rng: Rng.seeded(11), estimator });
      expect(result.action).toBe('tails');
      expect(observationsSeen).toHaveLength(2_000);
      for (const o of observationsSeen) expect(o).toBe(observation);
      // The expected returns under the prior: tails 0.8 - 0.2 = 0.6, heads -0.6.
      const value = (a: string) => result.strategy.find((x) => x.key === a)!.value;
      expect(value('tails')).toBeCloseTo(0.6, 1);
      expect(value('heads')).toBeCloseTo(-0.6, 1);
    }
    expect(statesSeen.length).toBeGreaterThan(0);
    expect(statesSeen.filter((s) => s.origin !== 'sampled')).toEqual([]);
    expect(statesSeen).not.toContain(truth);
  });
});
