/**
 * `legalOrders(state, actor)`: a representative menu of orders the engine would accept from `actor` now — every
 * order kind's candidates (kinds/), in the record's order, with amounts in a few sizes (a quarter, a half, all)
 * rather than every integer. The menu, the bots, `advise` and the conformance suite draw from it.
 */
import type { Id } from '../model.ts';
import { KINDS, ORDER_TYPES } from './kinds/index.ts';
import type { MenuContext } from './kinds/kind.ts';
import type { Order } from './orders.ts';
import { enemiesOf, sideOf, type GameState } from './state.ts';

export { ARMS_OFFER } from './kinds/transfer.ts';

export function legalOrders(state: GameState, actor: Id): Order[] {
  const me = state.actors.find((a) => a.id === actor);
  if (!me) return [];
  const enemies = new Set(enemiesOf(state.wars, actor));
  const menu: MenuContext = { state, actor, me, enemies, partners: partnersOf(state, actor, enemies) };
  return ORDER_TYPES.flatMap((type) => KINDS[type].candidates(menu as never) as Order[]);
}

/**
 * Those `actor` may arm: its co-belligerents and treaty partners; and, open to anyone not at war with it, any party
 * to a war (South Korea's arms for Ukraine, China's for Russia).
 */
function partnersOf(state: GameState, actor: Id, enemies: ReadonlySet<Id>): Id[] {
  const partners = new Set<Id>();
  for (const w of state.wars) {
    const side = sideOf(w, actor);
    if (w.active && side !== -1) for (const x of w.sides[side]) if (x !== actor) partners.add(x);
  }
  for (const t of state.treaties) if (t.inForce && t.parties.includes(actor)) for (const x of t.parties) if (x !== actor) partners.add(x);
  for (const w of state.wars) if (w.active) for (const x of w.sides.flat()) if (x !== actor && !enemies.has(x)) partners.add(x);
  return [...partners].sort();
}
