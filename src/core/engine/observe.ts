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
import { mapPacked } from '../packed.ts';
import type { Event } from './orders.ts';
import {
  covertKey,
  type ActorState,
  type CallState,
  type ForceState,
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
  return new ActorView(state, viewer);
}

/**
 * An actor's observation. Its larger parts are computed when first read (a heuristic bot reads few of them) and
 * kept; `toJSON` gives every field, so an observation serialises, compares and hashes as the plain value it is.
 */
class ActorView implements Observation {
  readonly viewer: Id;
  readonly turn: number;
  readonly date: string;
  readonly self: ActorState | null;
  readonly wars: WarState[];
  readonly rungs: Record<string, number>;
  readonly maxRung: number;
  readonly sanctions: SanctionState[];
  readonly permissions: PermissionState[];
  private readonly state: GameState;
  private cache: Partial<Observation> = {};
  private intel: Map<string, number> | null = null;

  constructor(state: GameState, viewer: Id) {
    this.state = state;
    this.viewer = viewer;
    this.turn = state.turn;
    this.date = state.date;
    this.self = state.actors.find((a) => a.id === viewer) ?? null;
    this.wars = state.wars;
    this.rungs = state.rungs;
    this.maxRung = state.maxRung;
    this.sanctions = state.sanctions;
    this.permissions = state.permissions;
  }

  get actors() {
    return (this.cache.actors ??= this.state.actors.map((a) => ({
      id: a.id,
      kind: a.kind,
      mobilisation: a.mobilisation,
      support: a.support,
    })));
  }
  get fronts() {
    return (this.cache.fronts ??= mapPacked(this.state.fronts, (f) => ({
      id: f.id,
      conflict: f.conflict,
      territory: f.territory,
      control: f.control,
      terrain: f.terrain,
      forces: merge(f.forces, (x) => this.seen(x.actor, x.for, f.id, x.covert, x.troops)),
    })));
  }
  get transit() {
    return (this.cache.transit ??= this.state.transit.flatMap((t) => {
      const s = this.seen(t.actor, t.for, t.front, t.covert, t.troops);
      return s ? [{ actor: t.actor, for: t.for, front: t.front, troops: s.troops, arrives: t.arrives, estimated: s.estimated }] : [];
    }));
  }
  get transfers() {
    const viewer = this.viewer;
    return (this.cache.transfers ??= this.state.transfers.flatMap((t): ObservedTransfer[] => {
      const { knownTo, absorbedFrom: _absorbed, ...rest } = t;
      if (!t.covert || t.from === viewer || t.to === viewer) return [rest];
      return knownTo.includes(viewer) ? [{ ...rest, amount: null, delivered: null }] : [];
    }));
  }
  get treaties() {
    return (this.cache.treaties ??= this.state.treaties
      .filter((t) => t.inForce || t.parties.includes(this.viewer))
      .map(({ inForceTurn: _turn, ...t }) => t));
  }
  get redLines() {
    return (this.cache.redLines ??= this.state.redLines.filter((r) => r.holder === this.viewer));
  }
  get pending() {
    return (this.cache.pending ??= this.state.pending.filter((p) => p.actor === this.viewer));
  }
  get calls() {
    return (this.cache.calls ??= this.state.calls.filter((c) => c.obliged === this.viewer || c.protects === this.viewer));
  }
  get triggers() {
    return (this.cache.triggers ??= this.state.triggers.filter((t) => t.protects === this.viewer));
  }

  /** The plain value, every field in a fixed order. */
  toJSON(): Observation {
    return {
      viewer: this.viewer,
      turn: this.turn,
      date: this.date,
      self: this.self,
      actors: this.actors,
      wars: this.wars,
      fronts: this.fronts,
      transit: this.transit,
      rungs: this.rungs,
      maxRung: this.maxRung,
      transfers: this.transfers,
      sanctions: this.sanctions,
      permissions: this.permissions,
      treaties: this.treaties,
      redLines: this.redLines,
      pending: this.pending,
      calls: this.calls,
      triggers: this.triggers,
    };
  }

  private seen(actor: Id, forId: Id, front: Id, covert: boolean, troops: number): ObservedForce | null {
    if (!covert || actor === this.viewer || forId === this.viewer) return { actor, for: forId, troops, estimated: false };
    this.intel ??= new Map(this.state.intel.filter((i) => i.viewer === this.viewer).map((i) => [i.key, i.estimate]));
    const estimate = this.intel.get(covertKey(actor, forId, front));
    return estimate === undefined ? null : { actor, for: forId, troops: estimate, estimated: true };
  }
}

/**
 * A front's forces as the viewer sees them (`seen`, null: unseen). Covert groups appear once per (owner, side,
 * front), however the truth splits them.
 */
function merge(forces: readonly ForceState[], seen: (x: ForceState) => ObservedForce | null): ObservedForce[] {
  const out: ObservedForce[] = [];
  for (const x of forces) {
    const f = seen(x);
    if (f === null) continue;
    const same = out.find((o) => o.actor === f.actor && o.for === f.for && o.estimated === f.estimated);
    if (same && !f.estimated) same.troops += f.troops;
    else if (!same) out.push({ ...f });
  }
  return out;
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
      case 'red_line_reconsidered':
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
