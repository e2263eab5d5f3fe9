/**
 * `apply(state, orders, rng)`: one turn. Pure in the sense of the engine contract (docs/model.md §10): the
 * input state is not touched; the result depends only on the state, the orders and the generator's state.
 * Every actor's orders are simultaneous and adjudicated in fixed stages (after the Diplomacy adjudicators):
 *
 *   1. diplomacy     messages; ceasefire proposals, acceptances and rejections (a war stops when both sides'
 *                    principals — the first actor listed on each side — offer in the same turn, or one takes up
 *                    the other's offer of the turn before: a junior ally cannot stop a war); treaty proposals
 *                    and rejections; transfers, sanctions and
 *                    permissions (economy.ts)
 *   2. logistics     mobilisation; forces in transit arrive; deployments leave (arriving next turn); withdrawals;
 *                    the economy: sanctions, deliveries, technology, production (economy.ts)
 *   3. declarations  declarations of war, entries into wars (joining the opposite side when the target is
 *                    already at war) and invasions (invasion.ts), refused where they would set an actor against
 *                    one it stands beside (co_belligerent: judged on the wars as the stage has made them so far,
 *                    so between two such declarations in one turn the actor listed first prevails); ratifications;
 *                    treaty calls: answers, invocations, new triggers (treaties.ts)
 *   4. combat        fire support from the stocks (economy.ts), then every front of an active war (combat.ts)
 *   5. politics      wounded return; domestic support falls with casualties (auxiliaries' at the host's weight)
 *                    and with economic pain, rallies when the homeland is attacked
 *   6. escalation    Kahn rungs per dyad from the turn's events, signals and escalation orders
 *   7. intelligence  covert forces and transfers detected, estimates refreshed (intel.ts)
 *   8. defaults      red lines crossed, bandwagons, collapse: orders for the next turn (defaults.ts)
 *
 * Orders the engine issued on an actor's behalf (state.pending) join that actor's orders, after its own — but a
 * red line's act that has come about meanwhile (a delayed declaration on an actor already an enemy) is dropped, as
 * it would have been at the decision. Invalid orders are not applied and come back as typed violations; nothing
 * throws, nothing else is left out.
 */
import { accrueExposure, escalationFromWithin, RUNG } from './escalation.ts';
import { POSTURES, type Id } from '../model.ts';
import { SWITCHES } from '../switches.ts';
import { Rng } from '../rng.ts';
import { addDays } from '../scenario/dates.ts';
import { fightFront, returnWounded } from './combat.ts';
import { alreadyDone, scenarioDefaults } from './defaults.ts';
import { economicOrders, economyStage, ECONOMIC_PAIN, fireSupport } from './economy.ts';
import { gatherIntelligence } from './intel.ts';
import { invade, prepareInvasion } from './invasion.ts';
import { RENEGE_COST, treatyStage } from './treaties.ts';
import type { Event, Order, Queued, TurnOrders, Violation, ViolationCode } from './orders.ts';
import {
  atWar,
  cloneState,
  dyad,
  clashText,
  sideClash,
  sidesOnDeclaring,
  MOBILISATION_LEVELS,
  opposed,
  RAISE_SHARE,
  sideOf,
  soldiersWhoFought,
  troopsAbroad,
  type ActorState,
  type FrontState,
  type GameState,
  type WarState,
} from './state.ts';

export interface TurnResult {
  state: GameState;
  events: Event[];
  violations: Violation[];
}

/** Turns a deployment takes to reach its front. */
export const TRAVEL_TURNS = 1;

export { RUNG } from './escalation.ts';

/** The stages that take orders, in the order a turn runs them (the module comment). */
export const STAGES = [
  'talks',
  'treaty_texts',
  'economic',
  'mobilisation',
  'movements',
  'declarations',
  'ratification',
  'invocations',
  'answers',
  'signals',
  'escalations',
  'none',
] as const;
export type Stage = (typeof STAGES)[number];

/**
 * The stage that adjudicates each kind of order: a record over every kind, so an order kind the engine has no
 * stage for is a type error, never an order dropped without a word. `pass` does nothing, in a stage of its own.
 */
export const STAGE_OF: Record<Order['type'], Stage> = {
  pass: 'none',
  message: 'talks',
  propose_ceasefire: 'talks',
  accept_ceasefire: 'talks',
  reject_ceasefire: 'talks',
  propose_treaty: 'treaty_texts',
  reject_treaty: 'treaty_texts',
  transfer: 'economic',
  stop_transfer: 'economic',
  sanction: 'economic',
  lift_sanction: 'economic',
  permit: 'economic',
  forbid: 'economic',
  mobilise: 'mobilisation',
  deploy: 'movements',
  withdraw: 'movements',
  posture: 'movements',
  declare_war: 'declarations',
  join_war: 'declarations',
  invade: 'declarations',
  ratify: 'ratification',
  invoke_treaty: 'invocations',
  answer_call: 'answers',
  nuclear_signal: 'signals',
  escalate: 'escalations',
};

