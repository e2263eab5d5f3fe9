// Matrix games: both players move once, at the same time, and receive the payoff and its negative.
import { describe, expect, it } from 'vitest';
import { Rng } from '../rng.ts';
import { MatchingPennies, matrixGame } from './matching-pennies.ts';

const rng = Rng.seeded(0);

describe('matrix games', () => {
  it('let both players move at the start and nobody after the one step', () => {
    const s = MatchingPennies.initial;
    expect(MatchingPennies.movers(s)).toEqual(['row', 'column']);
    expect(MatchingPennies.legalActions(s, 'row')).toEqual([0, 1]);
    expect(MatchingPennies.legalActions(s, 'column')).toEqual([0, 1]);
    expect(MatchingPennies.isTerminal(s)).toBe(false);
    expect(MatchingPennies.returns(s)).toEqual({ row: 0, column: 0 });
    const t = MatchingPennies.apply(s, { row: 0, column: 1 }, rng);
    expect(MatchingPennies.isTerminal(t)).toBe(true);
    expect(MatchingPennies.movers(t)).toEqual([]);
    expect(MatchingPennies.legalActions(t, 'row')).toEqual([]);
  });

  it('pay the row player the matrix entry and the column player its negative', () => {
    for (const [row, column, payoff] of [
      [0, 0, 1],
      [0, 1, -1],
      [1, 0, -1],
      [1, 1, 1],
    ] as const) {
      expect(MatchingPennies.returns(MatchingPennies.apply(MatchingPennies.initial, { row, column }, rng))).toEqual({
        row: payoff,
        column: -payoff,
      });
    }
  });

  it('take any rectangular matrix, and refuse a ragged one or an illegal joint action', () => {
    const g = matrixGame('three-by-two', [
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(g.legalActions(g.initial, 'row')).toEqual([0, 1, 2]);
    expect(g.legalActions(g.initial, 'column')).toEqual([0, 1]);
    expect(g.returns(g.apply(g.initial, { row: 2, column: 1 }, rng))).toEqual({ row: 6, column: -6 });
    expect(() => g.apply(g.initial, { row: 3, column: 0 }, rng)).toThrow(/no legal row action/);
    expect(() => g.apply(g.initial, { row: 0 }, rng)).toThrow(/no legal column action/);
    expect(() => matrixGame('ragged', [[1, 2], [3]])).toThrow(/rectangular/);
  });
});
