/**
 * A generic game, after OpenSpiel's Game/State API (Lanctot et al. 2019): players, the players who move in a
 * state (one for sequential games, several for simultaneous moves), their legal actions, a pure transition that
 * takes chance from a seeded generator, terminal states, a return per player, and what each player observes.
 * Search (src/core/search/) is written against this interface only, so it knows nothing about geopolitics; the
 * crisis engine (crisis.ts), TicTacToe and a matrix game implement it.
 */
import type { Rng } from '../rng.ts';

export type PlayerId = string;

/** The movers' actions for one step: for a sequential game one entry, for simultaneous moves one per mover. */
export type JointAction<A> = Readonly<Record<PlayerId, A>>;

export interface Game<S, A, O = S> {
  readonly name: string;
  readonly players: readonly PlayerId[];
  /** The players who move in `state`: none when it is terminal. */
  movers(state: S): readonly PlayerId[];
  /** The actions `player` may take in `state` (not empty for a mover). */
  legalActions(state: S, player: PlayerId): readonly A[];
  /** The state after the movers' joint action. Pure: `state` is not changed; chance comes from `rng` only. */
  apply(state: S, actions: JointAction<A>, rng: Rng): S;
  isTerminal(state: S): boolean;
  /** A return per player (meaningful at any state: search cuts rollouts short and reads it). */
  returns(state: S): Readonly<Record<PlayerId, number>>;
  /** What `player` knows in `state`: bots receive this, never the state. */
  observe(state: S, player: PlayerId): O;
  /**
   * A state consistent with `player`'s observation, its unseen parts drawn from `rng` (information-set sampling,
   * "determinisation"). Perfect-information games return the observed state itself.
   */
  determinize(observation: O, player: PlayerId, rng: Rng): S;
  /** A stable text key for an action (statistics tables, explanations, tests). */
  actionKey(action: A): string;
}