/**
 * Losses against what the public expects (Gartner 2008: support answers the trend of casualties more than their
 * total): a turn's share of the force lost weighs by its ratio to the share the public has come to expect, within
 * 1/SURPRISE..SURPRISE; a public that expected none (a new war) feels SURPRISE times the pain. The expectation then
 * moves toward the turn's share by days/EXPECTATION_DAYS (judgement: a quarter to get used to a war's losses).
 */
export const SURPRISE = 2;
export const EXPECTATION_DAYS = 90;

/** The turn's pain (`share` of the fighting force lost) weighed against the actor's expectation, which it updates. */
function expected(a: ActorState, share: number, days: number): number {
  if (share <= 0) return 0;
  const e = a.expectedLoss;
  const factor = e === null ? 1 : e === 0 ? SURPRISE : Math.min(SURPRISE, Math.max(1 / SURPRISE, share / e));
  a.expectedLoss = e === null ? share : e + (share - e) * Math.min(1, days / EXPECTATION_DAYS);
  return share * factor;
}

/** Support lost per unit of losses as a share of the soldiers who fought, times the actor's casualty sensitivity. */
export const SUPPORT_PAIN = SWITCHES.support_pain.default;

export function apply(input: GameState, orders: TurnOrders, rng: Rng): TurnResult {
  return applyInPlace(cloneState(input), orders, rng);
}

/**
 * The same turn on a state the caller owns and gives up: it is changed in place and returned (no copy). The fast
 * path for Monte Carlo runs, which need no earlier state (docs/model.md §10); test/engine-conformance.test.ts proves it
 * gives the same states as `apply`.
 */
export function applyInPlace(state: GameState, orders: TurnOrders, rng: Rng): TurnResult {
  // Chance in separate streams: each stage (and each front) draws from its own generator, seeded by a fixed
  // number of draws from the turn's. So an order that changes how many numbers one stage draws (a covert
  // transfer more for intelligence to look for) leaves the others' chance alone — what lets bots compare
  // their plans on the same dice (common random numbers, src/ai/evaluate.ts).
  const stream = { combat: rng.nextU32(), intel: rng.nextU32(), defaults: rng.nextU32() };
  const lastTurnCombat = combatFrontsLastTurn(state); // fronts under fire at the start, before any change
  const t = new Turn(state, orders);

  diplomacy(t);
  const economy = logistics(t);
  declarations(t);
  // The alliances' judgements of an attack: a stream of their own, derived so that no other stage's draws move.
  treatyOrders(t, lastTurnCombat, Rng.derive(stream.defaults, 1).nextU32());
  combat(t, stream.combat, economy.roundsIn);
  politics(t, economy.outputLost);
  escalation(t);
  t.stage('none'); // `pass`: nothing to do
  t.checkStagesTaken();

  // 7. Intelligence.
  const { events } = t;
  const combatFronts = new Set(events.flatMap((e) => (e.type === 'combat' ? [e.front] : [])));
  events.push(...gatherIntelligence(state, combatFronts, stream.intel));
  // One-offs have delivered.
  for (const x of state.transfers)
    if (!x.standing && x.active) {
      x.active = false;
      x.stopTurn = t.nextTurn;
    }

  state.turn = t.nextTurn;
  state.date = addDays(state.date, t.days);

  // 8. What the scenario commits actors to next turn.
  events.push(...scenarioDefaults(state, stream.defaults));
  return { state, events, violations: t.sortedViolations() };
}

/**
 * One turn being adjudicated: the state, indexes into it, the queue of orders in adjudication order and what the
 * stages have produced so far (events, violations).
 */
class Turn {
  readonly events: Event[] = [];
  readonly violations: Violation[] = [];
  readonly actors: Map<Id, ActorState>;
  readonly fronts: Map<Id, FrontState>;
  readonly wars: Map<Id, WarState>;
  readonly nextTurn: number;
  readonly days: number;
  /** Actor -> the mobilisation levels it ordered up this turn (politics charges the draft's cost). */
  readonly drafted = new Map<Id, number>();
  /** Orders in a fixed order: actors as the scenario lists them, each actor's own, then those the engine issued. */
  private readonly queue: Queued[] = [];
  private readonly rank: Map<Id, number>;

