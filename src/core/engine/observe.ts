/**
 * Fog of war (docs/model.md §7): what one actor knows. `observe(state, viewer)` gives a viewer's observation,
 * `observer(state)` the observations of many viewers of one state (sharing what they all see), and
 * `visibleEvents(events, viewer, after)` the part of a turn's events a viewer saw. Bots and players receive these,
 * never the state. The umpire's view is a function of its own, `umpireView`, and "umpire" is no actor's id.
 *
 * A viewer knows: its own actor state in full; of other actors only what is public (kind, mobilisation level,
 * support as polls show it); every war, its sides and the escalation rungs; each front's geography and control;
 * overt forces exactly; covert forces only as its own intelligence estimates them (its own and its guests' exactly).
 * Nothing in an observation depends on a secret the viewer has not found: two states that differ only in such
 * secrets give byte-identical observations.
 *
 * By construction, not by convention: an observation is plain data built from copies and holds no reference to the
 * state. The parts every viewer sees alike are built once per state and shared, deep-frozen, by all its
 * observations (so observing every actor costs the state's size once, plus each viewer's own part); the viewer's
 * own parts are its own copies. Changing an observation changes neither the state nor another's observation.
 */
import type { Switches } from '../switches.ts';
import type { RaisedRung } from './escalation.ts';
import type { Id, Posture } from '../model.ts';
import type { Event } from './orders.ts';
import {
  activeWarsByParty,
  cloneActor,
  covertKey,
  listIn,
  type ActorState,
  type CallState,
  type ForceState,
  type FrontState,
  type GameState,
  type PendingOrder,
  type PermissionState,
  type StationedState,
  type RedLineState,
  type SanctionState,
  type TransferState,
  type TransitState,
  type TreatyState,
  type TriggerState,
  type WarState,
} from './state.ts';

/** The game master: sees the whole state (`umpireView`). */
export const UMPIRE = 'umpire';
/** One who watches a game: sees what is public only (`observe(state, SPECTATOR)`). */
export const SPECTATOR = 'spectator';
/** Ids no actor may take: the roles of a hosted game, which see the game other than as an actor does. */
export const RESERVED_IDS: readonly string[] = [UMPIRE, SPECTATOR, 'observer', 'public', 'system', 'all', 'none'];

export interface ObservedForce {
  readonly actor: Id;
  readonly for: Id;
  readonly troops: number;
  /** True when `troops` is the viewer's intelligence estimate, not a count. */
  readonly estimated: boolean;
  /** Whether the forces are covert (known to the viewer: its own or its guests', or found by its intelligence). */
  readonly covert: boolean;
  /** Their posture, as anyone at the front sees it; null for an estimate (or groups of one owner in two postures). */
  readonly posture: Posture | null;
}

export interface ObservedFront {
  readonly id: Id;
  readonly conflict: Id;
  readonly territory: Id;
  readonly control: number;
  readonly startControl: number;
  readonly areaKm2: number;
  readonly lengthKm: number;
  readonly terrain: FrontState['terrain'];
  /** How hard it is fought (public: the losses there show it). */
  readonly intensity: number;
  readonly forces: readonly ObservedForce[];
}

export interface ObservedTransit {
  readonly actor: Id;
  readonly for: Id;
  readonly front: Id;
  readonly troops: number;
  readonly arrives: number;
  readonly estimated: boolean;
  readonly covert: boolean;
}

export interface PublicActor {
  readonly id: Id;
  readonly kind: ActorState['kind'];
  readonly mobilisation: ActorState['mobilisation'];
  readonly support: number;
  /** Credibility of its commitments: what others make of its record of answering calls, so public by nature. */
  readonly reputation: number;
  /** The size of its economy (USD bn a year, the scenario's published figure; 0 when it gives none). */
  readonly gdp: number;
}

export type ObservedTransfer = Omit<TransferState, 'knownTo' | 'amount' | 'delivered' | 'absorbedFrom' | 'while'> & {
  amount: number | null;
  delivered: number | null;
};

export type ObservedTreaty = Omit<TreatyState, 'inForceTurn'>;

