/**
 * `propose_treaty`: a new treaty with `parties` (the proposer among them) and its obligations. It enters into force
 * when all have ratified (the proposer has, by proposing). The menu offers a defence pact with each actor not an
 * enemy ("as deemed necessary" against an attack on its territory, NATO's Art. 5 wording).
 */
import type { OrderKind, OrderOf } from './kind.ts';

export const proposeTreaty: OrderKind<'propose_treaty'> = {
  stage: 'treaty_texts',
  candidates({ state, actor, enemies }) {
    const out: OrderOf<'propose_treaty'>[] = [];
    for (const other of state.actors) {
      const treaty = `${actor}-${other.id}-pact-t${state.turn + 1}`;
      if (other.id !== actor && !enemies.has(other.id) && !state.treaties.some((t) => t.id === treaty))
        out.push({
          type: 'propose_treaty',
          treaty,
          parties: [actor, other.id],
          obligations: [{ type: 'defense', strength: 'as_deemed_necessary', conditions: { trigger: 'attack', location: 'territory' } }],
        });
    }
    return out;
  },
  adjudicate(turn, q) {
    const { state, actors } = turn;
    const o = q.order;
    const unknown = o.parties.find((p) => !actors.has(p));
    if (state.treaties.some((t) => t.id === o.treaty)) turn.refuse(q, 'duplicate_id', `there is already a treaty "${o.treaty}"`);
    else if (unknown !== undefined) turn.refuse(q, 'unknown_actor', `no actor "${unknown}" to make a treaty with`);
    else if (!o.parties.includes(q.actor) || new Set(o.parties).size < 2 || new Set(o.parties).size !== o.parties.length)
      turn.refuse(q, 'bad_amount', `a treaty's parties are two or more different actors, the proposer among them`);
    else if (o.obligations.length === 0) turn.refuse(q, 'bad_amount', `a treaty needs at least one obligation`);
    else {
      state.treaties.push({
        id: o.treaty,
        parties: [...o.parties],
        inForce: false,
        inForceTurn: null,
        ratifiedBy: [q.actor],
        proposedBy: q.actor,
        rejectedBy: null,
        obligations: o.obligations.map((x) => structuredClone(x)),
      });
      turn.events.push({ type: 'treaty_proposed', actor: q.actor, treaty: o.treaty, parties: [...o.parties] });
    }
  },
};
