/** `stop_transfer`: end one of one's own transfers (a standing one's deliveries stop from this turn). */
import type { OrderKind } from './kind.ts';

export const stopTransfer: OrderKind<'stop_transfer'> = {
  stage: 'economic',
  candidates: ({ state, actor }) =>
    state.transfers.filter((t) => t.from === actor && t.active).map((t) => ({ type: 'stop_transfer', transfer: t.id })),
  adjudicate(turn, q) {
    const t = turn.state.transfers.find((x) => x.id === q.order.transfer);
    if (!t) turn.refuse(q, 'unknown_transfer', `no transfer "${q.order.transfer}"`);
    else if (t.from !== q.actor) turn.refuse(q, 'not_yours', `transfer "${t.id}" is from "${t.from}": only its supplier stops it`);
    else if (!t.active) turn.refuse(q, 'already_done', `transfer "${t.id}" has already stopped`);
    else {
      t.active = false;
      t.stopTurn = turn.nextTurn;
      turn.events.push({ type: 'transfer_stopped', transfer: t.id, from: t.from, to: t.to, covert: t.covert });
    }
  },
};
