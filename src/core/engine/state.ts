/**
 * The game state: everything the engine knows between two turns, as plain JSON-serialisable data (so it
 * hashes, checkpoints and replays). Uncertain scenario values are drawn once, in `initialState`, from the
 * run's generator; afterwards the state holds plain numbers only.
 *
 * Vocabulary (used the same way in orders, events and docs): an actor's `pool` is its active forces not
 * deployed; `deployed` forces stand on fronts; forces `in transit` travel to a front; `casualties` are
 * killed and wounded (the wounded may return to the pool). People are conserved:
 *
 *     raised = pool + deployed + in transit + killed + wounded (not yet returned) + given to others
 *
 * where `raised` counts the active forces at the start plus everyone mobilised since (docs/model.md §3).
 */
import type { Switches } from '../switches.ts';
import type { RaisedRung } from './escalation.ts';
import type {
  ActorKind,
  Id,
  IsoDate,
  MobilisationLevel,
  Obligation,
  Posture,
  Predicate,
  RedLineEffect,
  Terrain,
  TransferKind,
} from '../model.ts';
import type { Order } from './orders.ts';
import { mapPacked } from '../packed.ts';

export interface Casualties {
  killed: number;
  /** Wounded not (yet) returned to duty. */
  wounded: number;
  /** Wounded who returned to the pool, in all. */
  returned: number;
}

