/**
 * One-shot two-player zero-sum matrix games as generic `Game`s (types.ts): both players move at once, once, and
 * the row player receives `payoffs[row][column]`, the column player its negative. They test simultaneous-move
 * search against equilibria known in closed form (OpenSpiel's `matrix_mp` and `matrix_rps` play the same role).
 *
 * An action is the index of a row (for 'row') or of a column (for 'column'). Both players see everything, but
 * there is nothing to see before the moves: neither learns the other's choice until the game is over.
 */
import type { Game, JointAction } from './types.ts';

export type MatrixPlayer = 'row' | 'column';

/** Before the moves, both choices are null; after them, the game is over. */
export interface MatrixState {
  readonly row: number | null;
  readonly column: number | null;
}

export type MatrixGame = Game<MatrixState, number> & {
  /** The row player's payoffs, `payoffs[row][column]`. */
  readonly payoffs: readonly (readonly number[])[];
  readonly initial: MatrixState;
};

const BOTH = Object.freeze(['row', 'column']);
const NONE = Object.freeze([]);

/** A zero-sum matrix game: `payoffs[r][c]` to the row player, its negative to the column player. */
export function matrixGame(name: string, payoffs: readonly (readonly number[])[]): MatrixGame {
  const rows = payoffs.length;
  const columns = payoffs[0]?.length ?? 0;
  if (rows === 0 || columns === 0 || payoffs.some((r) => r.length !== columns)) {
    throw new Error(`matrix game ${name}: payoffs must be a non-empty rectangular matrix`);
  }
  const rowActions = Object.freeze(Array.from({ length: rows }, (_, i) => i));
  const columnActions = Object.freeze(Array.from({ length: columns }, (_, i) => i));
  const initial: MatrixState = Object.freeze({ row: null, column: null });
  const over = (s: MatrixState) => s.row !== null;
  return {
    name,
    payoffs,
    initial,
    players: BOTH,
    movers: (s) => (over(s) ? NONE : BOTH),
    legalActions: (s, player) => (over(s) ? [] : player === 'row' ? rowActions : player === 'column' ? columnActions : []),
    apply: (s: MatrixState, actions: JointAction<number>) => {
      const row = actions['row'];
      const column = actions['column'];
      if (over(s)) throw new Error(`matrix game ${name}: the game is over`);
      if (row === undefined || !rowActions.includes(row))
        throw new Error(`matrix game ${name}: no legal row action in ${JSON.stringify(actions)}`);
      if (column === undefined || !columnActions.includes(column)) {
        throw new Error(`matrix game ${name}: no legal column action in ${JSON.stringify(actions)}`);
      }
      return { row, column };
    },
    isTerminal: over,
    returns: (s) => {
      const value = s.row === null || s.column === null ? 0 : payoffs[s.row]![s.column]!;
      return { row: value, column: value === 0 ? 0 : -value }; // no -0 in the records
    },
    observe: (s) => s,
    determinize: (o) => o,
    actionKey: (a) => String(a),
  };
}

/** Matching pennies: the row player wins 1 when the coins match, loses 1 otherwise; equilibrium (1/2, 1/2) each. */
export const MatchingPennies: MatrixGame = matrixGame('matching-pennies', [
  [1, -1],
  [-1, 1],
]);
