/**
 * Economy, transfers, sanctions and the long-range strike question (docs/model.md §5).
 *
 * - Orders (diplomacy stage; each kind's rules in kinds/): `transfer` starts a one-off or standing flow;
 *   `stop_transfer` ends one; `sanction` / `lift_sanction`; `permit` / `forbid` a recipient's use of one's weapons
 *   on a territory.
 * - Each turn (logistics stage): sanctions lower the target's output at SANCTION_GROWTH_LOSS a year at full
 *   intensity, less the share partners outside the sanctions supply (China's ~70 % of Russia's machine tools), and
 *   the imposers' by SANCTION_SENDER_COST of that in dollars ("friendly fire");
 *   transfers deliver (munitions out of a tracked supplier's stock, so a short supplier delivers less; a
 *   one-off stays active until the end of the turn, so intelligence can find it, then stops);
 *   technology is absorbed TECH_DELAY_DAYS after its first delivery and raises the recipient's quality;
 *   money raises the turn's production by its share of the recipient's GDP; tracked actors produce munitions
 *   at their rate times their output.
 * - Fire support (combat stage): an actor fires its rounds per soldier-day (`fireRate`) for the troops it has
 *   in combat; when its stock is tracked it fires what came in this turn and at most the held stock's share of
 *   RATION_DAYS (rationing as the stock falls), and its firepower falls with the
 *   square root of the rounds per soldier (the scale init.ts uses). A recipient newly allowed to strike the
 *   enemy's territory with a supplier's weapons (and still receiving them) gains DEEP_STRIKE_BONUS firepower;
 *   newly forbidden, loses as much. Rules in force at the start are in the calibrated baseline.
 * - Weapons aid counted in dollars (the United States' packages to Ukraine) is held with a lag (AID_LAG_DAYS) and
 *   scales the recipient's firepower by the square root of its defence budget plus the aid in hand, over the same at
 *   the start: the flows at the start are in the calibrated baseline, so stopping or adding aid changes the fire.
 */
import type { Id, TransferKind } from '../model.ts';
import type { Event } from './orders.ts';
import { holds, StateIndex } from './predicates.ts';
import { SWITCHES } from '../switches.ts';
import {
  listIn,
  sideOf,
  type ActorState,
  type FrontState,
  type GameState,
  type SanctionState,
  type TransferState,
  type WarState,
} from './state.ts';

/** Rounds per soldier a day that count as firepower 1: Ukraine's ~14,600 a day for ~525,000 troops (mid-2024). */
export const FIRE_REFERENCE = 0.03;

/** Firepower's bounds: without any fire support infantry still fights; no fire plan triples a force. */
export const FIREPOWER_RANGE = [0.5, 3] as const;

/** Fire support per soldier for `roundsPerSoldierDay`: the square root of its ratio to the reference. */
export function firepowerFor(roundsPerSoldierDay: number): number {
  return Math.min(FIREPOWER_RANGE[1], Math.max(FIREPOWER_RANGE[0], Math.sqrt(roundsPerSoldierDay / FIRE_REFERENCE)));
}

/**
 * Output lost a year under comprehensive sanctions (intensity 1): Neuenkirch & Neumeier (2015, European
 * Journal of Political Economy 40) find UN sanctions lower the target's real per-capita GDP growth by more
 * than 2 percentage points a year (US sanctions alone by ~0.9).
 */
export const SANCTION_GROWTH_LOSS = 0.02;

/**
 * What sanctions cost those who impose them, in dollars per dollar the target loses ("friendly fire"): Crozet & Hinz
 * (2020, Economic Policy 35(101)) estimate that the sanctions on Russia and its counter-sanctions cost Russia US$53 bn of
 * exports in 2014-2015 and the 37 sanctioning countries US$42 bn — 0.79 of Russia's loss, most of it from goods no
 * sanction named (country risk, trade finance cut off). Shared among the imposers by their part of the sanctions'
 * intensity; as a share of each one's own output. The dollars cut are the target's share lost times the smaller of
 * the two economies (a small sender cannot cut more than it trades): sanctioning a smaller economy is cheap, and a
 * sender never loses more than 42/53 of the target's share.
 */
export const SANCTION_SENDER_COST = 42 / 53;

