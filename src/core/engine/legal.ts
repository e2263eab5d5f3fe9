/**
 * `legalOrders(state, actor)`: a representative menu of orders the engine would accept from `actor` now —
 * every order type that applies, with amounts in a few sizes (a quarter, a half, all) rather than every
 * integer. Bots and the conformance suite draw from it.
 */
import type { Id } from '../model.ts';
import type { NuclearAlert, Order } from './orders.ts';
import { MOBILISATION_LEVELS, sideOf, type GameState } from './state.ts';

const SIGNALS: NuclearAlert[] = ['raised', 'high', 'ultimatum'];
const SHARES = [0.25, 0.5, 1];
const ANSWERS = ['honour', 'partial', 'renege'] as const;

export function legalOrders(state: GameState, actor: Id): Order[] {
  const me = state.actors.find((a) => a.id === actor);
  if (!me) return [];
  const out: Order[] = [{ type: 'pass' }];
  for (const level of MOBILISATION_LEVELS.slice(MOBILISATION_LEVELS.indexOf(me.mobilisation) + 1)) out.push({ type: 'mobilise', level });
  for (const front of state.fronts) {
    const war = state.wars.find((w) => w.id === front.conflict);
    if (me.kind === 'state' && war && sideOf(war, actor) !== -1 && me.pool > 0)
      for (const share of SHARES) {
        const troops = Math.floor(me.pool * share);
        if (troops > 0) out.push({ type: 'deploy', front: front.id, troops });
      }
    const here = front.forces.filter((f) => f.actor === actor).reduce((acc, f) => acc + f.troops, 0);
    for (const share of SHARES) {
      const troops = Math.floor(here * share);
      if (troops > 0) out.push({ type: 'withdraw', front: front.id, troops });
    }
  }
  const enemies = new Set<Id>();
  for (const w of state.wars) {
    const side = sideOf(w, actor);
    if (!w.active || side === -1) continue;
    out.push({ type: 'propose_ceasefire', war: w.id });
    for (const e of w.sides[1 - side]!) enemies.add(e);
  }
  for (const other of state.actors) if (other.id !== actor && !enemies.has(other.id)) out.push({ type: 'declare_war', on: other.id });
  for (const level of SIGNALS) out.push({ type: 'nuclear_signal', level });
  for (const t of state.treaties)
    if (!t.inForce && t.parties.includes(actor) && !t.ratifiedBy.includes(actor)) out.push({ type: 'ratify', treaty: t.id });
  const invocable = new Set(state.triggers.filter((x) => x.protects === actor && !x.invoked).map((x) => x.treaty));
  for (const treaty of invocable) out.push({ type: 'invoke_treaty', treaty });
  const called = new Set(state.calls.filter((c) => c.obliged === actor && c.answer === 'pending').map((c) => c.treaty));
  for (const treaty of called) for (const answer of ANSWERS) out.push({ type: 'answer_call', treaty, answer });
  return out;
}
