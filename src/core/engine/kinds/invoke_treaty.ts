/** `invoke_treaty`: the protected party calls its allies to arms under every obligation of the treaty triggered for it. */
import { issueCalls } from '../treaties.ts';
import type { OrderKind } from './kind.ts';

export const invokeTreaty: OrderKind<'invoke_treaty'> = {
  stage: 'invocations',
  candidates: ({ state, actor }) =>
    [...new Set(state.triggers.filter((x) => x.protects === actor && !x.invoked).map((x) => x.treaty))].map((treaty) => ({
      type: 'invoke_treaty',
      treaty,
    })),
  adjudicate(turn, q) {
    const { state, events } = turn;
    const { treaty: id } = q.order;
    const treaty = state.treaties.find((t) => t.id === id);
    const ready = state.triggers.filter((x) => x.treaty === id && x.protects === q.actor && !x.invoked);
    if (!treaty) turn.refuse(q, 'unknown_treaty', `no treaty "${id}"`);
    else if (ready.length === 0) turn.refuse(q, 'not_triggered', `no obligation of "${id}" has been triggered for "${q.actor}"`);
    else for (const x of ready) events.push(...issueCalls(state, x, treaty, turn.treatySeed));
  },
};