/** Days from the first delivery of a technology programme to its effect (judgement: "after a delay", docs/model.md §5). */
export const TECH_DELAY_DAYS = 180;

/** Quality gained per technology programme absorbed (judgement; docs/model.md §5). */
export const TECH_QUALITY_GAIN = 0.05;

/**
 * Days over which a side spreads the stock it holds: each turn it fires what comes in (production and deliveries)
 * and at most the held stock's share of these days (judgement; Ukraine rationed its guns to about 2,000 rounds a day
 * in the spring of 2024 as US aid stalled, against ~6,000-8,000 before, rather than firing its stock out). A stock
 * that covers the tempo is fired at the tempo; one that does not runs down by a share a turn, so fire falls towards
 * what comes in instead of stopping the turn the stock is out.
 */
export const RATION_DAYS = 60;

/**
 * Firepower gained from permission to strike the enemy's territory with a supplier's weapons, when that supplier
 * sends all the weapons the recipient gets (judgement); a supplier sending part of them gives its share of it.
 */
export const DEEP_STRIKE_BONUS = 0.1;

/**
 * Days for the weapons aid in hand to follow a change in deliveries (judgement): US aid stalled in Congress from
 * October 2023 to the package of April 2024, and Ukraine's artillery fell to a seventh of Russia's in January-May
 * 2024 (Syrskyi, a claim, against a third in July-August): the shortage bit within about three months.
 */
export const AID_LAG_DAYS = SWITCHES.aid_lag_days.default;

/**
 * USD million a turn of weapons counted in dollars flowing to each recipient (weapons in other units have no price),
 * in one pass over the flows, each total summed in the flows' order.
 */
export function weaponsAid(state: GameState): Map<Id, number> {
  const totals = new Map<Id, number>();
  for (const t of state.transfers)
    if (t.active && t.kind === 'weapons') totals.set(t.to, (totals.get(t.to) ?? 0) + (moneyScale(t.unit) ?? 0) * t.amount);
  return totals;
}

/**
 * What weapons aid does to an actor's fire: the square root (the firepower scale) of its defence budget plus the aid
 * in hand, over the same at the start — the flows then are in the calibrated baseline. An actor with no stated budget
 * weighs aid against the aid at the start alone (stopping it all leaves the firepower floor); with neither, aid has
 * nothing to be weighed against and the factor is 1. A bloc's aid is the bloc's, not its members'.
 */
export function aidFactor(a: ActorState): number {
  const base = a.defenceBudget + a.aidStart;
  return base > 0 ? Math.sqrt((a.defenceBudget + a.aid) / base) : 1;
}

/** Support lost per unit of output lost, times the actor's economic sensitivity. */
export const ECONOMIC_PAIN = 1;

/** Default units of transfers ordered in play. */
export const DEFAULT_UNIT: Record<TransferKind, string> = {
  munitions: 'rounds',
  weapons: 'USD million',
  technology: 'programmes',
  money: 'USD million',
  dual_use: 'share of imports',
  fuel: 'barrels',
};

/**
 * The logistics stage's economy: output under sanctions, deliveries, technology, production. Mutates the
 * state; returns the events and each actor's output lost this turn (for domestic support).
 */
