/** `accept_ceasefire`: take up the other side's offer; accepting is proposing in return (see ceasefire.ts). */
import { warsOf } from './ceasefire.ts';
import type { OrderKind } from './kind.ts';
import { proposeCeasefire } from './propose_ceasefire.ts';

export const acceptCeasefire: OrderKind<'accept_ceasefire'> = {
  stage: 'talks',
  candidates: ({ state, actor }) => warsOf(state, actor).map((w) => ({ type: 'accept_ceasefire', war: w.id })),
  // The same judgement as a proposal's: the war named, one the actor is in and still under way; then an offer.
  adjudicate: (turn, q) => proposeCeasefire.adjudicate(turn, { ...q, order: { type: 'propose_ceasefire', war: q.order.war } }),
};