  constructor(
    readonly state: GameState,
    orders: TurnOrders,
  ) {
    this.actors = new Map(state.actors.map((a) => [a.id, a]));
    this.fronts = new Map(state.fronts.map((f) => [f.id, f]));
    this.wars = new Map(state.wars.map((w) => [w.id, w]));
    this.nextTurn = state.turn + 1;
    this.days = state.turnDays;
    this.rank = new Map(state.actors.map((a, i) => [a.id, i]));
    const queue = this.queue;
    for (const [actor, list] of Object.entries(orders)) list.forEach((order, index) => queue.push({ actor, index, order }));
    // Orders the engine issued (red lines, bandwagons, collapse), numbered after the actor's own.
    for (const p of state.pending.filter((x) => x.turn <= this.nextTurn)) {
      // A red line's act that has come about meanwhile (a delayed declaration of war on an actor already an
      // enemy) is left out, as it would have been at the decision.
      if (p.cause.startsWith('red_line:') && alreadyDone(state, p)) continue;
      const index = (orders[p.actor]?.length ?? 0) + queue.filter((q) => q.actor === p.actor && q.cause !== undefined).length;
      queue.push({ actor: p.actor, index, order: p.order, cause: p.cause });
    }
    state.pending = state.pending.filter((x) => x.turn > this.nextTurn);
    queue.sort((p, q) => this.order(p.actor) - this.order(q.actor) || p.index - q.index);
    for (const q of queue)
      if (!this.actors.has(q.actor)) this.refuse(q, 'unknown_actor', `"${q.actor}" is not an actor of this game`);
      else if (!Object.hasOwn(STAGE_OF, q.order.type))
        this.refuse(q, 'unknown_order', `"${String((q.order as { type: unknown }).type)}" is not an order (docs/orders.md lists them)`);
  }

  /** The orders of a stage (STAGE_OF) from known actors, in adjudication order. Each stage is taken once. */
  stage(name: Stage): Queued[] {
    if (this.taken.has(name)) throw new Error(`engine: stage "${name}" taken twice in one turn`);
    this.taken.add(name);
    return this.queue.filter((q) => STAGE_OF[q.order.type] === name && this.actors.has(q.actor));
  }

  /** Every stage is taken each turn: an order whose stage is never run would be dropped without a word. */
  checkStagesTaken(): void {
    const missed = STAGES.filter((x) => !this.taken.has(x));
    if (missed.length > 0) throw new Error(`engine: stages not run this turn: ${missed.join(', ')}`);
  }

  private readonly taken = new Set<Stage>();

  readonly refuse = (q: Queued, code: ViolationCode, message: string): void => {
    this.violations.push({
      actor: q.actor,
      index: q.index,
      order: q.order,
      code,
      message,
      ...(q.cause === undefined ? {} : { cause: q.cause }),
    });
  };

  /** Violations in adjudication order: by actor as the scenario lists them, then by the order's place. */
  sortedViolations(): Violation[] {
    return this.violations.sort((p, q) => this.order(p.actor) - this.order(q.actor) || p.index - q.index);
  }

  private order(actor: Id): number {
    return this.rank.get(actor) ?? Infinity;
  }
}

/**
 * 1. Diplomacy: messages, ceasefires, treaty proposals and rejections, transfers, sanctions and permissions. An
 * offer of ceasefire stands for one turn: the other side's principal may take it up on the next.
 */
