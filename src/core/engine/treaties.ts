/**
 * Treaties and obligations — the domino (docs/model.md §4). Each turn, after the declarations of war and the
 * ratifications (apply.ts runs these steps; the orders' own rules are in kinds/):
 *
 * 1. Treaties every party has ratified, or whose date of entry has come, enter into force (bringIntoForce).
 * 2. Answers to earlier calls to arms are carried out (kinds/answer_call.ts): `honour` does the obligation's duty
 *    (fight: join the war on the protected party's side; mobilise: general mobilisation; consult: a consultation),
 *    `partial` does less (no entry into the war; partial mobilisation) and costs half the reputation of reneging,
 *    `renege` costs the obliged party reputation by the obligation's strength. A call not answered by its due turn
 *    lapses and counts as reneging (lapseCalls): nothing is silently ignored.
 * 3. New triggers (newTriggers): an obligation of a treaty in force triggers when its conditions (ATOP's: trigger
 *    event, attack on territory or forces, region, named attackers, attackers except some, a number of great
 *    powers, an attacker's supporter, unprovoked) hold for a protected party.
 * 4. A protected party's `invoke_treaty` order (kinds/invoke_treaty.ts) calls its allies to arms under every
 *    obligation of the treaty triggered for it, this turn's triggers among them.
 * 5. An `all_means` obligation ("immediately ... by all means") newly triggered calls the allies at once
 *    (invokeAllMeans); weaker ones wait for the protected party to invoke them (as NATO's Art. 5 waits on the
 *    North Atlantic Council).
 *
 * Reputation is the credibility of all an actor's commitments (after Europa Universalis' call-to-arms trust):
 * reneging costs RENEGE_COST[strength], so breaking "by all means" costs most.
 */
import type { Id, Obligation, ObligationStrength } from '../model.ts';
import { Rng } from '../rng.ts';
import { standardNormal } from '../sample.ts';
import type { Event } from './orders.ts';
import {
  activeWarsByParty,
  atWar,
  listIn,
  sideClash,
  sidesInWar,
  type Clash,
  MOBILISATION_LEVELS,
  sideOf,
  type ActorState,
  type CallAnswer,
  type CallState,
  type FrontState,
  type GameState,
  type TreatyState,
  type TriggerState,
  type WarState,
} from './state.ts';

/** Reputation lost by reneging, by the obligation's strength (judgement; docs/model.md §4). */
export const RENEGE_COST: Record<ObligationStrength, number> = {
  all_means: 0.3,
  as_deemed_necessary: 0.2,
  constitutional_processes: 0.1,
  benevolent: 0.05,
  consult: 0.02,
};

/** Turns an obliged party has to answer a call. */
export const ANSWER_TURNS = 2;

/** Kahn rung from which a dyad counts as a threat (rung 5, show of force). */
export const THREAT_RUNG = 5;

const MOBILISED = new Set(['partial', 'general']);

export function dutyOf(o: Obligation): NonNullable<Obligation['duty']> {
  if (o.duty) return o.duty;
  switch (o.type) {
    case 'defense':
    case 'offense':
      return 'fight';
    case 'neutrality':
      return 'stay_neutral';
    case 'nonaggression':
      return 'not_attack';
    case 'consultation':
      return 'consult';
  }
}

/**
 * The state read by party: actors by id, each actor's active wars, each war's fronts, and the actors mobilised
 * (built once a stage).
 */
export interface Parties {
  actors: ReadonlyMap<Id, ActorState>;
  wars: ReadonlyMap<Id, readonly WarState[]>;
  fronts: ReadonlyMap<Id, readonly FrontState[]>;
  mobilised: readonly ActorState[];
}

export function partiesOf(state: GameState, actors: ReadonlyMap<Id, ActorState>): Parties {
  const fronts = new Map<Id, FrontState[]>();
  for (const f of state.fronts) listIn(fronts, f.conflict).push(f);
  const mobilised = state.actors.filter((a) => MOBILISED.has(a.mobilisation));
  return { actors, wars: activeWarsByParty(state.wars), fronts, mobilised };
}

