/**
 * Why every run of a forecast gave the same answer to a question that the rules could decide either way (reach.ts
 * calls it open): a 0.0 % or 100.0 % is the model's answer then, not an impossibility, and a reader must be told what
 * held it there (docs/forecast.md, "Every run alike"). The reason is the fact the question holds on at the start, or
 * the gate of the engine's or the bots' rule that could have changed the answer, in words; the sensitivity table
 * says which inputs move the runs nearer it.
 */
import { COLLAPSE_SUPPORT } from '../engine/defaults.ts';
import { ACCEPT_SUPPORT, OFFER_SUPPORT, POOL_RESERVE } from '../policy/heuristic.ts';
import type { Predicate, Question, Scenario } from '../model.ts';

const pct = (x: number) => `${Math.round(x * 100)} %`;

/**
 * The reason for a question answered alike in every run: `yes` the common answer, `atStart` whether its predicate
 * held in the scenario's initial state.
 */
export function unanimousReason(s: Scenario, q: Question, yes: boolean, atStart: boolean): string {
  const how = q.holds ?? 'ever';
  if (yes && atStart && how === 'ever')
    return `it holds at the start: a fact of the scenario's date (${s.start}), not an outcome of the runs`;
  if (!yes && !atStart && how === 'throughout')
    return `it does not hold at the start (${s.start}), and a question of "throughout" fails there`;
  return gate(s, q.when, yes);
}

/** The rule that decides `p`, and which way it went in every run (`yes`: it held). */
function gate(s: Scenario, p: Predicate, yes: boolean): string {
  const name = (id: string) => s.actors.find((a) => a.id === id)?.name ?? id;
  const every = yes ? 'in every run' : 'in no run';
  if ('not' in p) return gate(s, p.not, !yes);
  if ('ceasefire' in p)
    return (
      `a ceasefire needs both principals' offers in the same turn; the bots offer one when support at home falls below ` +
      `${pct(OFFER_SUPPORT)} and take up an offer below ${pct(ACCEPT_SUPPORT)}, and a government whose support fell below ` +
      `${pct(COLLAPSE_SUPPORT)} seeks one; support fell that far ${yes ? 'in every run' : 'in no run'} (the support metrics show how far it did)`
    );
  if ('mobilised' in p)
    return (
      `${name(p.mobilised.actor)} mobilises a level up when its pool is under ${pct(POOL_RESERVE)} of its deployed forces and its ` +
      `support, less the draft's cost, stays at 40 % or more (or a red line orders it); both held ${yes ? 'in every run' : 'together in no run'}`
    );
  if ('treaty_invoked' in p)
    return `the bots invoke a treaty triggered for them while at war on the first turn it is (docs/ai.md); ${p.treaty_invoked.treaty} was triggered ${every}`;
  if ('casualties_exceed' in p)
    return `casualties come from the fronts' combat (docs/model.md §3); ${name(p.casualties_exceed.actor)}'s passed ${p.casualties_exceed.value.toLocaleString('en-GB')} ${every}`;
  if ('front_control_above' in p || 'front_control_below' in p) {
    const f = 'front_control_above' in p ? p.front_control_above : p.front_control_below!;
    const dir = 'front_control_above' in p ? 'above' : 'below';
    return `fronts move by the combat of the forces on them (docs/model.md §3); ${f.front}'s control went ${dir} ${f.value} ${every}`;
  }
  if ('support_below' in p)
    return `support moves with casualties, the economy and rallies (docs/model.md §2); ${name(p.support_below.actor)}'s fell below ${pct(p.support_below.value)} ${every}`;
  if ('in_combat' in p || 'actor_at_war' in p || 'troops_deployed' in p || 'arms_transfer' in p || 'permission_granted' in p)
    return `it comes about only through a red line, a treaty call, a bandwagon or a bot's rule whose condition or chance held ${every} (reach: the rules allow ${yes ? 'otherwise' : 'it'})`;
  return `the rules allow ${yes ? 'otherwise' : 'it'} (a static check), but ${yes ? 'every' : 'no'} run's draws made it so: the sensitivity table shows what moves it`;
}
