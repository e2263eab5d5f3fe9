/**
 * `message`: words to another actor, delivered in the diplomacy stage. The menu offers none (what to say is the
 * player's to write); bots do not talk.
 */
import type { OrderKind } from './kind.ts';

export const message: OrderKind<'message'> = {
  stage: 'talks',
  candidates: () => [],
  adjudicate(turn, q) {
    const o = q.order;
    if (!turn.actors.has(o.to)) turn.refuse(q, 'unknown_actor', `no actor "${o.to}" to send a message to`);
    else turn.events.push({ type: 'message', from: q.actor, to: o.to, text: o.text });
  },
};
