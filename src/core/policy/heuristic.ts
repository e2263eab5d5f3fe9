/**
 * The fast heuristic policy: a few rules per situation that read an actor's observation (never the state) and
 * give its orders for the turn with the reasons. Used by the heuristic bot, inside search rollouts and in large
 * forecasts, so it must be cheap. Random choices come from the bot's own generator.
 *
 * 1. Calls to arms: honour with a probability that falls with the obligation's strength (HONOUR_BASE, the game's
 *    switches `honour_*` where the scenario sets them (src/core/switches.ts), anchored
 *    on Leeds, Long & Mitchell 2000: alliance commitments were honoured in ~74 % of the cases that invoked them),
 *    scaled by domestic support and by what the alliance is worth to the actor: its weight on credibility, or —
 *    when the protected party is its patron (it receives transfers from it) — its weight on the technology or
 *    leverage that flow would lose; otherwise a partial answer for the weaker strengths, or reneging. Allies in a
 *    bloc judge together: the call carries the alliance's common judgement of the attack, mixed with the actor's
 *    own by the bloc's cohesion (a Gaussian copula), so members honour or hold back more often as one. An ally
 *    that reneged before (its reputation below 1) is defended less readily. A duty to
 *    fight an actor it already fights beside (in another war), or an ally under another treaty in force, is
 *    reneged on: it cannot be met, or the other commitment wins.
 * 2. Invoke a treaty triggered for oneself while at war. Ratify a treaty in play whose other parties one already
 *    stands beside: each is a partner in an active flow of arms, munitions or money (either way) or fights on one's
 *    side (the commitment then formalises a partnership already paid for; Russia ratified its treaty with North Korea
 *    in the weeks North Korean troops reached Kursk). A treaty with anyone else is left in play.
 * 3. Ceasefire (a war's principal only): take up the other side's offer when support is below ACCEPT_SUPPORT,
 *    reject it otherwise; offer one when support falls below OFFER_SUPPORT.
 * 4. Mobilise one level up when the pool is spent (under POOL_RESERVE of the forces deployed) and support holds
 *    (at least 0.4 after the draft's cost, the actor's `draftCost`).
 * 5. Reinforce the front of one's wars where one's side is weakest, if it has fewer than PARITY times the enemy's
 *    troops there (as far as one knows): up to that, with at most REINFORCE_SHARE (switch `reinforce_share`) of the pool a turn
 *    (MEET_INVASION_SHARE to meet an invasion of one's own territory where one has no troops yet). Fronts on one's
 *    own side's soil come first: a front on the enemy's soil is reinforced only when no front at home is below parity.
 *    A front off one's own territory gets no more than the actor's expeditionary limit leaves room for. An ally in a
 *    war only by the call of a defence obligation it honoured (not a principal) defends: it reinforces only fronts on
 *    its own side's soil — the obligation is to meet an attack on a party's territory (North Korea's troops defend
 *    Kursk under Art. 4 of its treaty with Russia; they do not carry the war into Ukraine).
 *    Troops of one's own on a front of one's wars where no enemy stands or is on the way come back to the pool, from
 *    which reinforcements go to the fronts still fought (Russia's grouping in Kursk, once it has retaken the salient);
 *    an expeditionary contingent stays, its host's garrison, for what it is paid for (North Korea's in Kursk).
 *    Postures: a force that defends or holds goes over to the attack where its side has COUNTER_RATIO (switch
 *    `counter_ratio`) soldiers per
 *    enemy on the front (as far as it knows), and one that attacks goes over to the defence below ABANDON_RATIO.
 * 6. Burden sharing, at war or not: when a fellow donor's standing weapons aid to an actor one backs stops while that
 *    actor fights, make up the share `burdenSharing` of the loss in proportion to one's own part of the aid that
 *    remains (Olson & Zeckhauser 1966: in an alliance's public good, an ally's best reply to another's cut makes up
 *    part of it, not all). Stateless: what one started since the first cut counts against what is due.
 * 7. Sanctions, at war or not: on each state one sees fight for, or send weapons or munitions to, the enemies of
 *    oneself or of an actor one backs, and does not sanction yet — where that costs it more than oneself, a smaller
 *    economy (an imposer pays 42/53 of the trade cut, the smaller economy's share of it: economy.ts
 *    SANCTION_SENDER_COST). SANCTION_STEP of its trade (judgement).
 */