export interface ActorState {
  id: Id;
  kind: ActorKind;
  /** Regions the actor's territory lies in (for treaty conditions). */
  regions: Id[];
  /** The actors it backs (the scenario's `backs`): its `backed_territory` term counts their ground. */
  backs: readonly Id[];
  /** A bloc's cohesion, 0..1 (the scenario's; 0 for a state): how far its members judge a call to arms alike. */
  cohesion: number;
  /** A bloc's member states (the scenario's `members`); empty for a state. */
  members: readonly Id[];
  /** Its rivals (the scenario's `rivals`): its `rival_gains` term counts their technology and battle experience. */
  rivals: readonly Id[];
  /** The share of a fellow donor's lost aid to those it backs that it makes up (the scenario's `burden_sharing`; 0 without one). */
  burdenSharing: number;
  /** The area of the actor's territory in km² (the front an invasion opens). */
  areaKm2: number;
  greatPower: boolean;
  /** Active forces not deployed on any front. */
  pool: number;
  /** Trained reserves that mobilisation draws from. */
  reserve: number;
  mobilisation: MobilisationLevel;
  /** Persons raised per turn at general mobilisation (partial raises half; none and preparatory raise none). */
  mobilisationRate: number;
  /** Upper bound on persons under arms (pool + deployed + in transit). */
  mobilisationCap: number;
  /** Everyone ever under arms: the active forces at the start plus all mobilised since. */
  raised: number;
  casualties: Casualties;
  quality: number;
  /**
   * Fire support per soldier relative to the reference (0.03 rounds per soldier a day, Ukraine's rate in
   * mid-2024), square-rooted: Syrskyi's 3 : 1 artillery ratio for 1.16 : 1 in troops makes Russia's ~1.6.
   */
  firepower: number;
  /**
   * Rounds per soldier a day the actor fires at its tempo (the scenario's consumption over its troops on
   * fronts at the start); 0 when the scenario gives no consumption.
   */
  fireRate: number;
  /** Whether fire is limited by the stock: true when the scenario gives a munitions stock (docs/model.md §5). */
  munitionsTracked: boolean;
  /** Rounds in stock. */
  munitions: number;
  /** Rounds produced per turn at full output. */
  munitionsProduction: number;
  /** Gross domestic product at the start, USD bn a year (0 when unknown). */
  gdp: number;
  /** Economic output relative to the start (1); sanctions lower it, partners and money offset it. */
  output: number;
  /** Technology programmes received and absorbed (each raises quality, docs/model.md §5). */
  technology: number;
  /** Defence spending, USD million a turn (the scenario's defence budget; 0 when unknown). */
  defenceBudget: number;
  /**
   * Weapons aid in hand, USD million a turn: it follows the weapons received that are counted in dollars, with a
   * lag of AID_LAG_DAYS (stocks run down, new deliveries take time to reach the front). At the start, the flows then.
   */
  aid: number;
  /** `aid` at the start: the flows in the calibrated baseline (docs/model.md §5). */
  aidStart: number;
  /** How strongly support falls with economic pain, 0..1. */
  economicSensitivity: number;
  /** Support gained (as a share of the room up to 1) when the homeland is attacked. */
  rally: number;
  /** Wars in which the actor has rallied already (once per war). */
  rallied: Id[];
  /** Whether support has fallen below COLLAPSE_SUPPORT: the government seeks a ceasefire on every turn after. */
  collapsed: boolean;
  /** A Granovetter threshold: join `sideWith`'s war once `threshold` others are on its side. */
  bandwagon: { sideWith: Id; threshold: number; done: boolean } | null;
  /** Domestic support for the war policy, 0..1. */
  support: number;
  casualtySensitivity: number;
  /** Support lost per level of mobilisation it orders (the scenario's `draft_cost`; 0 without one). */
  draftCost: number;
  /** Support lost at home when it reneges on a call to arms (AUDIENCE_COST by regime type; 0 without one). */
  audienceCost: number;
  auxiliaryWeight: number;
  /** Credibility of the actor's commitments, 0..1; reneging on a call to arms lowers it. */
  reputation: number;
  /** Combat experience in person-days of fighting, the article's "battle experience". */
  experience: number;
  /** The most of its troops in combat at once: the soldiers who have fought, over whom experience is spread. */
  fought: number;
  /**
   * The share of its fighting force its public has come to expect to lose in a turn (an average that adapts over
   * EXPECTATION_DAYS): losses above it hurt support more, below it less (apply.ts politics). Null for a party to a
   * war under way at the start until its first losses set it; 0 for one that expects none.
   */
  expectedLoss: number | null;
  /** Utility weights over the terms of `returns` (the scenario's `interests`, 0..1; shared, never changed). */
  interests: Readonly<Record<InterestTerm, number>>;
  /** Support and the highest Kahn rung with anyone at the start: returns count changes from there. */
  startSupport: number;
  startRung: number;
  /** Escalation risk run so far: the sum over turns of the rise in its rung's cost (escalation.ts accrueExposure). */
  exposure: number;
  /** Its leverage at the start (returns.ts): the term counts the change from there. */
  startLeverage: number;
  intelligence: number;
  /** The most troops it can keep on fronts abroad at once (the scenario's `expeditionary`); null: no limit. */
  expeditionary: number | null;
}

/** The terms of an actor's utility (docs/model.md §2, the scenario's `interests`). */
export const INTEREST_TERMS = [
  'territory',
  'regime_security',
  'casualties',
  'economy',
  'credibility',
  'technology',
  'leverage',
  'escalation_risk',
  'battle_experience',
  'backed_territory',
  'rival_gains',
] as const;
export type InterestTerm = (typeof INTEREST_TERMS)[number];

export interface ForceState {
  /** Who owns (and pays for) the forces. */
  actor: Id;
  /** Whose side they fight for (the owner itself, or the host of an expeditionary contingent). */
  for: Id;
  troops: number;
  posture: Posture;
  covert: boolean;
  quality: number;
}

export interface FrontState {
  id: Id;
  conflict: Id;
  territory: Id;
  /** Share of the front's area the territory's owner holds, 0..1. */
  control: number;
  /** `control` at the start (territory gained or lost counts from there). */
  startControl: number;
  areaKm2: number;
  /** Length of the line of contact. */
  lengthKm: number;
  terrain: Terrain;
  /** Its loss rates over the calibrated rate (the scenario's `intensity`, 1 by default). */
  intensity: number;
  forces: ForceState[];
}