export function economyStage(
  state: GameState,
  actors: Map<Id, ActorState>,
): { events: Event[]; outputLost: Map<Id, number>; roundsIn: Map<Id, number> } {
  const events: Event[] = [];
  const outputLost = new Map<Id, number>();
  const days = state.turnDays;
  const nextTurn = state.turn + 1;

  // Sanctions by target and dual-use flows by recipient, read once (a turn's cost stays linear in the actors).
  const sanctionsOn = new Map<Id, SanctionState[]>();
  for (const x of state.sanctions) if (x.active) listIn(sanctionsOn, x.on).push(x);
  const dualUseTo = new Map<Id, TransferState[]>();
  if (sanctionsOn.size > 0)
    for (const t of state.transfers) if (t.active && t.kind === 'dual_use' && t.amount <= 1) listIn(dualUseTo, t.to).push(t);
  for (const a of state.actors) {
    const on = sanctionsOn.get(a.id);
    if (on === undefined) continue;
    const sanctioners = new Set(on.flatMap((x) => x.by));
    const total = on.reduce((acc, x) => acc + x.intensity, 0);
    const intensity = Math.min(1, total);
    // Partners outside the sanctions replace part of what is cut off (dual-use shares of imports).
    const offset = Math.max(0, ...(dualUseTo.get(a.id) ?? []).filter((t) => !sanctioners.has(t.from)).map((t) => t.amount));
    const lost = a.output * SANCTION_GROWTH_LOSS * intensity * (1 - offset) * (days / 365);
    a.output -= lost;
    outputLost.set(a.id, (outputLost.get(a.id) ?? 0) + lost);
    // Friendly fire: each imposer loses its part of SANCTION_SENDER_COST times the target's loss, in dollars.
    if (a.gdp > 0 && total > 0)
      for (const x of on)
        for (const by of x.by) {
          const sender = actors.get(by);
          if (!sender || sender.gdp <= 0) continue; // a bloc's members bear its part
          // The trade cut in dollars (the target's output share lost times the smaller of the two economies: a small
          // sender cannot cut more than it trades), its part of it, over the sender's GDP.
          const cut = lost * Math.min(a.gdp, sender.gdp);
          const cost = (SANCTION_SENDER_COST * cut * (x.intensity / total / x.by.length)) / sender.gdp;
          sender.output -= cost;
          outputLost.set(by, (outputLost.get(by) ?? 0) + cost);
        }
  }

  // Flows paid for by something that has stopped stop too (the transaction both ways): read before any delivery.
  const at = new StateIndex(state);
  for (const t of state.transfers)
    if (t.active && t.while !== null && !holds(t.while, state, at)) {
      t.active = false;
      t.stopTurn = nextTurn;
      events.push({ type: 'transfer_stopped', transfer: t.id, from: t.from, to: t.to, covert: t.covert });
    }
  const boost = new Map<Id, number>();
  // Rounds each actor receives and makes this turn: what it may fire at once (fireSupport rations only the stock).
  const roundsIn = new Map<Id, number>();
  for (const t of state.transfers) {
    if (!t.active) continue;
    const from = actors.get(t.from)!;
    const to = actors.get(t.to)!;
    let delivered = t.amount;
    if (t.kind === 'munitions' && from.munitionsTracked) {
      delivered = Math.min(t.amount, Math.floor(from.munitions));
      from.munitions -= delivered;
      if (delivered < t.amount)
        events.push({ type: 'transfer_short', transfer: t.id, from: t.from, to: t.to, delivered, promised: t.amount, covert: t.covert });
    }
    t.delivered += delivered;
    if (t.kind === 'munitions') {
      to.munitions += delivered;
      roundsIn.set(to.id, (roundsIn.get(to.id) ?? 0) + delivered);
    }
    const scale = t.kind === 'money' ? moneyScale(t.unit) : null;
    if (scale !== null && to.gdp > 0) boost.set(to.id, (boost.get(to.id) ?? 0) + (delivered * scale) / ((to.gdp * 1000 * days) / 365));
    if (t.kind === 'technology' && t.absorbedFrom === null) t.absorbedFrom = nextTurn + Math.ceil(TECH_DELAY_DAYS / days);
  }
  // Weapons aid in hand follows what flows in, with a lag: stopping aid bites over months, not at once.
  const lag = Math.min(1, days / state.switches.aid_lag_days);
  const aid = weaponsAid(state);
  for (const a of state.actors) a.aid += ((aid.get(a.id) ?? 0) - a.aid) * lag;
  for (const t of state.transfers) {
    // A standing programme stopped before it is absorbed is lost: it needs the supplier's help to the end (a one-off
    // has delivered all it brings).
    if (t.kind !== 'technology' || t.absorbedFrom !== nextTurn || (t.standing && !t.active)) continue;
    const to = actors.get(t.to)!;
    const gain = 1 + TECH_QUALITY_GAIN * t.amount;
    to.technology += t.amount;
    to.quality *= gain;
    for (const f of state.fronts) for (const x of f.forces) if (x.actor === to.id) x.quality *= gain;
    events.push({ type: 'technology_absorbed', actor: to.id, from: t.from, transfer: t.id, quality: to.quality, covert: t.covert });
  }

  for (const a of state.actors)
    if (a.munitionsTracked && a.munitionsProduction > 0) {
      const made = Math.round(a.munitionsProduction * a.output * (1 + (boost.get(a.id) ?? 0)));
      a.munitions += made;
      roundsIn.set(a.id, (roundsIn.get(a.id) ?? 0) + made);
    }
  return { events, outputLost, roundsIn };
}

