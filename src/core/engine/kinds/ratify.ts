/** `ratify`: accept a treaty not yet in force; it enters into force when all its parties have (treaties.ts). */
import { openTreaties, openTreaty } from './treaty_texts.ts';
import type { OrderKind } from './kind.ts';

export const ratify: OrderKind<'ratify'> = {
  stage: 'ratification',
  candidates: ({ state, actor }) => openTreaties(state, actor).map((t) => ({ type: 'ratify', treaty: t.id })),
  adjudicate(turn, q) {
    const t = openTreaty(turn, q);
    if (!t) return;
    if (!t.ratifiedBy.includes(q.actor)) t.ratifiedBy.push(q.actor);
    turn.events.push({ type: 'treaty_ratified', actor: q.actor, treaty: t.id });
  },
};