export interface TransitState {
  actor: Id;
  for: Id;
  front: Id;
  troops: number;
  covert: boolean;
  /** The turn at whose start the forces arrive. */
  arrives: number;
}

export interface WarState {
  id: Id;
  sides: [Id[], Id[]];
  aggressor: Id | null;
  /** Who declared war on whom (or attacked whom, for wars the scenario starts with), in order. */
  declarations: { by: Id; on: Id }[];
  /** Whether fighting goes on: false after a ceasefire. */
  active: boolean;
  /** Ceasefire offers (proposals or acceptances) made in the latest turn: what the other side may answer. */
  offers: Id[];
}

export interface GameState {
  scenario: Id;
  /** Turns completed so far (0 before the first). */
  turn: number;
  date: IsoDate;
  turnDays: number;
  horizon: number;
  actors: ActorState[];
  fronts: FrontState[];
  transit: TransitState[];
  wars: WarState[];
  treaties: TreatyState[];
  /** Obligations whose conditions have held: each once per protected party and war. */
  triggers: TriggerState[];
  calls: CallState[];
  /** Kahn-ladder rung per dyad ("a|b" with a < b) and the highest anywhere. */
  rungs: Record<string, number>;
  /** Rungs above the standing situation reached by a signal or an escalation order, by dyad: they fade (escalation.ts). */
  raisedRungs: Record<string, RaisedRung>;
  maxRung: number;
  /** What each actor has found out about others' covert forces (docs/model.md §7). */
  intel: IntelState[];
  /** Standing and one-off flows between actors, with what each has delivered (the ledger, docs/model.md §5). */
  transfers: TransferState[];
  sanctions: SanctionState[];
  permissions: PermissionState[];
  stationed: StationedState[];
  redLines: RedLineState[];
  /** Orders the scenario commits actors to (red lines acted on, bandwagons, collapse), due on a later turn. */
  pending: PendingOrder[];
  /** The model's judgement constants for this game (src/core/switches.ts): shared, never changed. */
  switches: Switches;
}

export interface TransferState {
  id: Id;
  from: Id;
  to: Id;
  kind: TransferKind;
  /** Amount per turn (standing) or in all (one-off), in `unit`. */
  amount: number;
  unit: string;
  covert: boolean;
  /** Who knows of a covert transfer besides its two parties. */
  knownTo: Id[];
  offensive: boolean;
  /** Standing flows deliver every turn while active; a one-off delivers once and stops. */
  standing: boolean;
  active: boolean;
  /** Everything delivered so far, in `unit`. */
  delivered: number;
  /** The turn it was ordered (its first delivery is that turn's): 0 for the scenario's own flows. */
  startTurn: number;
  /** The turn it stopped (its supplier's order, a red line's cut, what it was paid for ending); null while active. */
  stopTurn: number | null;
  /** For technology: the turn the first delivery is absorbed (TECH_DELAY_TURNS after it). */
  absorbedFrom: number | null;
  /** What the flow is paid for (the scenario's `while`): it stops the first turn this does not hold; null: nothing. */
  while: Predicate | null;
}

export interface SanctionState {
  id: Id;
  by: Id[];
  on: Id;
  /** Share of the target's trade affected, 0..1. */
  intensity: number;
  active: boolean;
}

export interface PermissionState {
  id: Id;
  by: Id;
  to: Id;
  weapons: string;
  territory: Id;
  allowed: boolean;
  /** As at the start: the calibrated baseline, against which a change in play counts (economy.ts). */
  allowedAtStart: boolean;
}

/**
 * A garrison on another's territory (the scenario's `stationed`): its troops stay in the owner's pool until an enemy's
 * invasion opens a front on the host's territory; then they are on it (`engaged`).
 */
export interface StationedState {
  actor: Id;
  on: Id;
  troops: number;
  engaged: boolean;
}

