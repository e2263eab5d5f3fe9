/**
 * Tic-tac-toe as a generic `Game` (types.ts): the smallest sequential, deterministic, perfect-information game,
 * used to test and benchmark search (OpenSpiel's `tic_tac_toe` plays the same role). X moves first; an action is
 * the index of an empty cell, 0..8 row by row:
 *
 *     0 1 2
 *     3 4 5
 *     6 7 8
 *
 * The state is two 9-bit masks, the cells held by each player, and the player to move, so copying it is one
 * small object and every rule is a table lookup: random playouts run at millions of moves per second. Returns
 * are +1 for the winner, -1 for the loser, 0 for both on a draw or before the end.
 */
import type { Rng } from '../rng.ts';
import type { Game, JointAction, PlayerId } from './types.ts';

export type TicTacToePlayer = 'x' | 'o';

export interface TicTacToeState {
  /** The cells X holds: bit i for cell i. */
  readonly x: number;
  /** The cells O holds: bit i for cell i. */
  readonly o: number;
  readonly toMove: TicTacToePlayer;
}

const FULL = 0b111_111_111;

/** The eight lines: three rows, three columns, two diagonals, as cell masks. */
const LINES = [0b000_000_111, 0b000_111_000, 0b111_000_000, 0b001_001_001, 0b010_010_010, 0b100_100_100, 0b100_010_001, 0b001_010_100];

/** HAS_LINE[mask] is 1 when the cells of `mask` contain a whole line. */
const HAS_LINE = new Uint8Array(FULL + 1);
/** EMPTY_CELLS[mask] lists the cells not in `mask`, ascending: the legal actions when `mask` is occupied. */
const EMPTY_CELLS: readonly (readonly number[])[] = Array.from({ length: FULL + 1 }, (_, mask) => {
  HAS_LINE[mask] = LINES.some((line) => (mask & line) === line) ? 1 : 0;
  const cells: number[] = [];
  for (let cell = 0; cell < 9; cell++) if ((mask & (1 << cell)) === 0) cells.push(cell);
  return Object.freeze(cells);
});

// Shared, frozen answers: the hot path of search allocates nothing for them.
const MOVERS_X: readonly PlayerId[] = Object.freeze(['x']);
const MOVERS_O: readonly PlayerId[] = Object.freeze(['o']);
const NO_MOVERS: readonly PlayerId[] = Object.freeze([]);
const NO_ACTIONS: readonly number[] = Object.freeze([]);
const X_WINS = Object.freeze({ x: 1, o: -1 });
const O_WINS = Object.freeze({ x: -1, o: 1 });
const NOTHING_YET = Object.freeze({ x: 0, o: 0 });

/** The empty board, X to move. */
export function initialTicTacToe(): TicTacToeState {
  return { x: 0, o: 0, toMove: 'x' };
}

/**
 * A state from a picture of the board: nine cells row by row, 'x', 'o' or '.', whitespace ignored
 * ("xo. .x. ..o"). The player to move follows from the counts (X when they are equal).
 */
export function ticTacToeFromBoard(board: string): TicTacToeState {
  const cells = board.replace(/\s+/g, '');
  if (!/^[xo.]{9}$/.test(cells)) throw new Error(`a tic-tac-toe board is nine cells of 'x', 'o' or '.', got "${board}"`);
  let x = 0;
  let o = 0;
  for (let cell = 0; cell < 9; cell++) {
    if (cells[cell] === 'x') x |= 1 << cell;
    else if (cells[cell] === 'o') o |= 1 << cell;
  }
  const xs = popcount(x);
  const os = popcount(o);
  if (xs !== os && xs !== os + 1) throw new Error(`X moves first, so X has as many marks as O or one more: "${board}"`);
  return { x, o, toMove: xs === os ? 'x' : 'o' };
}

/** The board as three rows of 'x', 'o' and '.', separated by spaces ("xo. .x. ..o"). */
export function renderTicTacToe(state: TicTacToeState): string {
  let out = '';
  for (let cell = 0; cell < 9; cell++) {
    if (cell > 0 && cell % 3 === 0) out += ' ';
    out += state.x & (1 << cell) ? 'x' : state.o & (1 << cell) ? 'o' : '.';
  }
  return out;
}

/** The player with a line, if any. */
export function ticTacToeWinner(state: TicTacToeState): TicTacToePlayer | null {
  if (HAS_LINE[state.x]) return 'x';
  if (HAS_LINE[state.o]) return 'o';
  return null;
}

function isOver(state: TicTacToeState): boolean {
  return HAS_LINE[state.x] === 1 || HAS_LINE[state.o] === 1 || (state.x | state.o) === FULL;
}

function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

export const TicTacToe: Game<TicTacToeState, number> = {
  name: 'tic-tac-toe',
  players: Object.freeze(['x', 'o']),
  movers: (state) => (isOver(state) ? NO_MOVERS : state.toMove === 'x' ? MOVERS_X : MOVERS_O),
  legalActions: (state, player) => (player === state.toMove && !isOver(state) ? EMPTY_CELLS[state.x | state.o]! : NO_ACTIONS),
  apply: (state: TicTacToeState, actions: JointAction<number>, _rng: Rng) => {
    const cell = actions[state.toMove];
    if (cell === undefined || isOver(state)) throw new Error(`tic-tac-toe: no move for ${state.toMove} in ${renderTicTacToe(state)}`);
    const bit = 1 << cell;
    if (!(cell >= 0 && cell < 9 && Number.isInteger(cell)) || ((state.x | state.o) & bit) !== 0) {
      throw new Error(`tic-tac-toe: cell ${cell} is not free in ${renderTicTacToe(state)}`);
    }
    return state.toMove === 'x' ? { x: state.x | bit, o: state.o, toMove: 'o' } : { x: state.x, o: state.o | bit, toMove: 'x' };
  },
  isTerminal: isOver,
  returns: (state) => (HAS_LINE[state.x] ? X_WINS : HAS_LINE[state.o] ? O_WINS : NOTHING_YET),
  observe: (state) => state,
  determinize: (observation) => observation,
  actionKey: (cell) => String(cell),
};