export interface Observation {
  readonly viewer: Id;
  readonly turn: number;
  readonly date: string;
  /** The viewer's own actor state in full (null for a spectator). */
  readonly self: ActorState | null;
  readonly actors: readonly PublicActor[];
  readonly wars: readonly WarState[];
  readonly fronts: readonly ObservedFront[];
  readonly transit: readonly ObservedTransit[];
  readonly rungs: Readonly<Record<string, number>>;
  /** Rungs reached by signals, and when: public, as the signals were. */
  readonly raisedRungs: Readonly<Record<string, Readonly<RaisedRung>>>;
  readonly maxRung: number;
  /** The model's judgement constants of the game: public, the rules everyone plays by. */
  readonly switches: Switches;
  /**
   * Overt transfers in full, then covert ones: in full for their parties, without amounts for those who detected
   * them (each group in the state's order).
   */
  readonly transfers: readonly ObservedTransfer[];
  readonly sanctions: readonly SanctionState[];
  readonly permissions: readonly PermissionState[];
  /** Garrisons on others' territory: public. */
  readonly stationed: readonly StationedState[];
  /** Treaties in force, and those in play the viewer is a party to. */
  readonly treaties: readonly ObservedTreaty[];
  /** The viewer's own red lines and the orders the scenario has committed it to. */
  readonly redLines: readonly RedLineState[];
  readonly pending: readonly PendingOrder[];
  /** Calls to arms the viewer must answer or has made, and the obligations triggered for it. */
  readonly calls: readonly CallState[];
  readonly triggers: readonly TriggerState[];
}

export function observe(state: GameState, viewer: Id): Observation {
  return observer(state)(viewer);
}

/**
 * The observations of one state, for as many viewers as asked: what all of them see alike is built at the first
 * and shared by the rest. Read it before the state changes (the engine's in-place turn changes it).
 */
export function observer(state: GameState): (viewer: Id) => Observation {
  const shared = sharedView(state);
  return (viewer) => viewOf(shared, viewer);
}

/** What a bot looks up in an observation again and again: each party's active wars, each war's fronts (positions). */
interface Lookup {
  wars: ReadonlyMap<Id, readonly WarState[]>;
  fronts: ReadonlyMap<Id, readonly number[]>;
}

/**
 * Lookups per state, keyed by the observations' shared (frozen) list of wars: built at the first viewer's question
 * and read by every other's. Every observation of one state lists the same fronts in the same places (a viewer's
 * own version of a front takes the shared one's place), so the fronts' positions serve them all.
 */
const lookups = new WeakMap<readonly WarState[], Lookup>();
function lookupOf(o: Observation): Lookup {
  let found = lookups.get(o.wars);
  if (found !== undefined) return found;
  const fronts = new Map<Id, number[]>();
  o.fronts.forEach((f, at) => listIn(fronts, f.conflict).push(at));
  found = { wars: activeWarsByParty(o.wars), fronts };
  // An observation built otherwise (a copy, one read from a file) may change: it is indexed afresh each time.
  if (Object.isFrozen(o.wars)) lookups.set(o.wars, found);
  return found;
}

/** The active wars `actor` is a party to, as `o` shows them, in their order. */
export function warsOf(o: Observation, actor: Id): readonly WarState[] {
  return lookupOf(o).wars.get(actor) ?? NONE;
}

/** The fronts of the wars `wars` (ids), as `o` shows them, in their order. */
export function frontsOfWars(o: Observation, wars: Iterable<Id>): ObservedFront[] {
  const at: number[] = [];
  const index = lookupOf(o).fronts;
  for (const w of wars) for (const i of index.get(w) ?? NONE) at.push(i);
  return at.sort((a, b) => a - b).map((i) => o.fronts[i]!);
}

/** The umpire's view: the whole state, as a copy (changing it changes nothing in the game). */
export function umpireView(state: GameState): GameState {
  return structuredClone(state);
}

/** A deep, frozen copy of plain data (JSON values). */
function frozenCopy<T>(x: T): T {
  if (x === null || typeof x !== 'object') return x;
  if (Array.isArray(x)) {
    const out: unknown[] = [];
    for (const v of x) out.push(frozenCopy(v));
    return Object.freeze(out) as T;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) out[k] = frozenCopy(v);
  return Object.freeze(out) as T;
}

/**
 * A frozen copy of data no stage of the engine changes (treaty obligations, red lines' conditions and effects: the
 * scenario's own, shared by every state of a game), made once per object.
 */
const constants = new WeakMap<object, object>();
function constant<T extends object>(x: T): T {
  let copy = constants.get(x);
  if (copy === undefined) constants.set(x, (copy = frozenCopy(x)));
  return copy as T;
}