export interface RedLineState {
  id: Id;
  holder: Id;
  /** Probability the holder acts when the line is crossed (drawn from the scenario's range at the start). */
  likelihood: number;
  when: Predicate;
  then: RedLineEffect;
  /** The turn the line was crossed, or null. */
  crossed: number | null;
  /** Whether the holder acted on it (decided when crossed, and again at each reconsideration until it does). */
  acted: boolean;
  /** The turn of the last decision, or null. */
  decided: number | null;
  /** Turns between decisions while the condition holds and the holder has not acted; null: decided once. */
  reconsiderTurns: number | null;
  /** Turns after the first crossing during which it is reconsidered (null: as long as the condition holds). */
  reconsiderFor: number | null;
  /** Turns from the decision to the act, beyond the next turn. */
  delayTurns: number;
  /** For an `arm` effect: the amount a turn (drawn from the scenario's), or null for the unpriced package. */
  amount: number | null;
}

/** An order the engine issues for an actor on `turn`, and why (`red_line:ID`, `bandwagon`, `collapse`). */
export interface PendingOrder {
  turn: number;
  actor: Id;
  order: Order;
  cause: string;
}

/** One actor's current estimate of another's covert forces on a front or on their way to it. */
export interface IntelState {
  viewer: Id;
  /** The covert forces' key: `covertKey(actor, for, front)`. */
  key: string;
  actor: Id;
  for: Id;
  front: Id;
  /** The estimate, not the truth: rounded and noisy ("up to 10,000 troops"). */
  estimate: number;
}

/** Covert forces are identified by owner, side and front, whether deployed or in transit. */
export function covertKey(actor: Id, forId: Id, front: Id): string {
  return `${actor}>${forId}@${front}`;
}

/** Mobilisation levels in order (none < preparatory < partial < general). */
export const MOBILISATION_LEVELS: readonly MobilisationLevel[] = ['none', 'preparatory', 'partial', 'general'];

/** Share of the general mobilisation rate raised per turn at each level. */
export const RAISE_SHARE: Record<MobilisationLevel, number> = { none: 0, preparatory: 0, partial: 0.5, general: 1 };

/** Which side of `war` an actor is on, or -1. */
export function sideOf(war: WarState, actor: Id): 0 | 1 | -1 {
  if (war.sides[0].includes(actor)) return 0;
  if (war.sides[1].includes(actor)) return 1;
  return -1;
}

/** Each party's active wars, in the wars' order: one actor's wars found without reading every war. */
export function activeWarsByParty<W extends WarState>(wars: readonly W[]): Map<Id, W[]> {
  const out = new Map<Id, W[]>();
  for (const w of wars) {
    if (!w.active) continue;
    for (const side of w.sides)
      for (const id of side) {
        const list = listIn(out, id);
        if (list.at(-1) !== w) list.push(w);
      }
  }
  return out;
}

/** Whether `a` and `b` are on opposite sides of `war` (active or not). */
export function opposed(war: WarState, a: Id, b: Id): boolean {
  const x = sideOf(war, a);
  const y = sideOf(war, b);
  return x !== -1 && y !== -1 && x !== y;
}

/** Whether `a` and `b` are enemies in an active war. */
export function atWar(wars: readonly WarState[], a: Id, b: Id): boolean {
  return wars.some((w) => w.active && opposed(w, a, b));
}

/** The sides an actor would take: those it stands beside and those it fights. */
export interface Sides {
  beside: readonly Id[];
  against: readonly Id[];
}

/**
 * The sides a declaration by `actor` on `on` makes it take: in the war named (`into`), else in the war `on` already
 * fights and `actor` is not in (which the declarer enters), else a new war of the two.
 */
