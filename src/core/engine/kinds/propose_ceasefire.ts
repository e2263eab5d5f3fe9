/** `propose_ceasefire`: offer to stop a war one is a party to (see ceasefire.ts). */
import { ceasefireWar, offer, warsOf } from './ceasefire.ts';
import type { OrderKind } from './kind.ts';

export const proposeCeasefire: OrderKind<'propose_ceasefire'> = {
  stage: 'talks',
  candidates: ({ state, actor }) => warsOf(state, actor).map((w) => ({ type: 'propose_ceasefire', war: w.id })),
  adjudicate(turn, q) {
    const at = ceasefireWar(turn, q);
    if (at) offer(turn, q, at.war, at.side);
  },
};
