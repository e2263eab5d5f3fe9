/**
 * `deploy`: send troops from the pool to a front of a war one is a party to (or, `for` another, as its auxiliary:
 * North Korea's troops for Russia), openly or covertly. They arrive after TRAVEL_TURNS; abroad, within the actor's
 * expeditionary limit (what it can lift and keep there).
 */
import { sideOf, TRAVEL_TURNS, troopsAbroad } from '../state.ts';
import { SHARES, type OrderKind, type OrderOf } from './kind.ts';
import { frontOf, wholeTroops } from './movement.ts';

export const deploy: OrderKind<'deploy'> = {
  stage: 'movements',
  candidates({ state, actor, me }) {
    const out: OrderOf<'deploy'>[] = [];
    if (me.kind !== 'state' || me.pool <= 0) return out;
    let abroad: number | undefined;
    for (const front of state.fronts) {
      const war = state.wars.find((w) => w.id === front.conflict);
      if (!war || sideOf(war, actor) === -1) continue;
      // Abroad, within what its expeditionary limit leaves room for.
      const room =
        front.territory !== actor && me.expeditionary !== null ? me.expeditionary - (abroad ??= troopsAbroad(state, actor)) : Infinity;
      const sizes = new Set(SHARES.map((share) => Math.floor(Math.min(me.pool * share, room))));
      for (const troops of sizes) if (troops > 0) out.push({ type: 'deploy', front: front.id, troops });
    }
    return out;
  },
  adjudicate(turn, q) {
    const { state, actors, wars, nextTurn } = turn;
    const o = q.order;
    const front = frontOf(turn, q);
    if (!front || !wholeTroops(turn, q)) return;
    const a = actors.get(q.actor)!;
    const side = o.for ?? q.actor;
    const war = wars.get(front.conflict);
    const ownSide = war ? sideOf(war, q.actor) : -1;
    if (a.kind === 'bloc') turn.refuse(q, 'bloc_cannot_fight', `"${q.actor}" is a bloc: its member states deploy forces`);
    else if (!actors.has(side)) turn.refuse(q, 'unknown_actor', `no actor "${side}" to fight for`);
    else if (!war || sideOf(war, side) === -1) turn.refuse(q, 'not_a_belligerent', `"${side}" is not a party to the war on ${o.front}`);
    else if (ownSide !== -1 && ownSide !== sideOf(war, side))
      turn.refuse(q, 'not_a_belligerent', `"${q.actor}" is a party on the other side: it cannot fight for "${side}"`);
    else if (o.troops > a.pool)
      turn.refuse(q, 'not_enough_troops', `"${q.actor}" has ${a.pool} troops available, cannot deploy ${o.troops}`);
    else if (front.territory !== q.actor && a.expeditionary !== null && troopsAbroad(state, q.actor) + o.troops > a.expeditionary)
      turn.refuse(
        q,
        'beyond_expeditionary_limit',
        `"${q.actor}" can keep ${a.expeditionary} troops abroad and has ${troopsAbroad(state, q.actor)} there or on the way, cannot send ${o.troops} more`,
      );
    else {
      a.pool -= o.troops;
      const covert = o.covert ?? false;
      const arrives = nextTurn + TRAVEL_TURNS;
      state.transit.push({ actor: q.actor, for: side, front: o.front, troops: o.troops, covert, arrives });
      turn.events.push({ type: 'deployment_ordered', actor: q.actor, for: side, front: o.front, troops: o.troops, covert, arrives });
    }
  },
};