export function sidesOnDeclaring(wars: readonly WarState[], actor: Id, on: Id, into?: WarState): Sides {
  const war = into ?? wars.find((w) => w.active && sideOf(w, on) !== -1 && sideOf(w, actor) === -1);
  if (!war) return { beside: [actor], against: [on] };
  const k = sideOf(war, on) as 0 | 1;
  return sidesInWar(war, war.sides[1 - k]![0]!);
}

/** The sides of `war` for one who enters it beside `ally` (a party to it). */
export function sidesInWar(war: WarState, ally: Id): Sides {
  const k = sideOf(war, ally) as 0 | 1;
  return { beside: war.sides[k], against: war.sides[1 - k]! };
}

/** Someone `actor` would both fight and stand beside: `other`, and the active war where it stands `beside` it (or not). */
export interface Clash {
  other: Id;
  war: Id;
  beside: boolean;
}

/** Whether taking `sides` would set `actor` against one it fights beside, or beside one it fights, in an active war. */
export function sideClash(wars: readonly WarState[], actor: Id, sides: Sides): Clash | undefined {
  for (const w of wars) {
    const k = sideOf(w, actor);
    if (!w.active || k === -1) continue;
    const friend = sides.against.find((x) => x !== actor && w.sides[k]!.includes(x));
    if (friend !== undefined) return { other: friend, war: w.id, beside: true };
    const enemy = sides.beside.find((x) => x !== actor && w.sides[1 - k]!.includes(x));
    if (enemy !== undefined) return { other: enemy, war: w.id, beside: false };
  }
  return undefined;
}

export function clashText(actor: Id, c: Clash): string {
  return c.beside
    ? `"${actor}" would fight "${c.other}", beside whom it fights in war "${c.war}"`
    : `"${actor}" would stand beside "${c.other}", whom it fights in war "${c.war}"`;
}

/** The list under `key` in `map`, made empty on first use (indexes a stage builds once, to stay linear in the actors). */
export function listIn<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (list === undefined) map.set(key, (list = []));
  return list;
}

/** The canonical key of an unordered pair of actors. */
export function dyad(a: Id, b: Id): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export interface TreatyState {
  id: Id;
  parties: Id[];
  inForce: boolean;
  /** For a treaty not yet in force whose entry date the scenario knows: the turn it enters into force. */
  inForceTurn: number | null;
  /** Parties that have ratified a treaty not yet in force; it enters into force when all have. */
  ratifiedBy: Id[];
  /** The party that proposed the treaty in play (null for the scenario's treaties). */
  proposedBy: Id | null;
  /** The party that rejected it: a rejected treaty never enters into force. */
  rejectedBy: Id | null;
  obligations: Obligation[];
}

/** An obligation whose conditions held for `protects` in `war` (`-` for triggers without a war). */
export interface TriggerState {
  key: string;
  treaty: Id;
  obligation: number;
  protects: Id;
  war: Id;
  turn: number;
  /** Whether the protected party has called on its allies (automatic for `all_means` obligations). */
  invoked: boolean;
}

export type CallAnswer = 'pending' | 'honour' | 'partial' | 'renege' | 'lapsed';

/** A call to arms: `obliged` must answer by turn `due` (docs/model.md §4). */
export interface CallState {
  trigger: string;
  treaty: Id;
  obligation: number;
  protects: Id;
  obliged: Id;
  war: Id;
  issued: number;
  due: number;
  answer: CallAnswer;
  /**
   * The alliance's common judgement of the attack, a standard normal draw shared by every call of the same trigger:
   * allies read one event together (the heuristic mixes it with the actor's own judgement by `cohesion`).
   */
  resolve: number;
  /** The cohesion of the bloc that joins the obliged and the protected party (the highest, if several), else 0. */
  cohesion: number;
}

/**
 * A deep copy of the state for one turn's changes. Written out rather than generic (JSON or structuredClone)
 * because it is the engine's hottest path; treaty obligations are shared, as no stage changes them.
 */
