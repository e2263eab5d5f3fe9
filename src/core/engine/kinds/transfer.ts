/**
 * `transfer`: give munitions, weapons, money, technology, dual-use goods or fuel to another actor, once or every turn
 * (`standing`), openly or covertly; weapons may be usable offensively. A one-off gift of munitions comes out of a
 * tracked stock, and a stock is not promised twice in a turn. Deliveries are the economy's (economy.ts).
 */
import { DEFAULT_UNIT, moneyScale, uniqueId } from '../economy.ts';
import type { OrderKind, OrderOf } from './kind.ts';

/**
 * USD million a turn of weapons offered to a side (judgement): about France's aid to Ukraine in 2024 (fr-aid-2024,
 * $43.5-62.1 m a week), the scale of a middle power's package.
 */
export const ARMS_OFFER = 50;

export const transfer: OrderKind<'transfer'> = {
  stage: 'economic',
  candidates({ me, partners }) {
    const out: OrderOf<'transfer'>[] = [];
    for (const to of partners) {
      if (me.munitions >= 1) out.push({ type: 'transfer', to, kind: 'munitions', amount: Math.floor(me.munitions / 4) || 1 });
      out.push({ type: 'transfer', to, kind: 'weapons', amount: ARMS_OFFER, standing: true });
      out.push({ type: 'transfer', to, kind: 'weapons', amount: ARMS_OFFER, standing: true, offensive: true });
      out.push({ type: 'transfer', to, kind: 'money', amount: 100 });
    }
    return out;
  },
  adjudicate(turn, q) {
    const { state, actors, promisedRounds: promised, nextTurn } = turn;
    const o = q.order;
    const from = actors.get(q.actor)!;
    const unpromised = from.munitions - (promised.get(q.actor) ?? 0);
    if (!actors.has(o.to)) turn.refuse(q, 'unknown_actor', `no actor "${o.to}" to transfer to`);
    else if (o.to === q.actor) turn.refuse(q, 'self_target', `"${q.actor}" cannot transfer to itself`);
    else if (!Number.isFinite(o.amount) || o.amount <= 0) turn.refuse(q, 'bad_amount', `the amount must be above 0, got ${o.amount}`);
    else if (o.kind === 'money' && o.unit !== undefined && moneyScale(o.unit) === null)
      turn.refuse(q, 'bad_unit', `money is given in "USD million" or "USD bn", not "${o.unit}"`);
    else if (o.kind === 'munitions' && !o.standing && from.munitionsTracked && o.amount > unpromised)
      turn.refuse(
        q,
        'not_enough_munitions',
        `"${q.actor}" holds ${Math.round(unpromised)} rounds not yet promised, cannot give ${o.amount}`,
      );
    else {
      if (o.kind === 'munitions' && !o.standing) promised.set(q.actor, (promised.get(q.actor) ?? 0) + o.amount);
      const id = uniqueId(
        state.transfers.map((t) => t.id),
        `${q.actor}-${o.to}-${o.kind}-t${nextTurn}`,
      );
      const x = {
        id,
        from: q.actor,
        to: o.to,
        kind: o.kind,
        amount: o.amount,
        unit: o.unit ?? DEFAULT_UNIT[o.kind],
        covert: o.covert ?? false,
        knownTo: [],
        offensive: o.offensive ?? false,
        standing: o.standing ?? false,
        active: true,
        delivered: 0,
        startTurn: nextTurn,
        stopTurn: null,
        absorbedFrom: null,
        while: null,
      };
      state.transfers.push(x);
      turn.events.push({
        type: 'transfer_started',
        transfer: id,
        from: q.actor,
        to: o.to,
        kind: o.kind,
        amount: o.amount,
        unit: x.unit,
        standing: x.standing,
        covert: x.covert,
      });
    }
  },
};