/** What every viewer of a state sees alike, and the indexes of what only some do. All copies, all frozen. */
interface SharedView {
  turn: number;
  date: string;
  actors: readonly PublicActor[];
  wars: readonly WarState[];
  rungs: Readonly<Record<string, number>>;
  raisedRungs: Readonly<Record<string, Readonly<RaisedRung>>>;
  maxRung: number;
  sanctions: readonly SanctionState[];
  permissions: readonly PermissionState[];
  stationed: readonly StationedState[];
  /** Every front with its overt forces only (as one who has found none of its covert forces sees it). */
  fronts: readonly ObservedFront[];
  /**
   * The same lists unfrozen, never handed out: what a viewer's own version of them starts from (V8 copies an
   * unfrozen array by one block copy, a frozen one element by element).
   */
  frontsToCopy: readonly ObservedFront[];
  transfersToCopy: readonly ObservedTransfer[];
  /** Transit, transfers and treaties as one who knows none of their secrets sees them. */
  transit: readonly ObservedTransit[];
  transfers: readonly ObservedTransfer[];
  treaties: readonly ObservedTreaty[];
  /** The state's own parts, read for the viewers who see more of them than all do (the indexes below). */
  state: GameState;
  /** Viewer -> the fronts (by index) where it sees some covert force. */
  covertFronts: ReadonlyMap<Id, readonly number[]>;
  /** Who sees some covert movement; who is party to a treaty in play. */
  seesTransit: ReadonlySet<Id>;
  inPlay: ReadonlySet<Id>;
  treatyViews: readonly ObservedTreaty[];
  /** Each transfer as all, its parties or those who found it see it; viewer -> the covert ones it sees, in order. */
  transferViews: readonly { full: ObservedTransfer; found: ObservedTransfer | null; from: Id; to: Id }[];
  covertTransfers: ReadonlyMap<Id, readonly number[]>;
  self: ReadonlyMap<Id, ActorState>;
  intel: ReadonlyMap<Id, ReadonlyMap<string, number>>;
  redLines: ReadonlyMap<Id, RedLineState[]>;
  pending: ReadonlyMap<Id, PendingOrder[]>;
  calls: ReadonlyMap<Id, CallState[]>;
  triggers: ReadonlyMap<Id, TriggerState[]>;
}

const NONE: readonly never[] = Object.freeze([]);

/** `xs` by key (an entry with two keys under each: `addTo` lists it once under a key both give). */
function groupBy<T>(xs: readonly T[], key: (x: T) => Id, second?: (x: T) => Id): Map<Id, T[]> {
  const out = new Map<Id, T[]>();
  for (const x of xs) {
    addTo(out, key(x), x);
    if (second) addTo(out, second(x), x);
  }
  return out;
}

/** `value` under `key`, once when it comes twice in a row (an entry both of whose keys are the same). */
function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = listIn(map, key);
  if (list.at(-1) !== value) list.push(value);
}