function diplomacy(turn: Turn): void {
  const { state, events, actors, wars } = turn;
  const standing = new Map<Id, readonly Id[]>();
  for (const w of state.wars)
    if (w.offers.length > 0) {
      standing.set(w.id, w.offers);
      w.offers = [];
    }
  const proposals = new Map<Id, Set<0 | 1>>();
  for (const q of turn.stage('talks')) {
    const o = q.order;
    if (o.type === 'message') {
      if (!actors.has(o.to)) turn.refuse(q, 'unknown_actor', `no actor "${o.to}" to send a message to`);
      else events.push({ type: 'message', from: q.actor, to: o.to, text: o.text });
    } else if (o.type === 'propose_ceasefire' || o.type === 'accept_ceasefire' || o.type === 'reject_ceasefire') {
      const war = wars.get(o.war);
      const side = war ? sideOf(war, q.actor) : -1;
      if (!war) turn.refuse(q, 'unknown_war', `no war "${o.war}"`);
      else if (side === -1) turn.refuse(q, 'not_a_belligerent', `"${q.actor}" is not a party to war "${o.war}"`);
      else if (!war.active) turn.refuse(q, 'unknown_war', `war "${o.war}" has already stopped`);
      else if (o.type === 'reject_ceasefire') events.push({ type: 'ceasefire_rejected', actor: q.actor, war: war.id });
      else {
        events.push({ type: 'ceasefire_proposed', actor: q.actor, war: war.id });
        if (!war.offers.includes(q.actor)) war.offers.push(q.actor);
        if (war.sides[side][0] === q.actor) proposals.set(war.id, (proposals.get(war.id) ?? new Set()).add(side));
      }
    }
  }
  for (const q of turn.stage('treaty_texts')) {
    const o = q.order as Extract<Order, { type: 'propose_treaty' | 'reject_treaty' }>;
    if (o.type === 'propose_treaty') {
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
        events.push({ type: 'treaty_proposed', actor: q.actor, treaty: o.treaty, parties: [...o.parties] });
      }
    } else {
      const t = state.treaties.find((x) => x.id === o.treaty);
      if (!t) turn.refuse(q, 'unknown_treaty', `no treaty "${o.treaty}"`);
      else if (!t.parties.includes(q.actor)) turn.refuse(q, 'not_a_party', `"${q.actor}" is not a party to "${o.treaty}"`);
      else if (t.inForce) turn.refuse(q, 'already_in_force', `"${o.treaty}" is already in force`);
      else if (t.rejectedBy !== null) turn.refuse(q, 'already_done', `"${o.treaty}" was already rejected by "${t.rejectedBy}"`);
      else {
        t.rejectedBy = q.actor;
        events.push({ type: 'treaty_rejected', actor: q.actor, treaty: t.id });
      }
    }
  }
  events.push(...economicOrders(state, turn.stage('economic'), actors, turn.refuse));
  for (const [id, sides] of proposals) {
    const war = wars.get(id)!;
    for (const by of standing.get(id) ?? [])
      if (war.sides[0][0] === by || war.sides[1][0] === by) sides.add(war.sides[0][0] === by ? 0 : 1);
    if (war.active && sides.size === 2) {
      war.active = false;
      events.push({ type: 'ceasefire', war: id });
    }
  }
}

/** 2. Logistics: mobilisation, arrivals, the economy, deployments and withdrawals. Returns the economy's result. */
function logistics(turn: Turn): ReturnType<typeof economyStage> {
  const { state, events, actors, fronts, wars, nextTurn } = turn;
  const escalated = new Set<Id>();
  for (const q of turn.stage('mobilisation')) {
    const o = q.order as Extract<Order, { type: 'mobilise' }>;
    const a = actors.get(q.actor)!;
    if (MOBILISATION_LEVELS.indexOf(o.level) <= MOBILISATION_LEVELS.indexOf(a.mobilisation))
      turn.refuse(q, 'mobilisation_not_higher', `"${q.actor}" is already at ${a.mobilisation} mobilisation`);
    else {
      turn.drafted.set(
        a.id,
        (turn.drafted.get(a.id) ?? 0) + MOBILISATION_LEVELS.indexOf(o.level) - MOBILISATION_LEVELS.indexOf(a.mobilisation),
      );
      a.mobilisation = o.level;
      escalated.add(a.id);
    }
  }
  for (const a of state.actors) {
    const raised = raise(a);
    if (raised > 0 || escalated.has(a.id)) events.push({ type: 'mobilised', actor: a.id, level: a.mobilisation, raised });
  }
  for (const t of state.transit.filter((t) => t.arrives <= nextTurn)) {
    const front = fronts.get(t.front)!;
    const here = front.forces.find((f) => f.actor === t.actor && f.for === t.for && f.covert === t.covert);
    if (here) here.troops += t.troops;
    else
      front.forces.push({
        actor: t.actor,
        for: t.for,
        troops: t.troops,
        posture: 'attack',
        covert: t.covert,
        quality: actors.get(t.actor)!.quality,
      });
    events.push({ type: 'forces_arrived', actor: t.actor, for: t.for, front: t.front, troops: t.troops, covert: t.covert });
  }
  state.transit = state.transit.filter((t) => t.arrives > nextTurn);
  const economy = economyStage(state, actors);
  events.push(...economy.events);
  for (const q of turn.stage('movements')) {
    const o = q.order as Extract<Order, { type: 'deploy' | 'withdraw' | 'posture' }>;
    const a = actors.get(q.actor)!;
    const front = fronts.get(o.front);
    if (!front) {
      turn.refuse(q, 'unknown_front', `no front "${o.front}"`);
      continue;
    }
    if (o.type === 'posture') {
      setPosture(turn, q, o, front);
      continue;
    }
    if (!Number.isInteger(o.troops) || o.troops <= 0) {
      turn.refuse(q, 'bad_amount', `troops must be a whole number above 0, got ${o.troops}`);
      continue;
    }
    if (o.type === 'withdraw') {
      const here = front.forces.filter((f) => f.actor === q.actor).reduce((acc, f) => acc + f.troops, 0);
      if (here < o.troops) {
        turn.refuse(q, 'not_enough_troops', `"${q.actor}" has ${here} troops on ${o.front}, cannot withdraw ${o.troops}`);
        continue;
      }
      let left = o.troops;
      const covert = front.forces.some((x) => x.actor === q.actor && x.covert);
      for (const f of front.forces.filter((x) => x.actor === q.actor)) {
        const take = Math.min(left, f.troops);
        f.troops -= take;
        left -= take;
      }
      front.forces = front.forces.filter((f) => f.troops > 0);
      a.pool += o.troops;
      events.push({ type: 'forces_withdrawn', actor: q.actor, front: o.front, troops: o.troops, covert });
      continue;
    }
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
      state.transit.push({ actor: q.actor, for: side, front: o.front, troops: o.troops, covert, arrives: nextTurn + TRAVEL_TURNS });
      events.push({
        type: 'deployment_ordered',
        actor: q.actor,
        for: side,
        front: o.front,
        troops: o.troops,
        covert,
        arrives: nextTurn + TRAVEL_TURNS,
      });
    }
  }
  return economy;
}

