/**
 * What the scenario commits actors to, beyond their own orders (docs/model.md §4, §2) — the last stage of a turn:
 *
 * - **Red lines**: the first turn a red line's condition holds it is crossed; its holder acts on it with the
 *   line's likelihood (drawn then, from the turn's generator) and the effect becomes the holder's orders on
 *   its next turn, or `delay_days` later: `enter_war` -> join_war; `arm` -> a standing weapons transfer;
 *   `escalate` -> escalate; `invade` -> an invasion with half the forces at hand, declaring war if need be; ...
 *   A line with `reconsider` whose holder did not act is decided again every so many days while its condition
 *   holds, for as long as the scenario says.
 * - **Bandwagons** (Granovetter 1978): an actor with threshold k joins `side_with`'s war the turn after at
 *   least k actors besides `side_with` stand on its side. Thresholds 0, 1, ..., 99 bring in all 100; change
 *   one and the cascade stops there.
 * - **Collapse**: an actor at war whose support has fallen below COLLAPSE_SUPPORT seeks a ceasefire in each of its
 *   wars on every turn after (a ceasefire still needs the other side's principal).
 *
 * The engine issues these as ordinary orders (with a `cause`), so they are adjudicated like any other and a
 * refused one comes back as a violation. A red line whose effect already holds when it is crossed (the holder
 * is already mobilised, already at war with the target) issues nothing more.
 */
import type { Id, RedLineEffect } from '../model.ts';
import { Rng } from '../rng.ts';
import type { Event, Order } from './orders.ts';
import { holds, StateIndex } from './predicates.ts';
import { activeWarsByParty, atWar, MOBILISATION_LEVELS, sideOf, type GameState, type PendingOrder } from './state.ts';

/** Support below which a government seeks a ceasefire (judgement; docs/model.md §6). */
export const COLLAPSE_SUPPORT = 0.2;

/** Intensity of a sanction a red line imposes when the scenario gives none (judgement). */
export const RED_LINE_SANCTION = 0.1;

/** Run the stage at the end of a turn (`state.turn` is the turn just played). Mutates the state. */
export function scenarioDefaults(state: GameState, seed: number): Event[] {
  const events: Event[] = [];
  const next = state.turn + 1;
  const issue = (actor: Id, order: Order, cause: string, turn = next) => state.pending.push({ turn, actor, order, cause });

  // One index for every red line's condition: acting on a line only queues orders, so the state they read holds still.
  const at = new StateIndex(state);
  for (const r of state.redLines) {
    if (r.acted) continue;
    const first = r.crossed === null;
    const again =
      !first &&
      r.reconsiderTurns !== null &&
      state.turn - r.decided! >= r.reconsiderTurns &&
      (r.reconsiderFor === null || state.turn - r.crossed! <= r.reconsiderFor);
    if (!(first || again) || !holds(r.when, state, at)) continue;
    if (first) r.crossed = state.turn;
    r.decided = state.turn;
    // Each line's chance from its own stream: a red line added or changed leaves the others' decisions alone.
    r.acted = Rng.named(seed, `red_line:${r.id}`).chance(r.likelihood);
    events.push({ type: first ? 'red_line_crossed' : 'red_line_reconsidered', redLine: r.id, holder: r.holder, acts: r.acted });
    if (!r.acted) continue;
    for (const p of effectOrders(state, r.holder, r.then, r.amount, `red_line:${r.id}`, next + r.delayTurns)) {
      if (alreadyDone(state, p)) continue;
      // Two red lines arming the same recipient in one turn make one flow, offensive if either is.
      const o = p.order;
      const twin = state.pending.find(
        (x) =>
          o.type === 'transfer' && x.actor === p.actor && x.order.type === 'transfer' && x.order.to === o.to && x.order.kind === o.kind,
      );
      if (twin && twin.order.type === 'transfer' && o.type === 'transfer')
        twin.order = {
          ...twin.order,
          amount: Math.max(twin.order.amount, o.amount),
          offensive: (twin.order.offensive ?? false) || (o.offensive ?? false),
        };
      else state.pending.push(p);
    }
  }

  for (const a of state.actors) {
    const b = a.bandwagon;
    if (!b || b.done) continue;
    const war = state.wars.find((w) => w.active && sideOf(w, b.sideWith) !== -1);
    if (!war || sideOf(war, a.id) !== -1) continue;
    const side = sideOf(war, b.sideWith) as 0 | 1;
    const joined = war.sides[side].filter((x) => x !== b.sideWith).length;
    if (joined < b.threshold) continue;
    b.done = true;
    events.push({ type: 'bandwagon', actor: a.id, side_with: b.sideWith, war: war.id, joined, threshold: b.threshold });
    issue(a.id, { type: 'join_war', war: war.id, side_with: b.sideWith }, 'bandwagon');
  }

  const warsOf = activeWarsByParty(state.wars);
  for (const a of state.actors) {
    const wars = warsOf.get(a.id) ?? [];
    if (!a.collapsed && wars.length > 0 && a.support < COLLAPSE_SUPPORT) {
      a.collapsed = true;
      events.push({ type: 'support_collapsed', actor: a.id, support: a.support });
    }
    if (!a.collapsed) continue;
    for (const w of wars) issue(a.id, { type: 'propose_ceasefire', war: w.id }, 'collapse');
  }
  return events;
}