function treatyOf(state: GameState, id: Id): TreatyState | undefined {
  return state.treaties.find((t) => t.id === id);
}

/** The wars (or `-` for none) in which the obligation's conditions hold for protected party `p`. */
export function conditionsHold(state: GameState, o: Obligation, p: Id, combatFronts: ReadonlySet<Id>, parties: Parties): Id[] {
  const c = o.conditions;
  const actor = (id: Id) => parties.actors.get(id);
  const me = actor(p);
  if (!me) return [];
  const inRegion = (regions: readonly Id[]) => !c.regions || c.regions.some((r) => regions.includes(r));
  // Named attackers, exceptions and numbers are judged on those who attack; a supporter on the whole enemy side.
  const attackersOk = (attackers: readonly Id[], enemies: readonly Id[]) => {
    if (attackers.length === 0) return false;
    if (c.by && !attackers.some((e) => c.by!.includes(e))) return false;
    if (c.except_by && attackers.every((e) => c.except_by!.includes(e))) return false;
    if (c.by_at_least !== undefined && attackers.filter((e) => actor(e)?.greatPower).length < c.by_at_least) return false;
    if (c.supported_by && !enemies.some((e) => c.supported_by!.includes(e))) return false;
    return true;
  };

  if (c.trigger === 'mobilisation') {
    const movers = parties.mobilised.filter((a) => a.id !== p && (!c.by || c.by.includes(a.id)));
    return movers.length > 0 ? ['-'] : [];
  }
  if (c.trigger === 'threat') {
    // The dyads at a threatening rung, read from the rung table (few entries) rather than every pair.
    let threatened = false;
    for (const key in state.rungs) {
      if (state.rungs[key]! < THREAT_RUNG) continue;
      const bar = key.indexOf('|');
      const a = key.slice(0, bar);
      const b = key.slice(bar + 1);
      const other = a === p ? b : b === p ? a : null;
      if (other !== null && (!c.by || c.by.includes(other))) {
        threatened = true;
        break;
      }
    }
    return threatened && inRegion(me.regions) ? ['-'] : [];
  }

  const out: Id[] = [];
  for (const war of parties.wars.get(p) ?? []) {
    const side = sideOf(war, p) as 0 | 1; // the index lists p's active wars only
    const enemies = war.sides[1 - side]!;
    // Provoked: the party, or its side's aggressor, declared war on one of its present enemies.
    const provoked = war.declarations.some(
      (d) => enemies.includes(d.on) && (d.by === p || d.by === war.aggressor) && war.sides[side]!.includes(d.by),
    );
    if (c.unprovoked && provoked) continue;
    const fronts = parties.fronts.get(war.id) ?? [];
    // Who attacks the party: enemies that declared war on it or hold forces on its territory; for a war
    // or forces trigger, every enemy. Under an obligation of collective self-defence (`self_defence`: UN Charter
    // Art. 51, which NATO's Art. 5 and the Russia–DPRK Art. 4 invoke) a declaration made to honour a defence
    // obligation is self-defence too, not an armed attack: the allies who answer Poland's call do not attack Russia by
    // declaring war on it; their forces on its soil would.
    const defending = (e: Id) =>
      c.self_defence === true &&
      state.calls.some(
        (x) =>
          x.war === war.id &&
          x.obliged === e &&
          x.answer === 'honour' &&
          treatyOf(state, x.treaty)?.obligations[x.obligation]?.type === 'defense',
      );
    const onTerritory = (e: Id) =>
      war.declarations.some((d) => d.by === e && d.on === p && !defending(e)) ||
      fronts.some((f) => f.territory === p && f.forces.some((x) => x.for === e));
    const attackers = c.trigger === 'attack' && c.location !== 'forces' ? enemies.filter(onTerritory) : enemies;
    if (!attackersOk(attackers, enemies)) continue;
    if (c.trigger === 'war') {
      if (inRegion(me.regions)) out.push(war.id);
      continue;
    }
    const attacked =
      c.location === 'forces'
        ? fronts.some((f) => combatFronts.has(f.id) && f.forces.some((x) => x.actor === p) && inRegion(actor(f.territory)?.regions ?? []))
        : inRegion(me.regions) && attackers.length > 0;
    if (attacked) out.push(war.id);
  }
  return out;
}

