/**
 * The searching bot: regret matching at the root under hidden information (src/core/search/regret.ts). Each
 * iteration draws a world from the bot's observation (never the true state); in it every candidate plan of the
 * bot's is played against the other actors' heuristic plans (an opponent model: they do not search) with the same
 * chance, and the heuristic policy plays ROLLOUT_TURNS more turns; the returns update the bot's regrets. The bot
 * plays the most probable plan of its average strategy and explains it against the runners-up and against doing
 * nothing by rollouts on common worlds (evaluate.ts). The generic search also adapts every mover at once
 * (tested on matrix games); for the crisis, whose returns are noisy and whose movers are many, holding the others
 * to a model and comparing one's own plans on common worlds is what makes a few dozen iterations enough.
 */
import { performance } from 'node:perf_hooks';
import type { Observation } from '../core/engine/observe.ts';
import type { CrisisGame, Plan } from '../core/game/crisis.ts';
import { planKey } from '../core/game/crisis.ts';
import type { Id } from '../core/model.ts';
import { Rng } from '../core/rng.ts';
import { regretSearch } from '../core/search/regret.ts';
import type { Bot, Budget, Decision } from './bot.ts';
import { evaluatePlans, termsThatDecided } from './evaluate.ts';
import { planText } from './words.ts';

/** Turns of heuristic play after the searched turn before the returns are read. */
export const ROLLOUT_TURNS = 4;
/** Rollouts per plan when explaining the choice. */
export const EXPLAIN_ROLLOUTS = 6;

export interface SearchBotOptions {
  seed: number;
  budget: Budget;
}

export function searchBot(game: CrisisGame, actor: Id, options: SearchBotOptions): Bot {
  const rng = Rng.seeded(options.seed);
  let calls = 0;
  const rollout = (s: Parameters<CrisisGame['apply']>[0], r: Rng) => {
    let state = s;
    for (let d = 0; d < ROLLOUT_TURNS && !game.isTerminal(state); d++) state = game.apply(state, game.heuristicTurn(state, r), r);
    return state;
  };
  return {
    kind: 'mcts',
    actor,
    decide(o: Observation): Decision {
      const budget = options.budget;
      const deadline = 'milliseconds' in budget ? performance.now() + budget.milliseconds : Infinity;
      // Every plan of the bot's is played out in each sampled world with the same chance (the 'enumerate'
      // estimator: exact counterfactual values per world); the others follow the heuristic policy.
      const result = regretSearch(game.against(actor), o, actor, {
        iterations: 'iterations' in budget ? budget.iterations : Number.MAX_SAFE_INTEGER,
        rng,
        rollout,
        estimator: 'enumerate',
        shouldStop: () => performance.now() > deadline,
      });
      const ranked = [...result.strategy].sort((a, b) => b.probability - a.probability);
      const plans: Plan[] = ranked.slice(0, 3).map((x) => x.action);
      if (!plans.some((p) => p.length === 0)) plans.push([]);
      const alternatives = evaluatePlans(game, o, actor, plans, {
        rollouts: EXPLAIN_ROLLOUTS,
        depth: ROLLOUT_TURNS + 1,
        seed: options.seed * 31 + calls++,
      });
      const chosen = alternatives.find((a) => planKey(a.orders) === planKey(result.action)) ?? alternatives[0]!;
      const runnerUp = alternatives.find((a) => a !== chosen);
      const share = ranked.find((x) => planKey(x.action) === planKey(result.action))?.probability ?? 0;
      const what = result.action.length === 0 ? 'does nothing' : `orders ${planText(result.action)}`;
      const reasons = [
        (ranked.length === 1
          ? `${what}: it has no other plan (expected return ${chosen.value.toFixed(3)})`
          : `${what}: best of ${ranked.length} plans over ${result.iterations} sampled worlds (chosen ${Math.round(share * 100)} % of the time, expected return ${chosen.value.toFixed(3)})`) +
          (runnerUp
            ? `; against ${runnerUp.orders.length === 0 ? 'doing nothing' : planText(runnerUp.orders)}: ${termsThatDecided(chosen, runnerUp)}`
            : ''),
      ];
      return { actor, orders: result.action, reasons, value: chosen.value, alternatives };
    },
  };
}