/**
 * 3. Declarations, simultaneous: judged against the wars at the start of the stage, so two actors that declare war
 * on each other in the same turn both stand; the second finds the war already made.
 */
function declarations(turn: Turn): void {
  const { state, events, actors, wars, nextTurn } = turn;
  const warsBefore = state.wars.map((w) => ({ ...w, sides: [[...w.sides[0]], [...w.sides[1]]] as [Id[], Id[]] }));
  // An invasion is a declaration of war on the territory's owner (unless already at war with it), then a march.
  const invasions: { q: Queued; troops: number }[] = [];
  for (const q of turn.stage('declarations')) {
    let o: Extract<Order, { type: 'declare_war' }>;
    let into: WarState | undefined; // the war a join_war names, which the declaration joins
    if (q.order.type === 'invade') {
      const troops = prepareInvasion(q, actors, turn.refuse);
      if (troops === null) continue;
      invasions.push({ q, troops });
      if (atWar(state.wars, q.actor, q.order.territory)) continue;
      o = { type: 'declare_war', on: q.order.territory };
    } else if (q.order.type === 'join_war') {
      // Entering a war on a side is declaring war on the other side's principal.
      const war = wars.get(q.order.war);
      const side = war ? sideOf(war, q.order.side_with) : -1;
      if (!war) turn.refuse(q, 'unknown_war', `no war "${q.order.war}"`);
      else if (side === -1) turn.refuse(q, 'not_a_belligerent', `"${q.order.side_with}" is not a party to war "${war.id}"`);
      else if (!war.active) turn.refuse(q, 'unknown_war', `war "${war.id}" has stopped`);
      else if (sideOf(war, q.actor) !== -1) turn.refuse(q, 'already_at_war', `"${q.actor}" is already a party to war "${war.id}"`);
      if (!war || side === -1 || !war.active || sideOf(war, q.actor) !== -1) continue;
      o = { type: 'declare_war', on: war.sides[1 - side]![0]! };
      into = war;
    } else o = q.order as Extract<Order, { type: 'declare_war' }>;
    // No one fights on both sides: not against an actor it stands beside in another war.
    const clash = sideClash(state.wars, q.actor, sidesOnDeclaring(state.wars, q.actor, o.on, into));
    if (!actors.has(o.on)) turn.refuse(q, 'unknown_actor', `no actor "${o.on}"`);
    else if (o.on === q.actor) turn.refuse(q, 'self_target', `"${q.actor}" cannot declare war on itself`);
    else if (atWar(warsBefore, q.actor, o.on)) turn.refuse(q, 'already_at_war', `"${q.actor}" is already at war with "${o.on}"`);
    else if (clash) turn.refuse(q, 'co_belligerent', `${clashText(q.actor, clash)}: no one fights on both sides`);
    else if (atWar(state.wars, q.actor, o.on)) {
      const war = state.wars.find((w) => w.active && sideOf(w, q.actor) !== -1 && sideOf(w, o.on) !== -1)!;
      war.declarations.push({ by: q.actor, on: o.on });
      events.push({ type: 'war_declared', actor: q.actor, on: o.on, war: war.id });
    } else {
      const existing = into ?? state.wars.find((w) => w.active && sideOf(w, o.on) !== -1 && sideOf(w, q.actor) === -1);
      // A ceasefire broken: the old war, with its fronts, resumes.
      const ceased = state.wars.find((w) => !w.active && opposed(w, o.on, q.actor));
      if (ceased && !existing) {
        ceased.active = true;
        ceased.declarations.push({ by: q.actor, on: o.on });
      } else if (existing) {
        const side = (1 - sideOf(existing, o.on)) as 0 | 1;
        existing.sides[side].push(q.actor);
        existing.declarations.push({ by: q.actor, on: o.on });
        events.push({ type: 'war_joined', actor: q.actor, war: existing.id, side });
      } else {
        const war: WarState = {
          id: `war-${q.actor}-${o.on}-${nextTurn}`,
          sides: [[q.actor], [o.on]],
          aggressor: q.actor,
          declarations: [{ by: q.actor, on: o.on }],
          active: true,
          offers: [],
        };
        state.wars.push(war);
        wars.set(war.id, war);
      }
      events.push({
        type: 'war_declared',
        actor: q.actor,
        on: o.on,
        war: state.wars.find((w) => w.active && sideOf(w, q.actor) !== -1 && sideOf(w, o.on) !== -1)!.id,
      });
    }
  }

  for (const { q, troops } of invasions) events.push(...invade(state, q, troops, actors, nextTurn + TRAVEL_TURNS));
}