/** Carry out one answer to a call. Mutates the state; returns the events. */
export function carryOut(state: GameState, call: CallState, answer: CallAnswer, actors: Map<Id, ActorState>): Event[] {
  const treaty = state.treaties.find((t) => t.id === call.treaty)!;
  const o = treaty.obligations[call.obligation]!;
  const obliged = actors.get(call.obliged)!;
  call.answer = answer;
  const events: Event[] = [
    { type: 'call_answered', actor: call.obliged, treaty: call.treaty, protects: call.protects, war: call.war, answer },
  ];
  const cost = answer === 'honour' ? 0 : answer === 'partial' ? RENEGE_COST[o.strength] / 2 : RENEGE_COST[o.strength];
  if (cost > 0) {
    const from = obliged.reputation;
    obliged.reputation = Math.max(0, obliged.reputation - cost);
    events.push({ type: 'reputation_changed', actor: obliged.id, from, to: obliged.reputation });
  }
  const duty = dutyOf(o);
  if (duty === 'fight' && answer === 'honour') {
    const war = state.wars.find((w) => w.id === call.war);
    const side = war ? sideOf(war, call.protects) : -1;
    if (war && war.active && side !== -1 && sideOf(war, obliged.id) === -1) {
      // Entering the war is a declaration on the other side's principal, as with join_war — but where the two
      // are already enemies in another war, the ally joins this one too, with no new declaration (no new attack).
      const principal = war.sides[1 - side]![0]!;
      const enemies = atWar(state.wars, obliged.id, principal);
      war.sides[side].push(obliged.id);
      events.push({ type: 'war_joined', actor: obliged.id, war: war.id, side });
      if (!enemies) {
        war.declarations.push({ by: obliged.id, on: principal });
        events.push({ type: 'war_declared', actor: obliged.id, on: principal, war: war.id });
      }
    }
  }
  if (duty === 'mobilise' && answer !== 'renege' && answer !== 'lapsed') {
    const level = answer === 'honour' ? 'general' : 'partial';
    if (MOBILISATION_LEVELS.indexOf(level) > MOBILISATION_LEVELS.indexOf(obliged.mobilisation)) {
      obliged.mobilisation = level;
      events.push({ type: 'mobilised', actor: obliged.id, level, raised: 0 });
    }
  }
  return events;
}

/** The cohesion of the bloc with both actors among its members (the highest, if several); 0 if none. */
function cohesionOf(state: GameState, a: Id, b: Id): number {
  let c = 0;
  for (const x of state.actors) if (x.kind === 'bloc' && x.members.includes(a) && x.members.includes(b)) c = Math.max(c, x.cohesion);
  return c;
}

/** For a call whose duty is to fight: whether honouring it would set the obliged on both sides of someone. */
export function fightClash(state: GameState, call: CallState): Clash | undefined {
  const obligation = state.treaties.find((t) => t.id === call.treaty)?.obligations[call.obligation];
  const war = state.wars.find((w) => w.id === call.war);
  if (!obligation || dutyOf(obligation) !== 'fight' || !war || sideOf(war, call.protects) === -1) return undefined;
  return sideClash(state.wars, call.obliged, sidesInWar(war, call.protects));
}

/**
 * Invoke a trigger: a call to arms to each party obliged, all judging the attack together (one draw, each ally
 * weighing it by its bloc's cohesion). Mutates the state; returns the events.
 */
