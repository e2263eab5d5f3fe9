/**
 * Fog of war (MODEL.md §7): what one actor knows. `observe(state, viewer)` gives a viewer's observation and
 * `visibleEvents(events, viewer)` the part of a turn's events it saw; bots and players receive these, never
 * the state. The umpire sees everything.
 *
 * A viewer knows: its own actor state in full; of other actors only what is public (kind, mobilisation level,
 * support as polls show it); every war, its sides and the escalation rungs; each front's control; overt forces
 * exactly; covert forces only as its own intelligence estimates them (its own and its guests' exactly).
 * Nothing in an observation depends on a secret the viewer has not found: two states that differ only in
 * such secrets give byte-identical observations.
 */
import type { Id } from '../model.ts';
import type { Event } from './orders.ts';
import {
  covertKey,
  type ActorState,
  type CallState,
  type GameState,
  type TriggerState,
  type PendingOrder,
  type PermissionState,
  type RedLineState,
  type SanctionState,
  type TransferState,
  type TreatyState,
  type WarState,
} from './state.ts';

export const UMPIRE = 'umpire';

export interface ObservedForce {
  actor: Id;
  for: Id;
  troops: number;
  /** True when `troops` is the viewer's intelligence estimate, not a count. */
  estimated: boolean;
}

export interface Observation {
  viewer: Id;
  turn: number;
  date: string;
  self: ActorState | null;
  actors: { id: Id; kind: ActorState['kind']; mobilisation: ActorState['mobilisation']; support: number }[];
  wars: WarState[];
  fronts: { id: Id; conflict: Id; territory: Id; control: number; terrain: string; forces: ObservedForce[] }[];
  transit: { actor: Id; for: Id; front: Id; troops: number; arrives: number; estimated: boolean }[];
  rungs: Record<string, number>;
  maxRung: number;
  /** Overt transfers in full; covert ones only for their parties, or (without amounts) once detected. */
  transfers: ObservedTransfer[];
  sanctions: SanctionState[];
  permissions: PermissionState[];
  /** Treaties in force, and those in play the viewer is a party to. */
  treaties: Omit<TreatyState, 'inForceTurn'>[];
  /** The viewer's own red lines and the orders the scenario has committed it to. */
  redLines: RedLineState[];
  pending: PendingOrder[];
  /** Calls to arms the viewer must answer or has made, and the obligations triggered for it. */
  calls: CallState[];
  triggers: TriggerState[];
}

export type ObservedTransfer = Omit<TransferState, 'knownTo' | 'amount' | 'delivered' | 'absorbedFrom'> & {
  amount: number | null;
  delivered: number | null;
};

