/**
 * What the three ceasefire orders share: the war named, one the actor is a party to and still under way. A war stops
 * when both sides' principals — the first actor listed on each side — offer in the same turn, or one takes up the
 * other's offer of the turn before (apply.ts's diplomacy stage): a junior ally cannot stop a war.
 */
import type { Queued } from '../orders.ts';
import { sideOf, type GameState, type WarState } from '../state.ts';
import type { Turn } from '../turn.ts';

/** The war and the actor's side in it, or null (refused with the reason). */
export function ceasefireWar(turn: Turn, q: Queued & { order: { war: string } }): { war: WarState; side: 0 | 1 } | null {
  const war = turn.wars.get(q.order.war);
  const side = war ? sideOf(war, q.actor) : -1;
  if (!war) turn.refuse(q, 'unknown_war', `no war "${q.order.war}"`);
  else if (side === -1) turn.refuse(q, 'not_a_belligerent', `"${q.actor}" is not a party to war "${q.order.war}"`);
  else if (!war.active) turn.refuse(q, 'unknown_war', `war "${q.order.war}" has already stopped`);
  else return { war, side };
  return null;
}

/** An offer of ceasefire (a proposal, or an acceptance, which is proposing in return): it stands for one turn. */
export function offer(turn: Turn, q: Queued, war: WarState, side: 0 | 1): void {
  turn.events.push({ type: 'ceasefire_proposed', actor: q.actor, war: war.id });
  if (!war.offers.includes(q.actor)) war.offers.push(q.actor);
  if (war.sides[side][0] === q.actor) turn.ceasefireSides.set(war.id, (turn.ceasefireSides.get(war.id) ?? new Set()).add(side));
}

/** The active wars `actor` is a party to. */
export function warsOf(state: GameState, actor: string): WarState[] {
  return state.wars.filter((w) => w.active && sideOf(w, actor) !== -1);
}
