/** `escalate`: climb Kahn's ladder to a rung (1..44) against `against` (by default the actor's enemies). */
import { RUNG } from '../escalation.ts';
import { enemiesOf } from '../state.ts';
import type { OrderKind, OrderOf } from './kind.ts';

/** Kahn rungs offered as escalation orders: 8 harassing acts of violence, 21 local nuclear war. */
const ESCALATION_RUNGS = [8, 21];

export const escalate: OrderKind<'escalate'> = {
  stage: 'escalations',
  candidates: ({ enemies }) => (enemies.size > 0 ? ESCALATION_RUNGS.map((rung): OrderOf<'escalate'> => ({ type: 'escalate', rung })) : []),
  adjudicate(turn, q) {
    const o = q.order;
    const against = o.against ?? enemiesOf(turn.state.wars, q.actor);
    const unknown = against.find((x) => !turn.actors.has(x) || x === q.actor);
    if (!Number.isInteger(o.rung) || o.rung < 1 || o.rung > RUNG.top)
      turn.refuse(q, 'bad_amount', `a Kahn rung is a whole number 1..${RUNG.top}, got ${o.rung}`);
    else if (unknown !== undefined)
      turn.refuse(q, unknown === q.actor ? 'self_target' : 'unknown_actor', `cannot escalate against "${unknown}"`);
    else if (against.length === 0)
      turn.refuse(q, 'not_a_belligerent', `"${q.actor}" has no enemy to escalate against: name them in "against"`);
    else {
      turn.events.push({ type: 'escalated', actor: q.actor, rung: o.rung, against: [...against] });
      for (const x of against) turn.signal(q.actor, x, o.rung);
    }
  },
};