/** 3b. Ratifications, then the treaty stage (treaties.ts): answers to calls, invocations, new triggers. */
function treatyOrders(turn: Turn, lastTurnCombat: ReadonlySet<Id>, seed: number): void {
  const { state, events, actors } = turn;
  for (const q of turn.stage('ratification')) {
    const o = q.order as Extract<Order, { type: 'ratify' }>;
    const t = state.treaties.find((x) => x.id === o.treaty);
    if (!t) turn.refuse(q, 'unknown_treaty', `no treaty "${o.treaty}"`);
    else if (!t.parties.includes(q.actor)) turn.refuse(q, 'not_a_party', `"${q.actor}" is not a party to "${o.treaty}"`);
    else if (t.inForce) turn.refuse(q, 'already_in_force', `"${o.treaty}" is already in force`);
    else if (t.rejectedBy !== null) turn.refuse(q, 'already_done', `"${o.treaty}" was rejected by "${t.rejectedBy}"`);
    else {
      if (!t.ratifiedBy.includes(q.actor)) t.ratifiedBy.push(q.actor);
      events.push({ type: 'treaty_ratified', actor: q.actor, treaty: t.id });
    }
  }
  const invokes = turn.stage('invocations');
  const answers = turn.stage('answers');
  const treatyResult = treatyStage(
    state,
    {
      invoke: invokes.map((q) => ({ actor: q.actor, treaty: (q.order as Extract<Order, { type: 'invoke_treaty' }>).treaty })),
      answer: answers.map((q) => {
        const o = q.order as Extract<Order, { type: 'answer_call' }>;
        return { actor: q.actor, treaty: o.treaty, answer: o.answer };
      }),
    },
    lastTurnCombat,
    actors,
    seed,
  );
  events.push(...treatyResult.events);
  for (const r of treatyResult.refusals) turn.refuse((r.kind === 'invoke' ? invokes : answers)[r.index]!, r.code, r.message);
}

/** 4. Combat: fire support first, for the fronts where both sides stand; then each such front, with its own generator. */
function combat(turn: Turn, seed: number, roundsIn: ReadonlyMap<Id, number>): void {
  const { state, events, actors, wars, days } = turn;
  const fighting = state.fronts.filter((f) => {
    const war = wars.get(f.conflict);
    if (!war?.active) return false;
    const sides = new Set(f.forces.filter((x) => x.troops > 0).map((x) => sideOf(war, x.for)));
    return sides.has(0) && sides.has(1);
  });
  const fire = fireSupport(state, actors, fighting, wars, roundsIn);
  events.push(...fire.events);
  // The soldiers who fight: the most each actor has had in combat at once (its battle experience is spread over them).
  const engaged = new Map<Id, number>();
  for (const f of fighting) for (const x of f.forces) engaged.set(x.actor, (engaged.get(x.actor) ?? 0) + x.troops);
  for (const [id, n] of engaged) {
    const a = actors.get(id)!;
    if (n > a.fought) a.fought = n;
  }
  const sw = state.switches;
  const rules = {
    lossRate: sw.combat_loss_rate,
    advanceRate: sw.combat_advance_rate,
    defenceBonus: sw.combat_defence_bonus,
    attackExposure: sw.combat_attack_exposure,
  };
  for (const front of fighting) {
    const frontRng = Rng.derive(seed, state.fronts.indexOf(front));
    const e = fightFront(front, wars.get(front.conflict)!, actors, days, frontRng, fire.firepower, rules);
    if (e) events.push(e);
    events.push(...fallBack(front, wars.get(front.conflict)!, actors));
  }
}

/**
 * A front one side holds entirely (control 1: the owner has retaken all of it; 0: the enemy holds all of it) is
 * over: the other side's forces there have been pushed out and fall back to their owners' pools (forces_withdrawn),
 * so no one fights on over ground no longer contested.
 */
