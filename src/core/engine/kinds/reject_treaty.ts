/** `reject_treaty`: refuse a treaty not yet in force; it will not enter into force. */
import { openTreaties, openTreaty } from './treaty_texts.ts';
import type { OrderKind } from './kind.ts';

export const rejectTreaty: OrderKind<'reject_treaty'> = {
  stage: 'treaty_texts',
  candidates: ({ state, actor }) => openTreaties(state, actor).map((t) => ({ type: 'reject_treaty', treaty: t.id })),
  adjudicate(turn, q) {
    const t = openTreaty(turn, q, 'already rejected by');
    if (!t) return;
    t.rejectedBy = q.actor;
    turn.events.push({ type: 'treaty_rejected', actor: q.actor, treaty: t.id });
  },
};