function sharedView(state: GameState): SharedView {
  const intel = new Map<Id, Map<string, number>>();
  // Covert forces and movements: seen exactly by owner and host, as an estimate by those whose intelligence found them.
  const foundBy = new Map<string, Id[]>();
  for (const i of state.intel) {
    let mine = intel.get(i.viewer);
    if (mine === undefined) intel.set(i.viewer, (mine = new Map()));
    mine.set(i.key, i.estimate);
    addTo(foundBy, i.key, i.viewer);
  }
  const seers = (actor: Id, forId: Id, front: Id) => [actor, forId, ...(foundBy.get(covertKey(actor, forId, front)) ?? NONE)];
  const covertFronts = new Map<Id, number[]>();
  const fronts: ObservedFront[] = [];
  state.fronts.forEach((f, at) => {
    for (const x of f.forces) if (x.covert) for (const v of seers(x.actor, x.for, f.id)) addTo(covertFronts, v, at);
    fronts.push(observedFront(f, (x) => (x.covert ? null : exact(x.actor, x.for, x.troops, false, x.posture))));
  });
  const transit: ObservedTransit[] = [];
  const seesTransit = new Set<Id>();
  for (const t of state.transit)
    if (!t.covert) transit.push(observedTransit(t, exact(t.actor, t.for, t.troops, false, null)));
    else for (const v of seers(t.actor, t.for, t.front)) seesTransit.add(v);
  const transfers: ObservedTransfer[] = [];
  const covertTransfers = new Map<Id, number[]>();
  const transferViews = state.transfers.map((t, i) => {
    const full = observedTransfer(t, false);
    if (!t.covert) {
      transfers.push(full);
      return { full, found: null, from: t.from, to: t.to };
    }
    for (const v of [t.from, t.to, ...t.knownTo]) addTo(covertTransfers, v, i);
    return { full, found: observedTransfer(t, true), from: t.from, to: t.to };
  });
  const treaties: ObservedTreaty[] = [];
  const inPlay = new Set<Id>();
  const treatyViews = state.treaties.map((t) => {
    const view = observedTreaty(t);
    if (t.inForce) treaties.push(view);
    else for (const p of t.parties) inPlay.add(p);
    return view;
  });
  return {
    turn: state.turn,
    date: state.date,
    actors: Object.freeze(
      state.actors.map((a) =>
        Object.freeze({ id: a.id, kind: a.kind, mobilisation: a.mobilisation, support: a.support, reputation: a.reputation, gdp: a.gdp }),
      ),
    ),
    wars: Object.freeze(
      state.wars.map((w) =>
        Object.freeze({
          ...w,
          sides: Object.freeze([Object.freeze([...w.sides[0]]), Object.freeze([...w.sides[1]])]) as WarState['sides'],
          declarations: Object.freeze(w.declarations.map((d) => Object.freeze({ ...d }))) as WarState['declarations'],
          offers: Object.freeze([...w.offers]) as Id[],
        }),
      ),
    ),
    rungs: Object.freeze({ ...state.rungs }),
    raisedRungs: Object.freeze(Object.fromEntries(Object.entries(state.raisedRungs).map(([k, v]) => [k, Object.freeze({ ...v })]))),
    maxRung: state.maxRung,
    sanctions: Object.freeze(state.sanctions.map((x) => Object.freeze({ ...x, by: Object.freeze([...x.by]) as Id[] }))),
    permissions: Object.freeze(state.permissions.map((x) => Object.freeze({ ...x }))),
    stationed: Object.freeze(state.stationed.map((x) => Object.freeze({ ...x }))),
    fronts: Object.freeze([...fronts]),
    frontsToCopy: fronts,
    transit: Object.freeze(transit),
    transfers: Object.freeze([...transfers]),
    transfersToCopy: transfers,
    treaties: Object.freeze(treaties),
    state,
    covertFronts,
    seesTransit,
    covertTransfers,
    inPlay,
    treatyViews,
    transferViews,
    self: new Map(state.actors.map((a) => [a.id, a])),
    intel,
    redLines: groupBy(state.redLines, (r) => r.holder),
    pending: groupBy(state.pending, (p) => p.actor),
    calls: groupBy(
      state.calls,
      (c) => c.obliged,
      (c) => c.protects,
    ),
    triggers: groupBy(state.triggers, (t) => t.protects),
  };
}

function viewOf(shared: SharedView, viewer: Id): Observation {
  const intel = shared.intel.get(viewer);
  const seen = (actor: Id, forId: Id, front: Id, covert: boolean, troops: number, posture: Posture | null): ObservedForce | null => {
    if (!covert || actor === viewer || forId === viewer) return exact(actor, forId, troops, covert, posture);
    const estimate = intel?.get(covertKey(actor, forId, front));
    return estimate === undefined ? null : { actor, for: forId, troops: estimate, estimated: true, covert: true, posture: null };
  };
  const self = shared.self.get(viewer);
  const { state } = shared;
  return {
    viewer,
    turn: shared.turn,
    date: shared.date,
    self: self ? ownCopy(self) : null,
    actors: shared.actors,
    wars: shared.wars,
    fronts: frontsOf(shared, viewer, seen),
    transit: shared.seesTransit.has(viewer) ? transitOf(state.transit, seen) : shared.transit,
    rungs: shared.rungs,
    raisedRungs: shared.raisedRungs,
    maxRung: shared.maxRung,
    switches: constant(state.switches),
    transfers: transfersOf(shared, viewer),
    sanctions: shared.sanctions,
    permissions: shared.permissions,
    stationed: shared.stationed,
    treaties: shared.inPlay.has(viewer) ? shared.treatyViews.filter((t) => t.inForce || t.parties.includes(viewer)) : shared.treaties,
    redLines: own(shared.redLines, viewer, (r) => ({ ...r, when: constant(r.when), then: constant(r.then) })),
    pending: own(shared.pending, viewer, (p) => ({ ...p, order: constant(p.order) })),
    calls: own(shared.calls, viewer, (c) => ({ ...c })),
    triggers: own(shared.triggers, viewer, (t) => ({ ...t })),
  };
}

/** The viewer's own entries of an index, copied by `copy` (most viewers have none: one empty list serves them all). */
function own<T>(index: ReadonlyMap<Id, T[]>, viewer: Id, copy: (x: T) => T): readonly T[] {
  const mine = index.get(viewer);
  return mine === undefined ? NONE : mine.map(copy);
}

