/**
 * Random playouts: the default rollout policy of search (mcts.ts, regret.ts). Every mover picks a legal action
 * uniformly at random, step after step, until the game ends (or after `maxSteps` steps). This is the "random
 * simulation" of Monte Carlo tree search (Browne et al. 2012, "A survey of Monte Carlo tree search methods",
 * section 3.3); it is on the hot path, so it allocates only what `game.apply` needs: one joint action per step.
 */
import type { Rng } from '../rng.ts';
import type { Game, PlayerId } from '../game/types.ts';

/**
 * The state reached from `state` when every mover plays a uniformly random legal action, until the game ends or
 * `maxSteps` steps have been played. A step with no movers (a non-terminal state where only chance acts) applies an
 * empty joint action. All chance comes from `rng`.
 */
export function randomPlayout<S, A, O>(game: Game<S, A, O>, state: S, rng: Rng, maxSteps = Infinity): S {
  let s = state;
  for (let step = 0; step < maxSteps && !game.isTerminal(s); step++) {
    const movers = game.movers(s);
    const joint: Record<PlayerId, A> = {};
    for (let i = 0; i < movers.length; i++) {
      const player = movers[i]!;
      const legal = game.legalActions(s, player);
      if (legal.length === 0) throw new Error(`${game.name}: mover ${player} has no legal action`);
      joint[player] = legal[rng.int(legal.length)]!;
    }
    s = game.apply(s, joint, rng);
  }
  return s;
}