function fallBack(front: FrontState, war: WarState, actors: Map<Id, ActorState>): Event[] {
  const ownerSide = sideOf(war, front.territory);
  if (ownerSide === -1 || (front.control < 1 && front.control > 0)) return [];
  const beaten = front.control >= 1 ? 1 - ownerSide : ownerSide;
  const events: Event[] = [];
  const out = front.forces.filter((x) => sideOf(war, x.for) === beaten && x.troops > 0);
  for (const actor of new Set(out.map((x) => x.actor))) {
    const mine = out.filter((x) => x.actor === actor);
    const troops = mine.reduce((n, x) => n + x.troops, 0);
    actors.get(actor)!.pool += troops;
    events.push({ type: 'forces_withdrawn', actor, front: front.id, troops, covert: mine.some((x) => x.covert) });
  }
  if (out.length > 0) front.forces = front.forces.filter((x) => !out.includes(x));
  return events;
}

/** A posture order: every force of the actor's on the front takes it (before the turn's combat). */
function setPosture(turn: Turn, q: Queued, o: Extract<Order, { type: 'posture' }>, front: FrontState): void {
  const mine = front.forces.filter((f) => f.actor === q.actor);
  if (!POSTURES.includes(o.posture)) turn.refuse(q, 'bad_posture', `a posture is ${POSTURES.join(', ')}, not "${String(o.posture)}"`);
  else if (mine.length === 0) turn.refuse(q, 'not_enough_troops', `"${q.actor}" has no troops on ${o.front} to give a posture`);
  else if (mine.every((f) => f.posture === o.posture))
    turn.refuse(q, 'already_done', `"${q.actor}"'s forces on ${o.front} already ${o.posture}`);
  else {
    for (const f of mine) f.posture = o.posture;
    turn.events.push({ type: 'posture_changed', actor: q.actor, front: o.front, posture: o.posture, covert: mine.some((f) => f.covert) });
  }
}

/** 5. Politics: wounded return; support falls with casualties and economic pain, rallies when the homeland is attacked. */
function politics(turn: Turn, outputLost: ReadonlyMap<Id, number>): void {
  const { state, events, actors, days } = turn;
  // Each loss as a share of the force that fought (its owner's soldiers who fought; one that never fought, its army):
  // a public counts its dead against the force it sent. A host weighs its auxiliaries' share at its auxiliary weight.
  const pain = new Map<Id, number>();
  for (const e of events)
    if (e.type === 'combat') {
      for (const l of e.losses) {
        const owner = actors.get(l.actor)!;
        const force = soldiersWhoFought(owner) || owner.raised;
        const share = force > 0 ? (l.killed + l.wounded) / force : 0;
        pain.set(l.actor, (pain.get(l.actor) ?? 0) + share);
        if (l.for !== l.actor) pain.set(l.for, (pain.get(l.for) ?? 0) + share * actors.get(l.for)!.auxiliaryWeight);
      }
    }
  // Calls to arms it reneged on (or let lapse) this turn, by the weight of the broken word (its reputation cost
  // against that of breaking "all means"), a partial answer counting half.
  const broken = new Map<Id, number>();
  for (const e of events)
    if (e.type === 'call_answered' && e.answer !== 'honour' && e.answer !== 'pending') {
      const call = state.calls.find((c) => c.obliged === e.actor && c.treaty === e.treaty && c.protects === e.protects && c.war === e.war);
      const strength = call ? state.treaties.find((t) => t.id === call.treaty)?.obligations[call.obligation]?.strength : undefined;
      const weight = strength === undefined ? 1 : RENEGE_COST[strength] / RENEGE_COST.all_means;
      broken.set(e.actor, (broken.get(e.actor) ?? 0) + weight * (e.answer === 'partial' ? 0.5 : 1));
    }
  // The homeland attacked: a declaration of war on the actor, once per war (rally round the flag).
  const attacked = new Map<Id, Id>();
  for (const e of events) if (e.type === 'war_declared' && !attacked.has(e.on)) attacked.set(e.on, e.war);
  for (const a of state.actors) {
    const back = returnWounded(a, days);
    if (back > 0) events.push({ type: 'wounded_returned', actor: a.id, troops: back });
    const from = a.support;
    a.support -= a.casualtySensitivity * state.switches.support_pain * expected(a, pain.get(a.id) ?? 0, days);
    a.support -= a.economicSensitivity * ECONOMIC_PAIN * (outputLost.get(a.id) ?? 0);
    // The draft is unpopular: each level ordered up costs `draftCost` (Levada: Putin's approval fell six points with
    // the partial mobilisation of September 2022). Foreign troops raise none at home: they are the draft's substitute.
    a.support -= a.draftCost * (turn.drafted.get(a.id) ?? 0);
    // A broken commitment costs support at home (AUDIENCE_COST by regime type, init.ts): half for a partial answer.
    a.support -= a.audienceCost * (broken.get(a.id) ?? 0);
    const war = attacked.get(a.id);
    if (war !== undefined && !a.rallied.includes(war)) {
      a.rallied.push(war);
      if (a.rally > 0) {
        a.support += a.rally * (1 - Math.max(0, a.support));
        events.push({ type: 'rallied', actor: a.id, war });
      }
    }
    a.support = Math.min(1, Math.max(0, a.support));
    if (a.support !== from) events.push({ type: 'support_changed', actor: a.id, from, to: a.support });
  }
}

