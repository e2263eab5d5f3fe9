/**
 * Monte Carlo tree search with UCT, for sequential games of perfect information (Kocsis & Szepesvári 2006,
 * "Bandit based Monte-Carlo planning", ECML; the loop as in Browne et al. 2012, "A survey of Monte Carlo tree
 * search methods", and OpenSpiel's `MCTSBot`). Each iteration:
 *
 * 1. selection: from the root, while every action of a node has been tried, go to the child maximising UCB1
 *    (Auer, Cesa-Bianchi & Fischer 2002): mean return for the node's mover + c·sqrt(ln N / n);
 * 2. expansion: try one untried action of the node, chosen uniformly at random, and add its child;
 * 3. simulation: play on from the new child with the rollout policy (uniformly random by default) and read
 *    `game.returns` where it stops (at the end of the game, or earlier if the rollout stops short);
 * 4. back-up: add the return vector to every node on the path, so each node can be judged from the point of view
 *    of whoever moves at its parent: multi-player games need no sign flipping.
 *
 * The move chosen is the root child with the most visits (the "robust child"), ties going to the higher mean.
 * Returns are used as the game gives them, not rescaled to [0, 1]; the default c = sqrt(2) is UCB1's constant for
 * rewards in [0, 1], so for returns in [-1, 1] it explores half as much relatively (OpenSpiel's default is 2).
 *
 * Contract: every non-terminal state has exactly one mover (use regret.ts for simultaneous moves), and `apply` is
 * deterministic: a child keeps the state it was expanded with, so a game whose `apply` draws chance would be
 * searched as if that first draw always happened. All randomness comes from `options.rng`, so a search is
 * reproducible; the core reads no clock, and an outer ring imposes a time budget through `shouldStop`.
 */
import type { Rng } from '../rng.ts';
import type { Game, PlayerId } from '../game/types.ts';
import { randomPlayout } from './playout.ts';

export interface MctsOptions<S> {
  /** The most iterations to run (at least one is always run). */
  iterations: number;
  rng: Rng;
  /** UCB1's exploration constant c (default sqrt(2)). */
  exploration?: number;
  /** The simulation policy: the state where a playout from `state` stops (default: uniformly random to the end). */
  rollout?: (state: S, rng: Rng) => S;
  /** Asked before each iteration after the first: true ends the search (a time budget kept by the caller). */
  shouldStop?: () => boolean;
}

export interface MctsActionStats<A> {
  action: A;
  key: string;
  visits: number;
  /** The mean return for the searching player over the iterations through this action (0 when unvisited). */
  value: number;
}

export interface MctsResult<A> {
  /** The root action with the most visits. */
  action: A;
  iterations: number;
  /** One entry per legal action at the root, best first (most visits, then higher value). */
  stats: MctsActionStats<A>[];
}

/** A node of the search tree: a state, its mover's actions, and one child slot per action (by action index). */
class Node<S, A> {
  readonly state: S;
  /** The index in `game.players` of the player to move here; -1 at a terminal state. */
  readonly mover: number;
  readonly actions: readonly A[];
  readonly children: (Node<S, A> | undefined)[];
  /** How many children are still undefined. */
  untried: number;
  visits = 0;
  /** The sum of each player's returns over the iterations through this node, by index in `game.players`. */
  readonly totals: Float64Array;

  constructor(game: Game<S, A, unknown>, state: S) {
    this.state = state;
    this.totals = new Float64Array(game.players.length);
    if (game.isTerminal(state)) {
      this.mover = -1;
      this.actions = [];
    } else {
      const movers = game.movers(state);
      if (movers.length !== 1) {
        throw new Error(`mctsSearch needs one mover per state; ${game.name} has ${movers.length} here (use regretSearch)`);
      }
      this.mover = game.players.indexOf(movers[0]!);
      this.actions = game.legalActions(state, movers[0]!);
      if (this.mover < 0 || this.actions.length === 0) throw new Error(`${game.name}: mover ${movers[0]} is not a player or has no action`);
    }
    this.children = new Array<Node<S, A> | undefined>(this.actions.length).fill(undefined);
    this.untried = this.actions.length;
  }
}

/**
 * UCT search from `state` for `player`, who must be the player to move there. Deterministic for a given state of
 * `options.rng` (which it advances).
 */
export function mctsSearch<S, A, O>(game: Game<S, A, O>, state: S, player: PlayerId, options: MctsOptions<S>): MctsResult<A> {
  const c = options.exploration ?? Math.SQRT2;
  const rng = options.rng;
  const rollout = options.rollout ?? ((s: S, r: Rng) => randomPlayout(game, s, r));
  const players = game.players;
  const me = players.indexOf(player);
  const root = new Node<S, A>(game, state);
  if (root.mover < 0) throw new Error(`mctsSearch: the state is terminal, ${player} has nothing to choose`);
  if (root.mover !== me) throw new Error(`mctsSearch: ${player} is not the player to move (${players[root.mover]} is)`);

  const path: Node<S, A>[] = [];
  const returned = new Float64Array(players.length);
  let iterations = 0;
  while (iterations === 0 || (iterations < options.iterations && !options.shouldStop?.())) {
    iterations++;
    path.length = 0;
    let node = root;
    path.push(node);
    while (node.mover >= 0) {
      if (node.untried > 0) {
        node = expand(game, node, rng);
        path.push(node);
        break;
      }
      node = selectUcb(node, c);
      path.push(node);
    }

    const end = node.mover < 0 ? node.state : rollout(node.state, rng);
    const r = game.returns(end);
    for (let p = 0; p < players.length; p++) returned[p] = r[players[p]!] ?? 0;
    for (let k = 0; k < path.length; k++) {
      const n = path[k]!;
      n.visits++;
      for (let p = 0; p < returned.length; p++) n.totals[p]! += returned[p]!;
    }
  }

  const stats = root.actions.map((action, i): MctsActionStats<A> => {
    const child = root.children[i];
    const visits = child?.visits ?? 0;
    return { action, key: game.actionKey(action), visits, value: child && visits > 0 ? child.totals[me]! / visits : 0 };
  });
  stats.sort((a, b) => b.visits - a.visits || b.value - a.value);
  return { action: stats[0]!.action, iterations, stats };
}

/** Adds the child of a uniformly random untried action of `node` and returns it. */
function expand<S, A>(game: Game<S, A, unknown>, node: Node<S, A>, rng: Rng): Node<S, A> {
  let skip = rng.int(node.untried);
  let i = 0;
  for (; i < node.children.length; i++) {
    if (node.children[i] === undefined) {
      if (skip === 0) break;
      skip--;
    }
  }
  const mover = game.players[node.mover]!;
  const child = new Node<S, A>(game, game.apply(node.state, { [mover]: node.actions[i]! }, rng));
  node.children[i] = child;
  node.untried--;
  return child;
}

/** The child maximising UCB1 for the node's mover (all children have been visited); ties go to the first. */
function selectUcb<S, A>(node: Node<S, A>, c: number): Node<S, A> {
  const scale = c * Math.sqrt(Math.log(node.visits));
  let best: Node<S, A> | undefined;
  let bestScore = -Infinity;
  for (let i = 0; i < node.children.length; i++) {
    const child = node.children[i]!;
    const score = child.totals[node.mover]! / child.visits + scale / Math.sqrt(child.visits);
    if (score > bestScore) {
      bestScore = score;
      best = child;
    }
  }
  return best!;
}
