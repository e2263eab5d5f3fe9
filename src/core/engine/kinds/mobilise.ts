/**
 * `mobilise`: raise the mobilisation level (none, partial, general). The reserve is called up at the level's rate from
 * the logistics stage on (apply.ts); each level ordered up costs support at home (the draft is unpopular).
 */
import { MOBILISATION_LEVELS } from '../state.ts';
import type { OrderKind } from './kind.ts';

export const mobilise: OrderKind<'mobilise'> = {
  stage: 'mobilisation',
  candidates: ({ me }) =>
    MOBILISATION_LEVELS.slice(MOBILISATION_LEVELS.indexOf(me.mobilisation) + 1).map((level) => ({ type: 'mobilise', level })),
  adjudicate(turn, q) {
    const a = turn.actors.get(q.actor)!;
    const to = MOBILISATION_LEVELS.indexOf(q.order.level);
    const from = MOBILISATION_LEVELS.indexOf(a.mobilisation);
    if (to <= from) turn.refuse(q, 'mobilisation_not_higher', `"${q.actor}" is already at ${a.mobilisation} mobilisation`);
    else {
      turn.drafted.set(a.id, (turn.drafted.get(a.id) ?? 0) + to - from);
      a.mobilisation = q.order.level;
      turn.mobilised.add(a.id);
    }
  },
};
