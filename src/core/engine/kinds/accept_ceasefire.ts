/** `accept_ceasefire`: take up the other side's offer; accepting is proposing in return (see ceasefire.ts). */
import { ceasefireWar, offer, warsOf } from './ceasefire.ts';
import type { OrderKind } from './kind.ts';

export const acceptCeasefire: OrderKind<'accept_ceasefire'> = {
  stage: 'talks',
  candidates: ({ state, actor }) => warsOf(state, actor).map((w) => ({ type: 'accept_ceasefire', war: w.id })),
  adjudicate(turn, q) {
    const at = ceasefireWar(turn, q);
    if (at) offer(turn, q, at.war, at.side);
  },
};
