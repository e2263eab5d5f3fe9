/** What ratifying and rejecting a treaty share: a treaty the actor is a party to, not in force, not rejected. */
import type { Id } from '../../model.ts';
import type { Queued } from '../orders.ts';
import type { GameState, TreatyState } from '../state.ts';
import type { Turn } from '../turn.ts';

/** The treaty the order names, open to the actor's ratification or rejection; or null (refused with the reason). */
export function openTreaty(turn: Turn, q: Queued & { order: { treaty: Id } }, rejected = 'rejected by'): TreatyState | null {
  const id = q.order.treaty;
  const t = turn.state.treaties.find((x) => x.id === id);
  if (!t) turn.refuse(q, 'unknown_treaty', `no treaty "${id}"`);
  else if (!t.parties.includes(q.actor)) turn.refuse(q, 'not_a_party', `"${q.actor}" is not a party to "${id}"`);
  else if (t.inForce) turn.refuse(q, 'already_in_force', `"${id}" is already in force`);
  else if (t.rejectedBy !== null) turn.refuse(q, 'already_done', `"${id}" was ${rejected} "${t.rejectedBy}"`);
  else return t;
  return null;
}

/** The treaties awaiting the actor's ratification. */
export function openTreaties(state: GameState, actor: Id): TreatyState[] {
  return state.treaties.filter((t) => !t.inForce && t.rejectedBy === null && t.parties.includes(actor) && !t.ratifiedBy.includes(actor));
}
