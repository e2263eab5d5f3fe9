// Tic-tac-toe's rules: lines win, a full board without a line is a draw, the legal actions are the empty cells,
// returns are zero-sum, and random play keeps the invariants (with the known outcome frequencies of random play).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../rng.ts';
import { initialTicTacToe, renderTicTacToe, TicTacToe, ticTacToeFromBoard, ticTacToeWinner, type TicTacToeState } from './tictactoe.ts';

const rng = Rng.seeded(0); // tic-tac-toe draws no chance; apply still takes a generator
const play = (s: TicTacToeState, ...cells: number[]) => cells.reduce((acc, cell) => TicTacToe.apply(acc, { [acc.toMove]: cell }, rng), s);

describe('tic-tac-toe', () => {
  it('starts empty with X to move and all nine cells legal', () => {
    const s = initialTicTacToe();
    expect(renderTicTacToe(s)).toBe('... ... ...');
    expect(TicTacToe.movers(s)).toEqual(['x']);
    expect(TicTacToe.legalActions(s, 'x')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(TicTacToe.legalActions(s, 'o')).toEqual([]);
    expect(TicTacToe.isTerminal(s)).toBe(false);
    expect(TicTacToe.returns(s)).toEqual({ x: 0, o: 0 });
  });

  it('alternates movers and shrinks the legal actions by the cell played', () => {
    const s = play(initialTicTacToe(), 4);
    expect(renderTicTacToe(s)).toBe('... .x. ...');
    expect(TicTacToe.movers(s)).toEqual(['o']);
    expect(TicTacToe.legalActions(s, 'o')).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    const t = play(s, 0);
    expect(renderTicTacToe(t)).toBe('o.. .x. ...');
    expect(TicTacToe.legalActions(t, 'x')).toEqual([1, 2, 3, 5, 6, 7, 8]);
  });

  it('is pure: apply leaves the state it was given unchanged', () => {
    const s = ticTacToeFromBoard('x.. .o. ...');
    play(s, 8);
    expect(renderTicTacToe(s)).toBe('x.. .o. ...');
  });

  const lines: [string, string][] = [
    ['top row', 'xxx oo. ...'],
    ['middle row', 'oo. xxx ...'],
    ['bottom row', 'oo. ... xxx'],
    ['left column', 'xo. xo. x..'],
    ['middle column', 'ox. ox. .x.'],
    ['right column', 'o.x o.x ..x'],
    ['main diagonal', 'xo. ox. ..x'],
    ['anti-diagonal', 'o.x ox. x..'],
  ];
  it.each(lines)('X wins on the %s', (_name, board) => {
    const s = ticTacToeFromBoard(board);
    expect(ticTacToeWinner(s)).toBe('x');
    expect(TicTacToe.isTerminal(s)).toBe(true);
    expect(TicTacToe.movers(s)).toEqual([]);
    expect(TicTacToe.legalActions(s, 'o')).toEqual([]);
    expect(TicTacToe.returns(s)).toEqual({ x: 1, o: -1 });
  });

  it('O wins with a line of its own, and the game ends there', () => {
    const s = play(initialTicTacToe(), 0, 2, 1, 4, 8, 6);
    expect(renderTicTacToe(s)).toBe('xxo .o. o.x');
    expect(ticTacToeWinner(s)).toBe('o');
    expect(TicTacToe.returns(s)).toEqual({ x: -1, o: 1 });
    expect(() => play(s, 3)).toThrow(/no move/);
  });

  it('a full board without a line is a draw', () => {
    const s = ticTacToeFromBoard('xox xoo oxx');
    expect(ticTacToeWinner(s)).toBeNull();
    expect(TicTacToe.isTerminal(s)).toBe(true);
    expect(TicTacToe.movers(s)).toEqual([]);
    expect(TicTacToe.returns(s)).toEqual({ x: 0, o: 0 });
  });

  it('refuses an occupied cell, a cell off the board and a move by the wrong player', () => {
    const s = ticTacToeFromBoard('x.. ... ...');
    expect(() => play(s, 0)).toThrow(/not free/);
    expect(() => play(s, 9)).toThrow(/not free/);
    expect(() => TicTacToe.apply(s, { x: 1 }, rng)).toThrow(/no move for o/);
  });

  it('reads boards and refuses impossible ones', () => {
    expect(ticTacToeFromBoard('xo. ... ...').toMove).toBe('x');
    expect(ticTacToeFromBoard('x.. ... ...').toMove).toBe('o');
    expect(() => ticTacToeFromBoard('oo. ... ...')).toThrow(/X moves first/);
    expect(() => ticTacToeFromBoard('xq. ... ...')).toThrow(/nine cells/);
  });

  it('is a game of perfect information: the observation is the state, and so is its determinisation', () => {
    const s = ticTacToeFromBoard('xo. .x. ...');
    expect(TicTacToe.observe(s, 'o')).toBe(s);
    expect(TicTacToe.determinize(s, 'o', rng)).toBe(s);
    expect(TicTacToe.actionKey(4)).toBe('4');
  });

  it('keeps its invariants under random play: one mover until the end, marks alternate, returns sum to zero', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const r = Rng.seeded(seed);
        let s = initialTicTacToe();
        for (let ply = 0; !TicTacToe.isTerminal(s); ply++) {
          expect(TicTacToe.movers(s)).toEqual([ply % 2 === 0 ? 'x' : 'o']);
          expect(TicTacToe.legalActions(s, s.toMove)).toHaveLength(9 - ply);
          const legal = TicTacToe.legalActions(s, s.toMove);
          s = play(s, legal[r.int(legal.length)]!);
        }
        const { x, o } = TicTacToe.returns(s);
        expect(x! + o!).toBe(0);
        expect(TicTacToe.movers(s)).toEqual([]);
      }),
    );
  });
});