/**
 * Whether an order a red line would issue is already in effect (mobilised at that level or higher; at war
 * with the target; in the war; the permission given): the holder acts, but there is nothing left to order.
 */
export function alreadyDone(state: GameState, p: PendingOrder): boolean {
  const o = p.order;
  switch (o.type) {
    case 'mobilise': {
      const a = state.actors.find((x) => x.id === p.actor);
      return a !== undefined && MOBILISATION_LEVELS.indexOf(a.mobilisation) >= MOBILISATION_LEVELS.indexOf(o.level);
    }
    case 'declare_war':
      return atWar(state.wars, p.actor, o.on);
    case 'join_war': {
      const war = state.wars.find((w) => w.id === o.war);
      return war !== undefined && sideOf(war, p.actor) !== -1;
    }
    case 'permit':
      return state.permissions.some((x) => x.id === o.permission && x.allowed);
    case 'transfer':
      // A technology programme is one of its own: another running does not make it done.
      if (o.kind === 'technology') return false;
      // Arming: a weapons flow to the recipient already runs (an offensive one, if offensive arms are the effect).
      return state.transfers.some(
        (t) => t.active && t.standing && t.from === p.actor && t.to === o.to && t.kind === o.kind && (t.offensive || !o.offensive),
      );
    case 'sanction':
      return state.sanctions.some((x) => x.active && x.on === o.on && x.by.includes(p.actor));
    case 'stop_transfer':
      return !state.transfers.some((t) => t.id === o.transfer && t.active);
    default:
      return false;
  }
}

/** The orders that carry out a red line's effect for `holder`, from turn `turn` on. */
function effectOrders(state: GameState, holder: Id, e: RedLineEffect, amount: number | null, cause: string, turn: number): PendingOrder[] {
  const at = (order: Order, t = turn): PendingOrder => ({ turn: t, actor: holder, order, cause });
  if ('enter_war' in e) return [at({ type: 'join_war', war: e.enter_war.conflict, side_with: e.enter_war.side_with })];
  if ('arm' in e) {
    const technology = e.arm.kind === 'technology';
    const priced = amount !== null && amount > 0;
    return [
      at({
        type: 'transfer',
        to: e.arm.to,
        kind: technology ? 'technology' : 'weapons',
        amount: priced ? amount : 1,
        // Weapons with an amount are priced like any aid in dollars (economy.ts, moneyScale); without, a package.
        unit: technology ? 'programmes (red line)' : priced ? 'USD million a turn (red line)' : 'arms package per turn (red line)',
        standing: true,
        offensive: e.arm.offensive ?? false,
      }),
    ];
  }
  if ('mobilise' in e) return [at({ type: 'mobilise', level: e.mobilise.level })];
  if ('declare_war' in e) return [at({ type: 'declare_war', on: e.declare_war.on })];
  if ('invade' in e) {
    // Half the forces at hand when the holder decides; with none at hand, the declaration of war alone.
    const troops = Math.floor((state.actors.find((a) => a.id === holder)?.pool ?? 0) / 2);
    const territory = e.invade.territory;
    return [at(troops > 0 ? { type: 'invade', territory, troops } : { type: 'declare_war', on: territory })];
  }
  if ('escalate' in e) {
    const order: Order = { type: 'escalate', rung: e.escalate.rung };
    if (e.escalate.against) order.against = [...e.escalate.against];
    return [at(order)];
  }
  if ('sanction' in e) return [at({ type: 'sanction', on: e.sanction.on, intensity: e.sanction.intensity ?? RED_LINE_SANCTION })];
  if ('stop_transfer' in e) return [at({ type: 'stop_transfer', transfer: e.stop_transfer.transfer })];
  if ('cut_off' in e) {
    const { to, kind } = e.cut_off;
    return state.transfers
      .filter((t) => t.active && t.from === holder && t.to === to && (kind === undefined || t.kind === kind))
      .map((t) => at({ type: 'stop_transfer', transfer: t.id }));
  }
  return [at({ type: 'permit', permission: e.permit.permission })];
}
