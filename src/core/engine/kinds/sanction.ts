/** `sanction`: cut a share of one's trade with another actor (its output falls by the economy's rule, economy.ts). */
import { uniqueId } from '../economy.ts';
import type { OrderKind, OrderOf } from './kind.ts';

/** The intensity the menu offers (a share of trade; the player is asked for another). */
const OFFERED = 0.1;

export const sanction: OrderKind<'sanction'> = {
  stage: 'economic',
  candidates: ({ state, actor }) =>
    state.actors
      .filter((other) => other.id !== actor && !state.sanctions.some((x) => x.active && x.on === other.id && x.by.includes(actor)))
      .map((other): OrderOf<'sanction'> => ({ type: 'sanction', on: other.id, intensity: OFFERED })),
  adjudicate(turn, q) {
    const { state, actors } = turn;
    const o = q.order;
    if (!actors.has(o.on)) turn.refuse(q, 'unknown_actor', `no actor "${o.on}" to sanction`);
    else if (o.on === q.actor) turn.refuse(q, 'self_target', `"${q.actor}" cannot sanction itself`);
    else if (!(o.intensity > 0 && o.intensity <= 1))
      turn.refuse(q, 'bad_amount', `intensity is a share of trade in (0, 1], got ${o.intensity}`);
    else {
      const id = uniqueId(
        state.sanctions.map((x) => x.id),
        `${q.actor}-on-${o.on}-t${turn.nextTurn}`,
      );
      state.sanctions.push({ id, by: [q.actor], on: o.on, intensity: o.intensity, active: true });
      turn.events.push({ type: 'sanction_imposed', sanction: id, by: q.actor, on: o.on, intensity: o.intensity });
    }
  },
};