/** The viewer's own actor state, copied. */
function ownCopy(a: ActorState): ActorState {
  const c = cloneActor(a);
  c.regions = [...a.regions];
  c.backs = [...a.backs];
  c.rivals = [...a.rivals];
  c.members = [...a.members];
  c.interests = { ...a.interests };
  c.rallied = [...a.rallied];
  return c;
}

type Seen = (actor: Id, forId: Id, front: Id, covert: boolean, troops: number, posture: Posture | null) => ObservedForce | null;

/** The shared fronts, with the viewer's own version of each front where it sees some of the covert forces. */
function frontsOf(shared: SharedView, viewer: Id, seen: Seen): readonly ObservedFront[] {
  const mine = shared.covertFronts.get(viewer);
  if (mine === undefined) return shared.fronts;
  const out = shared.frontsToCopy.slice();
  for (const at of mine) {
    const front = shared.state.fronts[at]!;
    out[at] = observedFront(front, (x) => seen(x.actor, x.for, front.id, x.covert, x.troops, x.posture), false);
  }
  return out;
}

function transitOf(transit: readonly TransitState[], seen: Seen): readonly ObservedTransit[] {
  const out: ObservedTransit[] = [];
  for (const t of transit) {
    const s = seen(t.actor, t.for, t.front, t.covert, t.troops, null);
    if (s) out.push(observedTransit(t, s));
  }
  return out;
}

/** The overt transfers, and in their places the covert ones the viewer is party to or has found. */
function transfersOf(shared: SharedView, viewer: Id): readonly ObservedTransfer[] {
  const mine = shared.covertTransfers.get(viewer);
  if (mine === undefined) return shared.transfers;
  // The overt ones (shared), then the covert ones the viewer knows of, each in the state's order: its own part is
  // added to a copy of the shared list, never rebuilt from every flow.
  const out = shared.transfersToCopy.slice();
  for (const i of mine) {
    const t = shared.transferViews[i]!;
    // Outsiders who found a covert flow know of it, never its amounts.
    out.push(t.from === viewer || t.to === viewer ? t.full : t.found!);
  }
  return out;
}

function exact(actor: Id, forId: Id, troops: number, covert: boolean, posture: Posture | null): ObservedForce {
  return { actor, for: forId, troops, estimated: false, covert, posture };
}

/**
 * A front as a viewer sees its forces (`seen`; null: unseen). Covert groups appear once per (owner, side, front),
 * however the truth splits them.
 */
/** `shared`: frozen, for all viewers; else the viewer's own copy. */
function observedFront(f: FrontState, seen: (x: ForceState) => ObservedForce | null, shared = true): ObservedFront {
  const forces: ObservedForce[] = [];
  for (const x of f.forces) {
    const o = seen(x);
    if (o === null) continue;
    const same = forces.findIndex((y) => y.actor === o.actor && y.for === o.for && y.estimated === o.estimated && y.covert === o.covert);
    if (same === -1) forces.push(o);
    else if (!o.estimated) {
      const posture = forces[same]!.posture === o.posture ? o.posture : null;
      forces[same] = { ...forces[same]!, troops: forces[same]!.troops + o.troops, posture };
    }
  }
  const front = {
    id: f.id,
    conflict: f.conflict,
    territory: f.territory,
    control: f.control,
    startControl: f.startControl,
    areaKm2: f.areaKm2,
    lengthKm: f.lengthKm,
    terrain: f.terrain,
    intensity: f.intensity,
    forces,
  };
  if (!shared) return front;
  for (const x of forces) Object.freeze(x);
  Object.freeze(forces);
  return Object.freeze(front);
}

function observedTransit(t: TransitState, s: ObservedForce): ObservedTransit {
  return Object.freeze({
    actor: t.actor,
    for: t.for,
    front: t.front,
    troops: s.troops,
    arrives: t.arrives,
    estimated: s.estimated,
    covert: t.covert,
  });
}

function observedTransfer(t: TransferState, withoutAmounts: boolean): ObservedTransfer {
  return Object.freeze({
    id: t.id,
    from: t.from,
    to: t.to,
    kind: t.kind,
    amount: withoutAmounts ? null : t.amount,
    unit: t.unit,
    covert: t.covert,
    offensive: t.offensive,
    standing: t.standing,
    active: t.active,
    delivered: withoutAmounts ? null : t.delivered,
    startTurn: t.startTurn,
    stopTurn: t.stopTurn,
  });
}