import type { Id, ObligationStrength } from '../model.ts';
import type { Rng } from '../rng.ts';
import { frontsOfWars, warsOf, type Observation, type ObservedTransfer } from '../engine/observe.ts';
import type { Order } from '../engine/orders.ts';
import { enemiesOfAny, MOBILISATION_LEVELS, sideClash, sideOf, sidesInWar, type ActorState, type WarState } from '../engine/state.ts';
import { dutyOf } from '../engine/treaties.ts';
import { moneyScale } from '../engine/economy.ts';
import { normalCdf } from '../dist.ts';
import { SWITCHES } from '../switches.ts';
import { standardNormal } from '../sample.ts';

/** Probability of honouring a call by the obligation's strength, before support and credibility (judgement). */
export const HONOUR_BASE: Record<ObligationStrength, number> = {
  all_means: SWITCHES.honour_all_means.default,
  as_deemed_necessary: SWITCHES.honour_as_deemed_necessary.default,
  constitutional_processes: SWITCHES.honour_constitutional_processes.default,
  benevolent: 0.2,
  consult: 0.9,
};

/** Support below which a principal takes up a ceasefire offer. */
export const ACCEPT_SUPPORT = 0.35;
/** Support below which a principal offers a ceasefire itself. */
export const OFFER_SUPPORT = 0.25;
/** Mobilise when the pool is below this share of one's deployed forces. */
export const POOL_RESERVE = 0.05;
/** Reinforce a front where one's side has fewer than this many troops per enemy soldier. */
export const PARITY = 1.2;
/**
 * The share of its pool a side commits to a front in one turn (judgement, calibrated under the forecast's bots,
 * docs/calibration.md): Russia's grouping against Ukraine then grows by ~30,000 a month over the first two to six
 * months, as Syrskyi reported it planned (~520,000 in July 2024, 690,000 by the end of the year). Half the pool, the
 * first rule, grew it by ~166,000 a month and put Russian casualties at ~1,700 a day against October 2024's high of
 * 1,354.
 */
export const REINFORCE_SHARE = SWITCHES.reinforce_share.default;
/**
 * The share of its pool a side sends at once to meet an invasion: to a front on its own territory where it has no
 * troops yet (judgement: the home army is at home, and marches; the first rule's half of the pool).
 */
export const MEET_INVASION_SHARE = 0.5;

/**
 * Soldiers per enemy on a front at which a force that defends or holds goes over to the attack (judgement: below the
 * 3 : 1 rule of thumb for the point of attack, Mearsheimer 1989, as a front-wide ratio; in the default scenario
 * North Korea's troops, holding in Kursk beside Russia's at about 7 : 1, attack, as they did from December 2024).
 */
export const COUNTER_RATIO = SWITCHES.counter_ratio.default;
/** Soldiers per enemy below which an attacking force goes over to the defence (judgement). */
export const ABANDON_RATIO = 0.5;

export interface PolicyChoice {
  orders: Order[];
  /** One line per order, saying why (none when not asked for). */
  reasons: string[];
}

/**
 * The orders, and one reason per order when `withReasons` (forecast runs and search rollouts, which read none, skip
 * building them). One function per rule, in the order above.
 */
