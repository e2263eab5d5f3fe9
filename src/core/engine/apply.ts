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
import type { Id } from '../model.ts';
import { SWITCHES } from '../switches.ts';
import { Rng } from '../rng.ts';
import { addDays } from '../scenario/dates.ts';
import { fightFront, returnWounded } from './combat.ts';
import { scenarioDefaults } from './defaults.ts';
import { economyStage, ECONOMIC_PAIN, fireSupport } from './economy.ts';
import { gatherIntelligence } from './intel.ts';
import { invade } from './invasion.ts';
import { KINDS, ORDER_TYPES } from './kinds/index.ts';
import type { Stage } from './kinds/kind.ts';
import { bringIntoForce, invokeAllMeans, lapseCalls, newTriggers, RENEGE_COST } from './treaties.ts';
import type { Event, Order, TurnOrders, Violation } from './orders.ts';
import {
  cloneState,
  RAISE_SHARE,
  sideOf,
  soldiersWhoFought,
  TRAVEL_TURNS,
  type ActorState,
  type FrontState,
  type GameState,
  type WarState,
} from './state.ts';
import { Turn } from './turn.ts';

export interface TurnResult {
  state: GameState;
  events: Event[];
  violations: Violation[];
}

export { RUNG } from './escalation.ts';
export { STAGES, type Stage } from './kinds/kind.ts';
export { TRAVEL_TURNS } from './state.ts';

/**
 * The stage that adjudicates each kind of order, from each kind's module (kinds/): a record over every kind, so an
 * order kind the engine has no stage for is a type error, never an order dropped without a word.
 */
export const STAGE_OF = Object.fromEntries(ORDER_TYPES.map((type) => [type, KINDS[type].stage])) as Record<Order['type'], Stage>;

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
  const t = new Turn(state, orders);
  t.combatFrontsBefore = combatFrontsLastTurn(state); // fronts under fire at the start, before any change
  // The alliances' judgements of an attack: a stream of their own, derived so that no other stage's draws move.
  t.treatySeed = Rng.derive(stream.defaults, 1).nextU32();

  diplomacy(t);
  const economy = logistics(t);
  declarations(t);
  treatyOrders(t);
  combat(t, stream.combat, economy.roundsIn);
  politics(t, economy.outputLost);
  escalation(t);
  t.run('none'); // `pass`: nothing to do
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
 * 1. Diplomacy: messages, ceasefires, treaty proposals and rejections, transfers, sanctions and permissions. An
 * offer of ceasefire stands for one turn: the other side's principal may take it up on the next.
 */
function diplomacy(turn: Turn): void {
  const { state, events, wars } = turn;
  for (const w of state.wars)
    if (w.offers.length > 0) {
      turn.standingOffers.set(w.id, w.offers);
      w.offers = [];
    }
  turn.run('talks');
  turn.run('treaty_texts');
  turn.run('economic');
  for (const [id, sides] of turn.ceasefireSides) {
    const war = wars.get(id)!;
    for (const by of turn.standingOffers.get(id) ?? [])
      if (war.sides[0][0] === by || war.sides[1][0] === by) sides.add(war.sides[0][0] === by ? 0 : 1);
    if (war.active && sides.size === 2) {
      war.active = false;
      events.push({ type: 'ceasefire', war: id });
    }
  }
}

/** 2. Logistics: mobilisation, arrivals, the economy, deployments and withdrawals. Returns the economy's result. */
function logistics(turn: Turn): ReturnType<typeof economyStage> {
  const { state, events, actors, fronts, nextTurn } = turn;
  turn.run('mobilisation');
  for (const a of state.actors) {
    const raised = raise(a);
    if (raised > 0 || turn.mobilised.has(a.id)) events.push({ type: 'mobilised', actor: a.id, level: a.mobilisation, raised });
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
  turn.run('movements');
  return economy;
}

/**
 * 3. Declarations, simultaneous: judged against the wars at the start of the stage, so two actors that declare war
 * on each other in the same turn both stand; the second finds the war already made. Invasions march once all are
 * made.
 */
function declarations(turn: Turn): void {
  const { state, events, actors, nextTurn } = turn;
  turn.warsBefore = state.wars.map((w) => ({ ...w, sides: [[...w.sides[0]], [...w.sides[1]]] as [Id[], Id[]] }));
  turn.run('declarations');
  for (const { q, troops } of turn.invasions) events.push(...invade(state, q, troops, actors, nextTurn + TRAVEL_TURNS));
}

/** 3b. Ratifications, then the treaty steps (treaties.ts): entries into force, answers, lapses, triggers, invocations. */
function treatyOrders(turn: Turn): void {
  const { state, events, actors } = turn;
  turn.run('ratification');
  events.push(...bringIntoForce(state));
  turn.run('answers');
  events.push(...lapseCalls(state, actors));
  const arisen = newTriggers(state, turn.combatFrontsBefore, actors);
  events.push(...arisen.events);
  turn.run('invocations');
  events.push(...invokeAllMeans(state, arisen.triggers, turn.treatySeed));
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

/** 6. Escalation: Kahn rungs per dyad from the turn's declarations, signals and escalation orders, then from within. */
function escalation(turn: Turn): void {
  const { state, events, wars } = turn;
  for (const e of [...events]) {
    if (e.type === 'war_declared') turn.raiseRung(e.actor, e.on, RUNG.war);
    if (e.type === 'war_joined') for (const enemy of wars.get(e.war)!.sides[1 - e.side]!) turn.raiseRung(e.actor, enemy, RUNG.war);
  }
  turn.run('signals');
  turn.run('escalations');
  events.push(...escalationFromWithin(state, [...events], turn.raiseRung, turn.signalled));
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
