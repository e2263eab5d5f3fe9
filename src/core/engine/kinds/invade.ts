/**
 * `invade`: march troops into an actor's territory — a declaration of war on it if not already at war, then the
 * forces set out for the front on that territory, opened if the war has none there (invasion.ts). The troops are
 * set aside at once; they march once every declaration of the turn is made.
 */
import { atWar } from '../state.ts';
import { prepareInvasion } from '../invasion.ts';
import { declare } from './declare_war.ts';
import { SHARES, type OrderKind, type OrderOf } from './kind.ts';

export const invade: OrderKind<'invade'> = {
  stage: 'declarations',
  candidates({ state, me, enemies }) {
    const out: OrderOf<'invade'>[] = [];
    if (me.kind !== 'state') return out;
    // An enemy with no front on its territory (where there is one, deploying there is the same thing).
    for (const e of enemies) {
      const owner = state.actors.find((a) => a.id === e);
      if (owner?.kind !== 'state' || state.fronts.some((f) => f.territory === e && state.wars.some((w) => w.id === f.conflict && w.active)))
        continue;
      for (const share of SHARES) {
        const troops = Math.floor(me.pool * share);
        if (troops > 0) out.push({ type: 'invade', territory: e, troops });
      }
    }
    return out;
  },
  adjudicate(turn, q) {
    const troops = prepareInvasion(q, turn.actors, turn.refuse);
    if (troops === null) return;
    turn.invasions.push({ q, troops });
    if (!atWar(turn.state.wars, q.actor, q.order.territory)) declare(turn, q, q.order.territory);
  },
};