export function issueCalls(state: GameState, trigger: TriggerState, treaty: TreatyState, seed: number): Event[] {
  const o = treaty.obligations[trigger.obligation]!;
  const events: Event[] = [];
  trigger.invoked = true;
  // One judgement of the attack for all the trigger's calls; each ally weighs it by its bloc's cohesion.
  // Drawn from the trigger's own stream: another treaty's call in the same turn leaves this judgement alone.
  const resolve = standardNormal(Rng.named(seed, `${treaty.id}|${trigger.obligation}|${trigger.protects}|${trigger.war}`));
  events.push({ type: 'treaty_invoked', actor: trigger.protects, treaty: treaty.id, war: trigger.war });
  const war = state.wars.find((w) => w.id === trigger.war);
  const protectedSide = war ? sideOf(war, trigger.protects) : -1;
  for (const obliged of o.obliged ?? treaty.parties) {
    if (obliged === trigger.protects) continue;
    // One already fighting beside the protected party in this war has met the duty: no call, nothing to renege on.
    if (war && protectedSide !== -1 && sideOf(war, obliged) === protectedSide) continue;
    if (state.calls.some((c) => c.trigger === trigger.key && c.obliged === obliged)) continue;
    const call: CallState = {
      trigger: trigger.key,
      treaty: treaty.id,
      obligation: trigger.obligation,
      protects: trigger.protects,
      obliged,
      war: trigger.war,
      issued: state.turn + 1,
      due: state.turn + 1 + ANSWER_TURNS,
      answer: 'pending',
      resolve,
      cohesion: cohesionOf(state, obliged, trigger.protects),
    };
    state.calls.push(call);
    events.push({ type: 'call_to_arms', actor: obliged, treaty: treaty.id, protects: trigger.protects, war: trigger.war, due: call.due });
  }
  return events;
}

/** Treaties every party has ratified, or whose date of entry has come, enter into force. */
export function bringIntoForce(state: GameState): Event[] {
  const events: Event[] = [];
  const turn = state.turn + 1;
  for (const t of state.treaties)
    if (!t.inForce && (t.parties.every((p) => t.ratifiedBy.includes(p)) || (t.inForceTurn !== null && turn >= t.inForceTurn))) {
      t.inForce = true;
      events.push({ type: 'treaty_in_force', treaty: t.id });
    }
  return events;
}

/** Calls to arms past their due turn unanswered lapse (a broken word, as reneging). */
export function lapseCalls(state: GameState, actors: Map<Id, ActorState>): Event[] {
  const turn = state.turn + 1;
  const events: Event[] = [];
  for (const call of state.calls) if (call.answer === 'pending' && call.due < turn) events.push(...carryOut(state, call, 'lapsed', actors));
  return events;
}

/**
 * The obligations of treaties in force whose conditions now hold for a party in a war, not triggered before: new
 * triggers, added to the state. `combatFronts` are the fronts under fire at the start of the turn.
 */
export function newTriggers(
  state: GameState,
  combatFronts: ReadonlySet<Id>,
  actors: ReadonlyMap<Id, ActorState>,
): { triggers: TriggerState[]; events: Event[] } {
  const turn = state.turn + 1;
  const triggers: TriggerState[] = [];
  const events: Event[] = [];
  const parties = partiesOf(state, actors);
  const triggered = new Set(state.triggers.map((x) => x.key));
  for (const t of state.treaties) {
    if (!t.inForce) continue;
    t.obligations.forEach((o, i) => {
      for (const p of o.protects ?? t.parties)
        for (const war of conditionsHold(state, o, p, combatFronts, parties)) {
          const key = `${t.id}#${i}:${p}:${war}`;
          if (triggered.has(key)) continue;
          const trigger: TriggerState = { key, treaty: t.id, obligation: i, protects: p, war, turn, invoked: false };
          triggered.add(key);
          state.triggers.push(trigger);
          triggers.push(trigger);
          events.push({ type: 'treaty_triggered', treaty: t.id, article: o.article ?? `obligation ${i + 1}`, protects: p, war });
        }
    });
  }
  return { triggers, events };
}

/** An "all means" obligation newly triggered is invoked at once, without waiting for the protected party to ask. */
export function invokeAllMeans(state: GameState, triggers: readonly TriggerState[], seed: number): Event[] {
  const events: Event[] = [];
  for (const x of triggers) {
    const treaty = state.treaties.find((t) => t.id === x.treaty)!;
    if (!x.invoked && treaty.obligations[x.obligation]!.strength === 'all_means') events.push(...issueCalls(state, x, treaty, seed));
  }
  return events;
}