export function heuristicOrders(o: Observation, rng: Rng, withReasons = true): PolicyChoice {
  const plan = new PlanBuilder(withReasons);
  const me = o.self;
  if (!me) return plan.choice();
  const wars = warsOf(o, me.id);
  if (o.calls.length > 0) answerCalls(o, me, rng, plan);
  if (wars.length > 0 && o.triggers.length > 0) invokeTreaties(o, plan);
  ratifyTreaties(o, me, plan);
  if (wars.length > 0) ceasefires(wars, me, plan);
  if (wars.length > 0 && me.kind === 'state') forces(o, me, plan);
  if (wars.length > 0 && me.kind === 'state') postures(o, me, plan);
  if (me.burdenSharing > 0) shareBurden(o, me, plan);
  if (me.kind === 'state' && me.gdp > 0) sanctions(o, me, plan);
  return plan.choice();
}

/** Orders with their reasons; a reason is built only when asked for (a thunk otherwise never called). */
class PlanBuilder {
  private readonly orders: Order[] = [];
  private readonly reasons: string[] = [];
  constructor(private readonly withReasons: boolean) {}
  add(order: Order, reason: () => string): void {
    this.orders.push(order);
    if (this.withReasons) this.reasons.push(reason());
  }
  choice(): PolicyChoice {
    return { orders: this.orders, reasons: this.reasons };
  }
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** 1. Calls to arms. */
function answerCalls(o: Observation, me: ActorState, rng: Rng, plan: PlanBuilder): void {
  for (const c of o.calls) {
    if (c.obliged !== me.id || c.answer !== 'pending') continue;
    const obligation = o.treaties.find((t) => t.id === c.treaty)?.obligations[c.obligation];
    const strength = obligation?.strength ?? 'consult';
    // A duty to fight an actor it fights beside in another war cannot be met; one to fight an ally under another
    // treaty in force is not met either (the conflicting obligation wins).
    const war = o.wars.find((w) => w.id === c.war);
    if (war && sideOf(war, c.protects) !== -1 && sideOf(war, me.id) === sideOf(war, c.protects)) {
      plan.add(
        { type: 'answer_call', treaty: c.treaty, answer: 'honour' },
        () => `honours ${c.protects}'s call under ${c.treaty}: it already fights beside it`,
      );
      continue;
    }
    if (war && sideOf(war, c.protects) !== -1 && obligation && dutyOf(obligation) === 'fight') {
      const sides = sidesInWar(war, c.protects);
      const clash = sideClash(o.wars, me.id, sides);
      const ally = clash ? undefined : allyAmong(o, me.id, sides.against, c.treaty);
      if (clash || ally) {
        plan.add(
          { type: 'answer_call', treaty: c.treaty, answer: 'renege' },
          () =>
            `reneges on ${c.protects}'s call under ${c.treaty}: ` +
            (clash
              ? `it would ${clash.beside ? 'fight' : 'stand beside'} ${clash.other}, ${clash.beside ? 'beside' : 'against'} whom it is at war`
              : `it would have to fight ${ally![0]}, its ally under ${ally![1]}`),
        );
        continue;
      }
    }
    const patron = o.transfers.some((t) => t.active && t.from === c.protects && t.to === me.id);
    const stake = Math.max(me.interests.credibility, patron ? Math.max(me.interests.technology, me.interests.leverage) : 0);
    // Promises are read against the record: an ally that reneged on its own calls is defended less readily
    // (reputation, 1 at the start, falls with each renege; Crescenzi, Kathman, Kleinberg & Wood 2012).
    const theirs = o.actors.find((a) => a.id === c.protects)?.reputation ?? 1;
    const p = honourBase(o, strength) * (0.5 + 0.5 * me.support) * (0.5 + 0.5 * stake) * (0.5 + 0.5 * theirs);
    // Allies judge the attack together: the bloc's common judgement, weighed by its cohesion, and the actor's own
    // (a Gaussian copula: each ally still honours with probability p, but with the others more often than alone).
    const judgement = Math.sqrt(c.cohesion) * c.resolve + Math.sqrt(1 - c.cohesion) * standardNormal(rng);
    const honour = !me.collapsed && normalCdf(judgement) < p;
    const weak = strength === 'constitutional_processes' || strength === 'benevolent';
    const answer = honour ? 'honour' : weak ? 'partial' : 'renege';
    plan.add(
      { type: 'answer_call', treaty: c.treaty, answer },
      () =>
        `${answer === 'honour' ? 'honours' : answer === 'partial' ? 'partly honours' : 'reneges on'} ${c.protects}'s call under ${c.treaty}: ` +
        `a "${strength.replace(/_/g, ' ')}" obligation${patron ? ` to its patron` : ''}, support ${pct(me.support)}` +
        (theirs < 1 ? `, ${c.protects}'s record ${pct(theirs)} (it reneged before)` : '') +
        `, chance of honouring ${pct(p)}` +
        (c.cohesion > 0
          ? `, judged with its allies (cohesion ${pct(c.cohesion)}: they ${c.resolve >= 0 ? 'hesitate' : 'stand firm'})`
          : ''),
    );
  }
}

/** The base chance of honouring an obligation of this strength: the game's switch where there is one. */
function honourBase(o: Observation, strength: ObligationStrength): number {
  const sw = o.switches;
  switch (strength) {
    case 'all_means':
      return sw.honour_all_means;
    case 'as_deemed_necessary':
      return sw.honour_as_deemed_necessary;
    case 'constitutional_processes':
      return sw.honour_constitutional_processes;
    default:
      return HONOUR_BASE[strength];
  }
}

/** 2. Invocations of the treaties triggered for oneself, while at war. */
function invokeTreaties(o: Observation, plan: PlanBuilder): void {
  for (const treaty of new Set(o.triggers.filter((t) => !t.invoked).map((t) => t.treaty)))
    plan.add({ type: 'invoke_treaty', treaty }, () => `invokes ${treaty}: its conditions hold for it and it is at war`);
}

/** 2. Ratification of the treaties in play with one's partners. */
function ratifyTreaties(o: Observation, me: ActorState, plan: PlanBuilder): void {
  for (const t of o.treaties) {
    if (t.inForce || t.rejectedBy !== null || !t.parties.includes(me.id) || t.ratifiedBy.includes(me.id)) continue;
    const others = t.parties.filter((p) => p !== me.id);
    const partner = (p: Id) =>
      o.transfers.some((x) => x.active && ((x.from === me.id && x.to === p) || (x.from === p && x.to === me.id))) ||
      warsOf(o, me.id).some((w) => sideOf(w, p) !== -1 && sideOf(w, p) === sideOf(w, me.id));
    if (others.length > 0 && others.every(partner))
      plan.add(
        { type: 'ratify', treaty: t.id },
        () =>
          `ratifies ${t.id}: ${others.join(', ')} ${others.length > 1 ? 'are' : 'is'} already its partner${others.length > 1 ? 's' : ''} in arms or in war`,
      );
  }
}

/** 3. Ceasefire, for a war's principal. */
function ceasefires(wars: readonly WarState[], me: ActorState, plan: PlanBuilder): void {
  for (const w of wars) {
    const side = sideOf(w, me.id) as 0 | 1;
    if (w.sides[side][0] !== me.id) continue;
    const other = w.sides[1 - side]![0];
    if (other !== undefined && w.offers.includes(other)) {
      if (me.support < ACCEPT_SUPPORT || me.collapsed)
        plan.add(
          { type: 'accept_ceasefire', war: w.id },
          () => `accepts ${other}'s ceasefire offer in ${w.id}: support at home is down to ${pct(me.support)}`,
        );
      else
        plan.add(
          { type: 'reject_ceasefire', war: w.id },
          () => `rejects ${other}'s ceasefire offer in ${w.id}: support at home holds at ${pct(me.support)}`,
        );
    } else if (me.support < OFFER_SUPPORT && !me.collapsed)
      plan.add(
        { type: 'propose_ceasefire', war: w.id },
        () => `offers a ceasefire in ${w.id}: support at home is down to ${pct(me.support)}`,
      );
  }
}

/** 4-5. Forces, for a state at war: mobilise when the pool is spent; reinforce the weakest front. */
function forces(o: Observation, me: ActorState, plan: PlanBuilder): void {
  idleFronts(o, me, plan);
  const deployed = deployedTroops(o.fronts, me.id);
  const level = MOBILISATION_LEVELS.indexOf(me.mobilisation);
  // Support must hold after the draft's own cost.
  if (me.pool < POOL_RESERVE * deployed && level < MOBILISATION_LEVELS.length - 1 && me.support - me.draftCost >= 0.4 && me.reserve > 0) {
    const next = MOBILISATION_LEVELS[level + 1]!;
    plan.add(
      { type: 'mobilise', level: next },
      () =>
        `mobilises (${next}): its pool is spent and support holds at ${pct(me.support)}${me.draftCost > 0 ? `, ${pct(me.draftCost)} of it the draft's cost` : ''}`,
    );
  }
  const weakest = weakestFront(o, me.id);
  if (weakest === null) return;
  const share = weakest.invaded ? MEET_INVASION_SHARE : o.switches.reinforce_share;
  // Abroad, no more than its expeditionary limit lets it keep there.
  const room = weakest.abroad && me.expeditionary !== null ? me.expeditionary - troopsAbroad(o, me.id) : Infinity;
  const troops = Math.floor(Math.min(me.pool * share, PARITY * weakest.theirs - weakest.mine, room));
  if (troops > 0)
    plan.add(
      { type: 'deploy', front: weakest.front, troops },
      () =>
        `reinforces ${weakest.front} with ${troops.toLocaleString('en-GB')} troops: its side has ${(weakest.mine / weakest.theirs).toFixed(2)} soldiers per enemy there`,
    );
}

/** 5. Troops of one's own idle on a front of one's wars with no enemy there nor on the way: back to the pool. */
function idleFronts(o: Observation, me: ActorState, plan: PlanBuilder): void {
  for (const f of o.fronts) {
    const war = o.wars.find((w) => w.id === f.conflict && w.active);
    const side = war ? sideOf(war, me.id) : -1;
    if (!war || side === -1) continue;
    const enemy = (x: { for: Id }) => {
      const s = sideOf(war, x.for);
      return s !== -1 && s !== side;
    };
    if (f.forces.some((x) => x.troops > 0 && enemy(x)) || o.transit.some((t) => t.front === f.id && enemy(t))) continue;
    const troops = f.forces.filter((x) => x.actor === me.id && x.for === me.id).reduce((n, x) => n + x.troops, 0);
    if (troops > 0)
      plan.add(
        { type: 'withdraw', front: f.id, troops },
        () => `brings ${troops.toLocaleString('en-GB')} troops back from ${f.id}: no enemy stands there or is on the way`,
      );
  }
}

/** 5. Postures: attack with a clear superiority on a front, give an attack up at a clear inferiority. */
function postures(o: Observation, me: ActorState, plan: PlanBuilder): void {
  for (const f of o.fronts) {
    const war = o.wars.find((w) => w.id === f.conflict && w.active);
    const side = war ? sideOf(war, me.id) : -1;
    const mine = f.forces.filter((x) => x.actor === me.id && x.troops > 0);
    if (!war || side === -1 || mine.length === 0) continue;
    const { ours, theirs } = sideTroops(war, f, side);
    if (theirs === 0) continue;
    const ratio = ours / theirs;
    const attacking = mine.every((x) => x.posture === 'attack');
    const posture = !attacking && ratio >= o.switches.counter_ratio ? 'attack' : attacking && ratio < ABANDON_RATIO ? 'defend' : null;
    if (posture)
      plan.add(
        { type: 'posture', front: f.id, posture },
        () =>
          `${posture === 'attack' ? 'attacks' : 'goes over to the defence'} on ${f.id}: its side has ${ratio.toFixed(2)} soldiers per enemy there`,
      );
  }
}

/** The share of its trade a bot's new sanction cuts (judgement: the menu's step, legal candidates' 0.1). */
export const SANCTION_STEP = 0.1;

/** 7. Sanctions on those who fight for or arm the enemies of oneself or of those one backs, where they are the smaller economy. */
function sanctions(o: Observation, me: ActorState, plan: PlanBuilder): void {
  const friends = new Set<Id>([me.id, ...me.backs]);
  const foes = enemiesOfAny(o.wars, friends);
  if (foes.size === 0) return;
  // Those who help a foe, as far as one sees: forces fighting for it, weapons or munitions sent to it.
  const helps = new Map<Id, string>();
  for (const f of o.fronts)
    for (const x of f.forces)
      if (x.troops > 0 && x.actor !== x.for && foes.has(x.for) && !helps.has(x.actor))
        helps.set(x.actor, `its troops fight for ${x.for} on ${f.id}`);
  for (const t of o.transfers)
    if (t.active && foes.has(t.to) && (t.kind === 'weapons' || t.kind === 'munitions') && !helps.has(t.from))
      helps.set(t.from, `it sends ${t.to} ${t.kind}`);
  for (const [x, reason] of helps) {
    const target = o.actors.find((a) => a.id === x);
    if (friends.has(x) || target?.kind !== 'state' || !(target.gdp > 0) || target.gdp >= me.gdp) continue;
    if (o.sanctions.some((s) => s.active && s.on === x && s.by.includes(me.id))) continue;
    plan.add(
      { type: 'sanction', on: x, intensity: SANCTION_STEP },
      () => `sanctions ${x} (${pct(SANCTION_STEP)} of its trade): ${reason}, and its economy is smaller than ${me.id}'s, which pays less`,
    );
  }
}

/** 6. Burden sharing: one's part of the weapons aid fellow donors stopped, to each actor one backs while it fights. */
function shareBurden(o: Observation, me: ActorState, plan: PlanBuilder): void {
  for (const x of me.backs) {
    if (warsOf(o, x).length === 0) continue;
    // Standing weapons aid to x, in USD million a turn (0 for other flows, or one whose amount is not known).
    const aid = (t: ObservedTransfer) =>
      t.to === x && t.standing && t.kind === 'weapons' && t.amount !== null ? (moneyScale(t.unit) ?? 0) * t.amount : 0;
    let lost = 0;
    let first = Infinity;
    for (const t of o.transfers)
      if (t.from !== me.id && !t.active && t.stopTurn !== null && aid(t) > 0) {
        lost += aid(t);
        first = Math.min(first, t.stopTurn);
      }
    if (lost === 0) continue;
    // The aid that remains, as it stood before the first cut: one's own part, and everyone's.
    let mine = 0;
    let remaining = 0;
    let given = 0;
    for (const t of o.transfers) {
      if (!t.active) continue;
      if (t.startTurn < first) {
        remaining += aid(t);
        if (t.from === me.id) mine += aid(t);
      } else if (t.from === me.id) given += aid(t);
    }
    if (mine === 0) continue;
    const due = (me.burdenSharing * lost * mine) / remaining;
    const raise = Math.round(due - given);
    if (raise >= 1)
      plan.add(
        { type: 'transfer', to: x, kind: 'weapons', amount: raise, standing: true },
        () =>
          `raises its weapons aid to ${x} by $${raise.toLocaleString('en-GB')} m a turn: fellow donors stopped $${Math.round(lost).toLocaleString('en-GB')} m a turn, ` +
          `and it makes up ${pct(me.burdenSharing)} of its part (${pct(mine / remaining)} of the aid that remains)`,
      );
  }
}

/** One's troops on fronts off one's own territory, and on their way to them (as the engine counts them). */
function troopsAbroad(o: Observation, actor: Id): number {
  let n = 0;
  const abroad = new Set<Id>();
  for (const f of o.fronts)
    if (f.territory !== actor) {
      abroad.add(f.id);
      for (const x of f.forces) if (x.actor === actor) n += x.troops;
    }
  for (const t of o.transit) if (t.actor === actor && abroad.has(t.front)) n += t.troops;
  return n;
}

function deployedTroops(fronts: Observation['fronts'], actor: Id): number {
  let n = 0;
  for (const f of fronts) for (const x of f.forces) if (x.actor === actor) n += x.troops;
  return n;
}

/** The troops on a front of `war` fighting for `side` and for the other side (as far as the viewer knows). */
function sideTroops(war: WarState, f: Observation['fronts'][number], side: number): { ours: number; theirs: number } {
  let ours = 0;
  let theirs = 0;
  for (const x of f.forces) {
    const s = sideOf(war, x.for);
    if (s === side) ours += x.troops;
    else if (s !== -1) theirs += x.troops;
  }
  return { ours, theirs };
}

/** The front of one's wars where one's side has the fewest troops against the enemy's (as far as one knows). */
function weakestFront(o: Observation, actor: Id): { front: Id; mine: number; theirs: number; invaded: boolean; abroad: boolean } | null {
  let best: { front: Id; mine: number; theirs: number; invaded: boolean; abroad: boolean } | null = null;
  let worst = Infinity;
  const myWars = new Map<Id, Observation['wars'][number]>();
  for (const w of warsOf(o, actor)) if (!myWars.has(w.id)) myWars.set(w.id, w);
  const defending = defendedWars(o, actor);
  for (const f of frontsOfWars(o, myWars.keys())) {
    const war = myWars.get(f.conflict)!;
    const side = sideOf(war, actor);
    if (side === -1) continue;
    if (defending.has(war.id) && sideOf(war, f.territory) !== side) continue;
    const { ours, theirs } = sideTroops(war, f, side);
    if (theirs === 0) continue;
    // Defending one's side's soil comes first: a front on the enemy's soil only when no home front is below parity.
    const home = sideOf(war, f.territory) === side;
    const ratio = ours / theirs + (home || ours / theirs >= PARITY ? 0 : PARITY);
    if (ratio < worst) {
      worst = ratio;
      best = { front: f.id, mine: ours, theirs, invaded: f.territory === actor && ours === 0, abroad: f.territory !== actor };
    }
  }
  return best;
}

/**
 * The wars `actor` is in only as a defender: not a principal, and there by honouring the call of a defence
 * obligation (one triggered by an attack on a party's territory).
 */
function defendedWars(o: Observation, actor: Id): Set<Id> {
  const out = new Set<Id>();
  for (const c of o.calls) {
    if (c.obliged !== actor || c.answer !== 'honour') continue;
    const ob = o.treaties.find((t) => t.id === c.treaty)?.obligations[c.obligation];
    const war = o.wars.find((w) => w.id === c.war);
    if (ob?.type === 'defense' && ob.conditions.location === 'territory' && war && war.sides.every((side) => side[0] !== actor))
      out.add(c.war);
  }
  return out;
}

/** The first of `others` that `me` is allied with (a defence or offence pact in force) under a treaty other than `besides`. */
function allyAmong(o: Observation, me: Id, others: readonly Id[], besides: Id): [Id, Id] | undefined {
  for (const t of o.treaties) {
    if (t.id === besides || !t.inForce || !t.parties.includes(me)) continue;
    if (!t.obligations.some((x) => x.type === 'defense' || x.type === 'offense')) continue;
    const ally = others.find((x) => x !== me && t.parties.includes(x));
    if (ally !== undefined) return [ally, t.id];
  }
  return undefined;
}