export function observe(state: GameState, viewer: Id): Observation | GameState {
  if (viewer === UMPIRE) return state;
  const intel = new Map(state.intel.filter((i) => i.viewer === viewer).map((i) => [i.key, i.estimate]));
  const insider = (actor: Id, forId: Id) => actor === viewer || forId === viewer;
  const seen = (actor: Id, forId: Id, front: Id, covert: boolean, troops: number): ObservedForce | null => {
    if (!covert || insider(actor, forId)) return { actor, for: forId, troops, estimated: false };
    const estimate = intel.get(covertKey(actor, forId, front));
    return estimate === undefined ? null : { actor, for: forId, troops: estimate, estimated: true };
  };
  // Covert groups appear once per (owner, side, front), however the truth splits them.
  const merge = (forces: ObservedForce[]) => {
    const out: ObservedForce[] = [];
    for (const f of forces) {
      const same = out.find((o) => o.actor === f.actor && o.for === f.for && o.estimated === f.estimated);
      if (same && !f.estimated) same.troops += f.troops;
      else if (!same) out.push({ ...f });
    }
    return out;
  };
  return {
    viewer,
    turn: state.turn,
    date: state.date,
    self: state.actors.find((a) => a.id === viewer) ?? null,
    actors: state.actors.map((a) => ({ id: a.id, kind: a.kind, mobilisation: a.mobilisation, support: a.support })),
    wars: state.wars,
    fronts: state.fronts.map((f) => ({
      id: f.id,
      conflict: f.conflict,
      territory: f.territory,
      control: f.control,
      terrain: f.terrain,
      forces: merge(f.forces.map((x) => seen(x.actor, x.for, f.id, x.covert, x.troops)).filter((x): x is ObservedForce => x !== null)),
    })),
    transit: state.transit.flatMap((t) => {
      const s = seen(t.actor, t.for, t.front, t.covert, t.troops);
      return s ? [{ actor: t.actor, for: t.for, front: t.front, troops: s.troops, arrives: t.arrives, estimated: s.estimated }] : [];
    }),
    rungs: state.rungs,
    maxRung: state.maxRung,
    transfers: state.transfers.flatMap((t): ObservedTransfer[] => {
      const { knownTo, absorbedFrom: _absorbed, ...rest } = t;
      if (!t.covert || t.from === viewer || t.to === viewer) return [rest];
      return knownTo.includes(viewer) ? [{ ...rest, amount: null, delivered: null }] : [];
    }),
    sanctions: state.sanctions,
    permissions: state.permissions,
    treaties: state.treaties.filter((t) => t.inForce || t.parties.includes(viewer)).map(({ inForceTurn: _turn, ...t }) => t),
    redLines: state.redLines.filter((r) => r.holder === viewer),
    pending: state.pending.filter((p) => p.actor === viewer),
    calls: state.calls.filter((c) => c.obliged === viewer || c.protects === viewer),
    triggers: state.triggers.filter((t) => t.protects === viewer),
  };
}

/**
 * The events of a turn that `viewer` saw, given the state after the turn (for what its intelligence now
 * knows). Covert movements are seen by their owner and host only; combat losses of covert forces only by
 * those who have found them; messages by sender and recipient; detections by the detecting actor.
 */
export function visibleEvents(events: readonly Event[], viewer: Id, after: GameState): Event[] {
  if (viewer === UMPIRE) return [...events];
  const knows = new Set(after.intel.filter((i) => i.viewer === viewer).map((i) => i.key));
  const sees = (actor: Id, forId: Id, front: Id, covert: boolean) =>
    !covert || actor === viewer || forId === viewer || knows.has(covertKey(actor, forId, front));
  const out: Event[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'deployment_ordered':
      case 'forces_arrived':
        if (sees(e.actor, e.for, e.front, e.covert) && (!e.covert || e.actor === viewer || e.for === viewer)) out.push(e);
        break;
      case 'forces_withdrawn':
        if (!e.covert || e.actor === viewer) out.push(e);
        break;
      case 'combat': {
        const losses = e.losses.filter((l) => sees(l.actor, l.for, e.front, l.covert));
        out.push({ ...e, losses });
        break;
      }
      case 'message':
        if (e.from === viewer || e.to === viewer) out.push(e);
        break;
      case 'detected':
        if (e.viewer === viewer) out.push(e);
        break;
      case 'wounded_returned':
      case 'munitions_short':
      case 'bandwagon':
        if (e.actor === viewer) out.push(e);
        break;
      case 'red_line_crossed':
        if (e.holder === viewer) out.push(e);
        break;
      case 'transfer_detected':
        if (e.viewer === viewer) out.push(e);
        break;
      case 'transfer_started':
      case 'transfer_stopped':
      case 'transfer_short':
        // Outsiders learn of a covert flow only by detecting it (transfer_detected), never its amounts.
        if (!e.covert || e.from === viewer || e.to === viewer) out.push(e);
        break;
      case 'technology_absorbed':
        if (!e.covert || e.actor === viewer || e.from === viewer) out.push(e);
        break;
      case 'treaty_proposed':
      case 'treaty_rejected':
        if (after.treaties.find((t) => t.id === e.treaty)?.parties.includes(viewer)) out.push(e);
        break;
      default:
        out.push(e);
    }
  }
  return out;
}
