/** `join_war`: enter a war on the side of `side_with`, which is declaring war on the other side's principal. */
import { sideClash, sideOf, sidesInWar } from '../state.ts';
import { declare } from './declare_war.ts';
import type { OrderKind, OrderOf } from './kind.ts';

export const joinWar: OrderKind<'join_war'> = {
  stage: 'declarations',
  candidates({ state, actor, enemies }) {
    const out: OrderOf<'join_war'>[] = [];
    for (const w of state.wars) {
      if (!w.active || sideOf(w, actor) !== -1) continue;
      // Joining a side declares war on the other side's principal: not on someone already an enemy.
      for (const k of [0, 1] as const) {
        const sideWith = w.sides[k][0];
        const on = w.sides[1 - k]![0];
        if (sideWith !== undefined && on !== undefined && !enemies.has(on) && !sideClash(state.wars, actor, sidesInWar(w, sideWith)))
          out.push({ type: 'join_war', war: w.id, side_with: sideWith });
      }
    }
    return out;
  },
  adjudicate(turn, q) {
    const o = q.order;
    const war = turn.wars.get(o.war);
    const side = war ? sideOf(war, o.side_with) : -1;
    if (!war) turn.refuse(q, 'unknown_war', `no war "${o.war}"`);
    else if (side === -1) turn.refuse(q, 'not_a_belligerent', `"${o.side_with}" is not a party to war "${war.id}"`);
    else if (!war.active) turn.refuse(q, 'unknown_war', `war "${war.id}" has stopped`);
    else if (sideOf(war, q.actor) !== -1) turn.refuse(q, 'already_at_war', `"${q.actor}" is already a party to war "${war.id}"`);
    else declare(turn, q, war.sides[1 - side]![0]!, war);
  },
};
