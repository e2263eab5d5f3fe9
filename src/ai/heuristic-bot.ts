/**
 * The heuristic bot: the fast policy of src/core/policy/heuristic.ts, with its reasons. With `explain`, it also
 * weighs its plan against doing nothing by a few rollouts, so its choice comes with values and the utility terms
 * that decided it (slower: for play, not for large forecasts).
 */
import type { CrisisGame } from '../core/game/crisis.ts';
import type { Observation } from '../core/engine/observe.ts';
import { heuristicOrders } from '../core/policy/heuristic.ts';
import { Rng } from '../core/rng.ts';
import type { Id } from '../core/model.ts';
import type { Bot, Decision } from './bot.ts';
import { evaluatePlans } from './evaluate.ts';

export interface HeuristicBotOptions {
  seed: number;
  /** Weigh the plan against passing by rollouts (default: no). */
  explain?: { rollouts: number; depth: number };
  /** Give reasons (default: yes). Forecast runs read none and save the time. */
  reasons?: boolean;
}

export function heuristicBot(game: CrisisGame, actor: Id, options: HeuristicBotOptions): Bot {
  const rng = Rng.seeded(options.seed);
  let calls = 0;
  return {
    kind: 'heuristic',
    actor,
    decide(o: Observation): Decision {
      const withReasons = options.reasons ?? true;
      const choice = heuristicOrders(o, rng, withReasons);
      let reasons = choice.reasons;
      if (withReasons && reasons.length === 0) reasons = ['does nothing this turn: no rule calls for an order'];
      if (!options.explain) return { actor, orders: choice.orders, reasons, value: null, alternatives: [] };
      const plans = choice.orders.length > 0 ? [choice.orders, []] : [[]];
      const alternatives = evaluatePlans(game, o, actor, plans, { ...options.explain, seed: options.seed * 7919 + calls++ });
      const chosen = alternatives.find((a) => a.orders === choice.orders) ?? alternatives[0]!;
      return { actor, orders: choice.orders, reasons, value: chosen.value, alternatives };
    },
  };
}
