/**
 * TicTacToe written by hand, with no framework: the limit that `npm run bench:ai` measures our generic `Game`
 * (src/core/game/tictactoe.ts), `randomPlayout` and `mctsSearch` against. Bench-only; not part of yourmove.
 *
 * Everything but the framework is the same as ours, so the ratio is the framework's cost alone: the board is the
 * same two 9-bit masks with the same line and empty-cell tables; a random playout draws `rng.int(empty cells)` of
 * the same generator (src/core/rng.ts) and takes that cell of the ascending list, so from the same seed it plays
 * the same games move for move; the UCT below is mcts.ts's loop (uniform expansion, UCB1 with c = sqrt(2), random
 * rollouts, the robust child) drawing the same numbers in the same order, so from the same seed it builds the same
 * tree. What it leaves out: the players' and actions' arrays and joint-action objects of the `Game` interface, a
 * state object per move, the returns as a record per player, and the rules' checks of every move.
 */
import type { Rng } from '../dist/core/rng.js';

const FULL = 0b111_111_111;
const LINES = [0b000_000_111, 0b000_111_000, 0b111_000_000, 0b001_001_001, 0b010_010_010, 0b100_100_100, 0b100_010_001, 0b001_010_100];
/** HAS_LINE[mask] is 1 when the cells of `mask` contain a whole line. */
const HAS_LINE = new Uint8Array(FULL + 1);
/** EMPTY_CELLS[mask] lists the cells not in `mask`, ascending. */
const EMPTY_CELLS: readonly (readonly number[])[] = Array.from({ length: FULL + 1 }, (_, mask) => {
  HAS_LINE[mask] = LINES.some((line) => (mask & line) === line) ? 1 : 0;
  const cells: number[] = [];
  for (let cell = 0; cell < 9; cell++) if ((mask & (1 << cell)) === 0) cells.push(cell);
  return cells;
});

/** What `outcome` gives while the game goes on. */
const ONGOING = 2;

/** X's return on the board (x, o): +1 when X has a line, -1 when O has one, 0 when full; else ONGOING. */
function outcome(x: number, o: number): number {
  if (HAS_LINE[x]) return 1;
  if (HAS_LINE[o]) return -1;
  return (x | o) === FULL ? 0 : ONGOING;
}

/** Plays uniformly random legal moves from the board (x, o), `xToMove` to move, to the end: X's return. */
export function playoutByHand(x: number, o: number, xToMove: boolean, rng: Rng): number {
  for (;;) {
    const r = outcome(x, o);
    if (r !== ONGOING) return r;
    const empty = EMPTY_CELLS[x | o]!;
    const bit = 1 << empty[rng.int(empty.length)]!;
    if (xToMove) x |= bit;
    else o |= bit;
    xToMove = !xToMove;
  }
}

class UctNode {
  /** X's return here if the game is over, ONGOING otherwise. */
  readonly over: number;
  /** The empty cells, the mover's moves (none when over). */
  readonly cells: readonly number[];
  readonly children: (UctNode | undefined)[];
  untried: number;
  visits = 0;
  /** The sum of X's returns over the iterations through this node (O's is its negative). */
  xTotal = 0;

  constructor(
    readonly x: number,
    readonly o: number,
    readonly xToMove: boolean,
  ) {
    this.over = outcome(x, o);
    this.cells = this.over === ONGOING ? EMPTY_CELLS[x | o]! : [];
    this.children = new Array<UctNode | undefined>(this.cells.length).fill(undefined);
    this.untried = this.cells.length;
  }
}

/**
 * UCT from the board (x, o), `xToMove` to move, for `iterations` iterations: the chosen cell (most visits, then
 * the better mean for the mover) and each root cell's visits.
 */
export function uctByHand(x: number, o: number, xToMove: boolean, iterations: number, rng: Rng): { cell: number; visits: number[] } {
  const root = new UctNode(x, o, xToMove);
  const path: UctNode[] = [];
  for (let it = 0; it < iterations; it++) {
    path.length = 0;
    let node = root;
    path.push(node);
    while (node.over === ONGOING) {
      if (node.untried > 0) {
        node = expand(node, rng);
        path.push(node);
        break;
      }
      node = select(node);
      path.push(node);
    }
    const r = node.over === ONGOING ? playoutByHand(node.x, node.o, node.xToMove, rng) : node.over;
    for (const n of path) {
      n.visits++;
      n.xTotal += r;
    }
  }
  const sign = xToMove ? 1 : -1;
  const visits = root.children.map((child) => child?.visits ?? 0);
  const value = root.children.map((child) => (child && child.visits > 0 ? (sign * child.xTotal) / child.visits : 0));
  let best = 0;
  for (let i = 1; i < visits.length; i++) {
    if (visits[i]! > visits[best]! || (visits[i] === visits[best] && value[i]! > value[best]!)) best = i;
  }
  return { cell: root.cells[best]!, visits };
}

/** Adds the child of a uniformly random untried cell of `node`. */
function expand(node: UctNode, rng: Rng): UctNode {
  let skip = rng.int(node.untried);
  let i = 0;
  for (; i < node.children.length; i++) {
    if (node.children[i] === undefined) {
      if (skip === 0) break;
      skip--;
    }
  }
  const bit = 1 << node.cells[i]!;
  const child = node.xToMove ? new UctNode(node.x | bit, node.o, false) : new UctNode(node.x, node.o | bit, true);
  node.children[i] = child;
  node.untried--;
  return child;
}

/** The child maximising UCB1 for the mover, c = sqrt(2); ties go to the first. */
function select(node: UctNode): UctNode {
  const sign = node.xToMove ? 1 : -1;
  const scale = Math.SQRT2 * Math.sqrt(Math.log(node.visits));
  let best = node.children[0]!;
  let bestScore = -Infinity;
  for (const child of node.children) {
    const score = (sign * child!.xTotal) / child!.visits + scale / Math.sqrt(child!.visits);
    if (score > bestScore) {
      bestScore = score;
      best = child!;
    }
  }
  return best;
}
