/** `posture`: every force of the actor's on a front takes it (attack, defend, hold), before the turn's combat. */
import { POSTURES } from '../../model.ts';
import type { OrderKind, OrderOf } from './kind.ts';
import { frontOf } from './movement.ts';

export const posture: OrderKind<'posture'> = {
  stage: 'movements',
  candidates({ state, actor }) {
    const out: OrderOf<'posture'>[] = [];
    for (const front of state.fronts) {
      const war = state.wars.find((w) => w.id === front.conflict);
      // Another posture for its forces there, in a war under way.
      const held = new Set(front.forces.filter((f) => f.actor === actor && f.troops > 0).map((f) => f.posture));
      if (held.size > 0 && war?.active)
        for (const p of POSTURES) if (held.size > 1 || !held.has(p)) out.push({ type: 'posture', front: front.id, posture: p });
    }
    return out;
  },
  adjudicate(turn, q) {
    const o = q.order;
    const front = frontOf(turn, q);
    if (!front) return;
    const mine = front.forces.filter((f) => f.actor === q.actor);
    if (!POSTURES.includes(o.posture)) turn.refuse(q, 'bad_posture', `a posture is ${POSTURES.join(', ')}, not "${String(o.posture)}"`);
    else if (mine.length === 0) turn.refuse(q, 'not_enough_troops', `"${q.actor}" has no troops on ${o.front} to give a posture`);
    else if (mine.every((f) => f.posture === o.posture))
      turn.refuse(q, 'already_done', `"${q.actor}"'s forces on ${o.front} already ${o.posture}`);
    else {
      for (const f of mine) f.posture = o.posture;
      turn.events.push({ type: 'posture_changed', actor: q.actor, front: o.front, posture: o.posture, covert: mine.some((f) => f.covert) });
    }
  },
};
