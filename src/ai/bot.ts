/**
 * Bots: the AI actors. A bot receives an actor's observation (src/core/engine/observe.ts) — never the state — and
 * returns its orders for the turn with the reasons, the value it expects and the alternatives it weighed, each with
 * the utility terms that set them apart (docs/ai.md). A bot's random choices come from its own generator, seeded
 * by the game, so a game with bots is reproducible and the bot cannot see the engine's chance.
 */
import type { Observation } from '../core/engine/observe.ts';
import type { Order } from '../core/engine/orders.ts';
import type { InterestTerm } from '../core/engine/state.ts';
import type { Id } from '../core/model.ts';

/** A plan weighed by a bot: its expected return and its weighted utility terms (weight · term, averaged). */
export interface Alternative {
  orders: Order[];
  value: number;
  terms: Record<InterestTerm, number>;
}

export interface Decision {
  actor: Id;
  orders: Order[];
  /** One line per order, or why the bot does nothing; empty for a heuristic bot made with `reasons: false`. */
  reasons: string[];
  /** The chosen plan's expected return, when the bot estimated it. */
  value: number | null;
  /** The plans weighed, best first (the chosen one among them when the bot estimated values). */
  alternatives: Alternative[];
}

export type BotKind = 'heuristic' | 'mcts';

export interface Bot {
  readonly kind: BotKind;
  readonly actor: Id;
  decide(observation: Observation): Decision;
}

/** How long a searching bot thinks: a number of iterations (reproducible) or milliseconds (not reproducible). */
export type Budget = { iterations: number } | { milliseconds: number };