/** 6. Escalation: Kahn rungs per dyad from the turn's declarations, signals and escalation orders. */
function escalation(turn: Turn): void {
  const { state, events, actors, wars } = turn;
  const raiseRung = (x: Id, y: Id, rung: number) => {
    const key = dyad(x, y);
    if (rung > (state.rungs[key] ?? 0)) {
      state.rungs[key] = rung;
      events.push({ type: 'rung_reached', between: x < y ? [x, y] : [y, x], rung });
    }
    state.maxRung = Math.max(state.maxRung, rung);
  };
  // The dyads a signal or an escalation order named, the rung each stood at before and the highest signalled: such
  // rungs fade (escalation.ts).
  const signalled = new Map<string, { before: number; rung: number }>();
  const signal = (x: Id, y: Id, rung: number) => {
    const key = dyad(x, y);
    const s = signalled.get(key);
    if (s) s.rung = Math.max(s.rung, rung);
    else signalled.set(key, { before: state.rungs[key] ?? 0, rung });
    raiseRung(x, y, rung);
  };
  for (const e of [...events]) {
    if (e.type === 'war_declared') raiseRung(e.actor, e.on, RUNG.war);
    if (e.type === 'war_joined') for (const enemy of wars.get(e.war)!.sides[1 - e.side]!) raiseRung(e.actor, enemy, RUNG.war);
  }
  for (const q of turn.stage('signals')) {
    const o = q.order as Extract<Order, { type: 'nuclear_signal' }>;
    events.push({ type: 'nuclear_signal', actor: q.actor, level: o.level });
    for (const enemy of enemiesOf(state.wars, q.actor)) if (RUNG.signal[o.level] > 0) signal(q.actor, enemy, RUNG.signal[o.level]);
  }
  for (const q of turn.stage('escalations')) {
    const o = q.order as Extract<Order, { type: 'escalate' }>;
    const against = o.against ?? enemiesOf(state.wars, q.actor);
    const unknown = against.find((x) => !actors.has(x) || x === q.actor);
    if (!Number.isInteger(o.rung) || o.rung < 1 || o.rung > RUNG.top)
      turn.refuse(q, 'bad_amount', `a Kahn rung is a whole number 1..${RUNG.top}, got ${o.rung}`);
    else if (unknown !== undefined)
      turn.refuse(q, unknown === q.actor ? 'self_target' : 'unknown_actor', `cannot escalate against "${unknown}"`);
    else if (against.length === 0)
      turn.refuse(q, 'not_a_belligerent', `"${q.actor}" has no enemy to escalate against: name them in "against"`);
    else {
      events.push({ type: 'escalated', actor: q.actor, rung: o.rung, against: [...against] });
      for (const x of against) signal(q.actor, x, o.rung);
    }
  }
  events.push(...escalationFromWithin(state, [...events], raiseRung, signalled));
  accrueExposure(state);
}

/** Raise troops from the reserve at the actor's mobilisation level, within the cap. Returns how many. */
function raise(a: ActorState): number {
  const underArms = a.raised - a.casualties.killed - a.casualties.wounded;
  const room = Math.max(0, a.mobilisationCap - underArms);
  const n = Math.min(a.reserve, room, Math.round(a.mobilisationRate * RAISE_SHARE[a.mobilisation]));
  a.reserve -= n;
  a.pool += n;
  a.raised += n;
  return n;
}

/** Fronts with both sides present at the start of the turn: where forces are under attack. */
function combatFrontsLastTurn(state: GameState): Set<Id> {
  const out = new Set<Id>();
  for (const f of state.fronts) {
    const war = state.wars.find((w) => w.id === f.conflict);
    if (!war?.active) continue;
    const sides = new Set(f.forces.map((x) => sideOf(war, x.for)));
    if (sides.has(0) && sides.has(1)) out.add(f.id);
  }
  return out;
}

function enemiesOf(wars: readonly WarState[], a: Id): Id[] {
  const out = new Set<Id>();
  for (const w of wars) {
    const side = sideOf(w, a);
    if (w.active && side !== -1) for (const e of w.sides[1 - side]!) out.add(e);
  }
  return [...out].sort();
}