/**
 * Fire support for this turn's combat: spends tracked stocks and sets firepower; returns the munitions
 * events and, per front, each actor's firepower there (deep strikes included).
 */
export function fireSupport(
  state: GameState,
  actors: Map<Id, ActorState>,
  fighting: readonly FrontState[],
  wars: Map<Id, WarState>,
  roundsIn: ReadonlyMap<Id, number>,
): { events: Event[]; firepower: (front: FrontState, actor: Id) => number } {
  const events: Event[] = [];
  const days = state.turnDays;
  const troops = new Map<Id, number>();
  for (const f of fighting) for (const x of f.forces) troops.set(x.actor, (troops.get(x.actor) ?? 0) + x.troops);
  for (const [id, n] of troops) {
    const a = actors.get(id)!;
    if (!a.munitionsTracked || a.fireRate <= 0 || n <= 0) continue;
    const wanted = Math.round(a.fireRate * n * days);
    // Rationed as the stock falls: what comes in this turn may all be fired, and of the stock held before, no more
    // than its share of RATION_DAYS (fire falls towards what comes in rather than stopping when the stock is out).
    const fresh = Math.min(a.munitions, roundsIn.get(id) ?? 0);
    const held = a.munitions - fresh;
    const fired = Math.min(wanted, Math.floor(fresh + held * Math.min(1, days / RATION_DAYS)));
    a.munitions -= fired;
    a.firepower = firepowerFor(fired / (n * days));
    if (fired < wanted) events.push({ type: 'munitions_short', actor: id, wanted, fired });
  }
  // Permissions changed in play, for weapons still flowing: the start's rules are in the calibrated baseline.
  const changed = state.permissions.filter(
    (p) =>
      p.allowed !== p.allowedAtStart && state.transfers.some((t) => t.active && t.kind === 'weapons' && t.from === p.by && t.to === p.to),
  );
  const firepower = (front: FrontState, actor: Id) => {
    const a = actors.get(actor)!;
    const [low, high] = FIREPOWER_RANGE;
    // The common case, aid as at the start, skips the square root (it would give exactly 1).
    const base = a.aid === a.aidStart ? a.firepower : Math.min(high, Math.max(low, a.firepower * aidFactor(a)));
    if (changed.length === 0) return base;
    const war = wars.get(front.conflict)!;
    const side = sideOf(war, actor);
    let factor = 1;
    if (side !== -1)
      for (const p of changed)
        if (p.to === actor && war.sides[1 - side]!.includes(p.territory)) {
          // In proportion to the supplier's share of the weapons the recipient gets in dollars (all of it when none
          // are priced): Storm Shadow is a tenth of Ukraine's aid, ATACMS come with two thirds of it.
          const bonus = DEEP_STRIKE_BONUS * supplierShare(state, p.by, actor);
          factor *= p.allowed ? 1 + bonus : 1 / (1 + bonus);
        }
    return base * factor;
  };
  return { events, firepower };
}

/** `supplier`'s share of the weapons priced in dollars flowing to `recipient` (1 when none is priced). */
function supplierShare(state: GameState, supplier: Id, recipient: Id): number {
  let all = 0;
  let mine = 0;
  for (const t of state.transfers)
    if (t.active && t.kind === 'weapons' && t.to === recipient) {
      const usd = (moneyScale(t.unit) ?? 0) * t.amount;
      all += usd;
      if (t.from === supplier) mine += usd;
    }
  return all > 0 ? mine / all : 1;
}

/** USD million per unit of a money transfer's `unit` ("USD million ...", "USD bn ..."), or null for another unit. */
export function moneyScale(unit: string): number | null {
  if (/^USD (million|m)\b/i.test(unit)) return 1;
  if (/^USD (bn|billion)\b/i.test(unit)) return 1000;
  return null;
}

/** `base`, or `base-2`, `base-3`, ... : the first id not `taken`. */
export function uniqueId(taken: readonly Id[], base: Id): Id {
  if (!taken.includes(base)) return base;
  let k = 2;
  while (taken.includes(`${base}-${k}`)) k++;
  return `${base}-${k}`;
}
