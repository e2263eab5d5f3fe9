/** `withdraw`: take troops off a front back into the pool, at once. */
import { SHARES, type OrderKind, type OrderOf } from './kind.ts';
import { frontOf, troopsHere, wholeTroops } from './movement.ts';

export const withdraw: OrderKind<'withdraw'> = {
  stage: 'movements',
  candidates({ state, actor }) {
    const out: OrderOf<'withdraw'>[] = [];
    for (const front of state.fronts) {
      const here = troopsHere(front, actor);
      for (const share of SHARES) {
        const troops = Math.floor(here * share);
        if (troops > 0) out.push({ type: 'withdraw', front: front.id, troops });
      }
    }
    return out;
  },
  adjudicate(turn, q) {
    const o = q.order;
    const front = frontOf(turn, q);
    if (!front || !wholeTroops(turn, q)) return;
    const here = troopsHere(front, q.actor);
    if (here < o.troops) {
      turn.refuse(q, 'not_enough_troops', `"${q.actor}" has ${here} troops on ${o.front}, cannot withdraw ${o.troops}`);
      return;
    }
    let left = o.troops;
    const covert = front.forces.some((x) => x.actor === q.actor && x.covert);
    for (const f of front.forces.filter((x) => x.actor === q.actor)) {
      const take = Math.min(left, f.troops);
      f.troops -= take;
      left -= take;
    }
    front.forces = front.forces.filter((f) => f.troops > 0);
    turn.actors.get(q.actor)!.pool += o.troops;
    turn.events.push({ type: 'forces_withdrawn', actor: q.actor, front: o.front, troops: o.troops, covert });
  },
};
