/** `lift_sanction`: stop taking part in a sanction; it ends when no one imposes it any more. */
import type { OrderKind } from './kind.ts';

export const liftSanction: OrderKind<'lift_sanction'> = {
  stage: 'economic',
  candidates: ({ state, actor }) =>
    state.sanctions.filter((x) => x.active && x.by.includes(actor)).map((x) => ({ type: 'lift_sanction', sanction: x.id })),
  adjudicate(turn, q) {
    const x = turn.state.sanctions.find((s) => s.id === q.order.sanction);
    if (!x) turn.refuse(q, 'unknown_sanction', `no sanction "${q.order.sanction}"`);
    else if (!x.by.includes(q.actor)) turn.refuse(q, 'not_yours', `"${q.actor}" does not impose sanction "${x.id}"`);
    else {
      x.by = x.by.filter((b) => b !== q.actor);
      if (x.by.length === 0) x.active = false;
      turn.events.push({ type: 'sanction_lifted', sanction: x.id, by: q.actor, on: x.on });
    }
  },
};