export function cloneState(s: GameState): GameState {
  return {
    ...s,
    actors: mapPacked(s.actors, cloneActor),
    fronts: mapPacked(s.fronts, cloneFront),
    transit: mapPacked(s.transit, (t) => ({ ...t })),
    wars: mapPacked(s.wars, (w) => ({
      ...w,
      sides: [[...w.sides[0]], [...w.sides[1]]],
      declarations: mapPacked(w.declarations, (d) => ({ ...d })),
      offers: [...w.offers],
    })),
    treaties: mapPacked(s.treaties, cloneTreaty),
    triggers: mapPacked(s.triggers, (x) => ({ ...x })),
    calls: mapPacked(s.calls, (c) => ({ ...c })),
    rungs: { ...s.rungs },
    raisedRungs: cloneRaised(s.raisedRungs),
    intel: mapPacked(s.intel, (i) => ({ ...i })),
    transfers: mapPacked(s.transfers, cloneTransfer),
    sanctions: mapPacked(s.sanctions, (x) => ({ ...x, by: [...x.by] })),
    permissions: mapPacked(s.permissions, (p) => ({ ...p })),
    stationed: mapPacked(s.stationed, (x) => ({ ...x })),
    redLines: mapPacked(s.redLines, cloneRedLine),
    pending: mapPacked(s.pending, (p) => ({ ...p })),
  };
}

// The parts copied most, field by field as actors are (below); their types make a forgotten field an error.
function cloneFront(f: FrontState): FrontState {
  return {
    id: f.id,
    conflict: f.conflict,
    territory: f.territory,
    control: f.control,
    startControl: f.startControl,
    areaKm2: f.areaKm2,
    lengthKm: f.lengthKm,
    terrain: f.terrain,
    intensity: f.intensity,
    forces: mapPacked(f.forces, (x) => ({
      actor: x.actor,
      for: x.for,
      troops: x.troops,
      posture: x.posture,
      covert: x.covert,
      quality: x.quality,
    })),
  };
}

function cloneTransfer(t: TransferState): TransferState {
  return {
    id: t.id,
    from: t.from,
    to: t.to,
    kind: t.kind,
    amount: t.amount,
    unit: t.unit,
    covert: t.covert,
    knownTo: t.knownTo.length === 0 ? [] : [...t.knownTo],
    offensive: t.offensive,
    standing: t.standing,
    active: t.active,
    delivered: t.delivered,
    startTurn: t.startTurn,
    stopTurn: t.stopTurn,
    absorbedFrom: t.absorbedFrom,
    while: t.while,
  };
}

/** A treaty's obligations are shared: no stage changes them. */
function cloneTreaty(t: TreatyState): TreatyState {
  return {
    id: t.id,
    parties: [...t.parties],
    inForce: t.inForce,
    inForceTurn: t.inForceTurn,
    ratifiedBy: t.ratifiedBy.length === 0 ? [] : [...t.ratifiedBy],
    proposedBy: t.proposedBy,
    rejectedBy: t.rejectedBy,
    obligations: t.obligations,
  };
}

/** A red line's condition and effect are the scenario's, shared. */
function cloneRedLine(r: RedLineState): RedLineState {
  return {
    id: r.id,
    holder: r.holder,
    likelihood: r.likelihood,
    when: r.when,
    then: r.then,
    crossed: r.crossed,
    acted: r.acted,
    decided: r.decided,
    reconsiderTurns: r.reconsiderTurns,
    reconsiderFor: r.reconsiderFor,
    delayTurns: r.delayTurns,
    amount: r.amount,
  };
}

/**
 * An actor's copy, field by field: an object literal of a fixed shape is several times faster to build than a
 * spread of a large object, and actors are copied every turn. The type makes a forgotten field an error.
 */
