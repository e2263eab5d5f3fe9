/**
 * Estimating plans by rollouts: from states drawn from the actor's observation (information-set sampling, never
 * the true state), the actor plays a plan for this turn, every actor then follows the heuristic policy for `depth`
 * turns, and the actor's return and weighted utility terms are read at the end. All plans are judged on the same
 * sampled worlds and the same chance (common random numbers), so their differences are not noise between worlds.
 */
import type { CrisisGame, Plan } from '../core/game/crisis.ts';
import type { Observation } from '../core/engine/observe.ts';
import { returnTerms } from '../core/engine/returns.ts';
import { INTEREST_TERMS, type InterestTerm } from '../core/engine/state.ts';
import { Rng } from '../core/rng.ts';
import type { Id } from '../core/model.ts';
import type { Alternative } from './bot.ts';
import { TERM_WORDS } from './words.ts';

export interface EvaluateOptions {
  rollouts: number;
  depth: number;
  seed: number;
}

export function evaluatePlans(game: CrisisGame, o: Observation, actor: Id, plans: readonly Plan[], opts: EvaluateOptions): Alternative[] {
  const sums = plans.map(() => ({ value: 0, terms: zeroTerms() }));
  for (let k = 0; k < opts.rollouts; k++) {
    const world = game.determinize(o, actor, Rng.derive(opts.seed, 2 * k));
    plans.forEach((plan, i) => {
      const rng = Rng.derive(opts.seed, 2 * k + 1);
      let s = world;
      for (let d = 0; d < opts.depth && !game.isTerminal(s); d++) {
        const joint = game.heuristicTurn(s, rng);
        if (d === 0) joint[actor] = plan;
        s = game.apply(s, joint, rng);
      }
      const me = s.actors.find((a) => a.id === actor)!;
      const terms = returnTerms(s, me);
      for (const t of INTEREST_TERMS) {
        const weighted = me.interests[t] * terms[t];
        sums[i]!.terms[t] += weighted;
        sums[i]!.value += weighted;
      }
    });
  }
  const n = Math.max(1, opts.rollouts);
  return plans
    .map((plan, i) => ({
      orders: plan,
      value: sums[i]!.value / n,
      terms: Object.fromEntries(INTEREST_TERMS.map((t) => [t, sums[i]!.terms[t] / n])) as Record<InterestTerm, number>,
    }))
    .sort((a, b) => b.value - a.value);
}

function zeroTerms(): Record<InterestTerm, number> {
  return Object.fromEntries(INTEREST_TERMS.map((t) => [t, 0])) as Record<InterestTerm, number>;
}

/**
 * The terms that set a plan apart from another, largest first, in words of what the chosen plan brings: "more
 * ground, fewer casualties, more escalation risk". Differences below `epsilon` are left out.
 */
export function termsThatDecided(chosen: Alternative, other: Alternative, epsilon = 1e-4): string {
  const diffs = INTEREST_TERMS.map((t) => ({ t, d: chosen.terms[t] - other.terms[t] }))
    .filter((x) => Math.abs(x.d) > epsilon)
    .sort((a, b) => Math.abs(b.d) - Math.abs(a.d));
  if (diffs.length === 0) return 'no term of its interests differs';
  return diffs.map((x) => TERM_WORDS[x.t][x.d > 0 ? 0 : 1]).join(', ');
}
