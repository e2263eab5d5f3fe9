/** `reject_ceasefire`: say no to the other side's offer, for all to see (see ceasefire.ts). */
import { ceasefireWar, warsOf } from './ceasefire.ts';
import type { OrderKind } from './kind.ts';

export const rejectCeasefire: OrderKind<'reject_ceasefire'> = {
  stage: 'talks',
  candidates: ({ state, actor }) => warsOf(state, actor).map((w) => ({ type: 'reject_ceasefire', war: w.id })),
  adjudicate(turn, q) {
    if (ceasefireWar(turn, q)) turn.events.push({ type: 'ceasefire_rejected', actor: q.actor, war: q.order.war });
  },
};