export function cloneActor(a: ActorState): ActorState {
  return {
    id: a.id,
    kind: a.kind,
    regions: a.regions,
    backs: a.backs,
    rivals: a.rivals,
    burdenSharing: a.burdenSharing,
    members: a.members,
    cohesion: a.cohesion,
    areaKm2: a.areaKm2,
    greatPower: a.greatPower,
    pool: a.pool,
    reserve: a.reserve,
    mobilisation: a.mobilisation,
    mobilisationRate: a.mobilisationRate,
    mobilisationCap: a.mobilisationCap,
    raised: a.raised,
    casualties: { killed: a.casualties.killed, wounded: a.casualties.wounded, returned: a.casualties.returned },
    quality: a.quality,
    firepower: a.firepower,
    fireRate: a.fireRate,
    munitionsTracked: a.munitionsTracked,
    munitions: a.munitions,
    munitionsProduction: a.munitionsProduction,
    gdp: a.gdp,
    output: a.output,
    technology: a.technology,
    defenceBudget: a.defenceBudget,
    aid: a.aid,
    aidStart: a.aidStart,
    support: a.support,
    casualtySensitivity: a.casualtySensitivity,
    draftCost: a.draftCost,
    audienceCost: a.audienceCost,
    auxiliaryWeight: a.auxiliaryWeight,
    economicSensitivity: a.economicSensitivity,
    rally: a.rally,
    rallied: a.rallied.length === 0 ? [] : [...a.rallied],
    collapsed: a.collapsed,
    bandwagon: a.bandwagon && { sideWith: a.bandwagon.sideWith, threshold: a.bandwagon.threshold, done: a.bandwagon.done },
    reputation: a.reputation,
    experience: a.experience,
    fought: a.fought,
    expectedLoss: a.expectedLoss,
    intelligence: a.intelligence,
    expeditionary: a.expeditionary,
    interests: a.interests,
    startSupport: a.startSupport,
    startRung: a.startRung,
    startLeverage: a.startLeverage,
    exposure: a.exposure,
  };
}

/**
 * The soldiers who have fought for `a`: the most it had in combat at once and those it has lost since, each of whom
 * left the line (a public counts its losses against the force it sent into battle, not against its whole army).
 */
export function soldiersWhoFought(a: ActorState): number {
  return a.fought + a.casualties.killed + a.casualties.wounded + a.casualties.returned;
}

/** `actor`'s troops on fronts off its own territory, and on their way to them. */
export function troopsAbroad(state: GameState, actor: Id): number {
  let n = 0;
  const abroad = new Set<Id>();
  for (const f of state.fronts)
    if (f.territory !== actor) {
      abroad.add(f.id);
      for (const x of f.forces) if (x.actor === actor) n += x.troops;
    }
  for (const t of state.transit) if (t.actor === actor && abroad.has(t.front)) n += t.troops;
  return n;
}

/** The raised rungs' records, copied (most states have none). */
function cloneRaised(r: Record<string, RaisedRung>): Record<string, RaisedRung> {
  const out: Record<string, RaisedRung> = {};
  for (const key in r) out[key] = { ...r[key]! };
  return out;
}

/** Turns a deployment takes to reach its front. */
export const TRAVEL_TURNS = 1;

/** Those `a` is at war with in active wars, sorted. */
export function enemiesOf(wars: readonly WarState[], a: Id): Id[] {
  const out = new Set<Id>();
  for (const w of wars) {
    const side = sideOf(w, a);
    if (w.active && side !== -1) for (const e of w.sides[1 - side]!) out.add(e);
  }
  return [...out].sort();
}

/** Those at war, in active wars, with any of `sides` (the enemies of a set of actors, in the order of the wars). */
export function enemiesOfAny(wars: readonly WarState[], sides: ReadonlySet<Id>): Set<Id> {
  const out = new Set<Id>();
  for (const w of wars)
    if (w.active) for (const k of [0, 1] as const) if (w.sides[k].some((x) => sides.has(x))) for (const e of w.sides[1 - k]!) out.add(e);
  return out;
}