function observedTreaty(t: TreatyState): ObservedTreaty {
  return Object.freeze({
    id: t.id,
    parties: Object.freeze([...t.parties]),
    inForce: t.inForce,
    ratifiedBy: Object.freeze([...t.ratifiedBy]),
    proposedBy: t.proposedBy,
    rejectedBy: t.rejectedBy,
    obligations: constant(t.obligations),
  }) as ObservedTreaty;
}

/**
 * The events of a turn that `viewer` saw, given the state after the turn (for what its intelligence now knows), as
 * frozen copies. Covert movements are seen by their owner and host only; combat losses of covert forces only by
 * those who have found them; messages by sender and recipient; detections by the detecting actor. Every kind of
 * event is named below: a new kind does not compile until it is given its audience.
 */
export function visibleEvents(events: readonly Event[], viewer: Id, after: GameState): Event[] {
  const knows = new Set(after.intel.filter((i) => i.viewer === viewer).map((i) => i.key));
  const sees = (actor: Id, forId: Id, front: Id, covert: boolean) =>
    !covert || actor === viewer || forId === viewer || knows.has(covertKey(actor, forId, front));
  const out: Event[] = [];
  for (const e of events) {
    const seen = eventAsSeen(e, viewer, sees, after);
    if (seen !== null) out.push(frozenCopy(seen));
  }
  return out;
}

/** `e` as `viewer` saw it (combat: the losses it could see), or null when it did not. */
function eventAsSeen(
  e: Event,
  viewer: Id,
  sees: (actor: Id, forId: Id, front: Id, covert: boolean) => boolean,
  after: GameState,
): Event | null {
  const when = (visible: boolean) => (visible ? e : null);
  switch (e.type) {
    case 'deployment_ordered':
    case 'forces_arrived':
      // A found covert group is seen as the intelligence estimate on the front, not as its orders and arrivals.
      return when(!e.covert || e.actor === viewer || e.for === viewer);
    case 'forces_withdrawn':
    case 'posture_changed':
      return when(!e.covert || e.actor === viewer);
    case 'combat':
      return { ...e, losses: e.losses.filter((l) => sees(l.actor, l.for, e.front, l.covert)) };
    case 'message':
      return when(e.from === viewer || e.to === viewer);
    case 'detected':
    case 'transfer_detected':
      return when(e.viewer === viewer);
    case 'wounded_returned':
    case 'munitions_short':
    case 'bandwagon':
      return when(e.actor === viewer);
    case 'red_line_crossed':
    case 'red_line_reconsidered':
      return when(e.holder === viewer);
    case 'transfer_started':
    case 'transfer_stopped':
    case 'transfer_short':
      // Outsiders learn of a covert flow only by detecting it (transfer_detected), never its amounts.
      return when(!e.covert || e.from === viewer || e.to === viewer);
    case 'technology_absorbed':
      // The quality it brings is the recipient's own figure: its parties alone see the absorption.
      return when(e.actor === viewer || e.from === viewer);
    case 'treaty_proposed':
    case 'treaty_rejected':
      return when(after.treaties.find((t) => t.id === e.treaty)?.parties.includes(viewer) ?? false);
    case 'treaty_ratified': {
      // A treaty in play is its parties' secret until it enters into force.
      const t = after.treaties.find((x) => x.id === e.treaty);
      return when((t?.inForce ?? false) || (t?.parties.includes(viewer) ?? false));
    }
    case 'mobilised':
      // The level is public; how many it raised is the actor's own figure.
      return e.actor === viewer ? e : { ...e, raised: 0 };
    // Public acts and their public consequences: seen by all.
    case 'war_declared':
    case 'war_joined':
    case 'front_opened':
    case 'tripwire':
    case 'ceasefire_proposed':
    case 'ceasefire':
    case 'ceasefire_rejected':
    case 'support_changed':
    case 'support_collapsed':
    case 'rallied':
    case 'nuclear_signal':
    case 'rung_reached':
    case 'rung_fell':
    case 'escalated':
    case 'treaty_in_force':
    case 'treaty_triggered':
    case 'treaty_invoked':
    case 'call_to_arms':
    case 'call_answered':
    case 'reputation_changed':
    case 'sanction_imposed':
    case 'sanction_lifted':
    case 'permission_changed':
      return e;
    default:
      return unreachable(e);
  }
}

function unreachable(e: never): never {
  throw new Error(`an event of unknown kind: ${JSON.stringify(e)}`);
}
