// The engine conformance suite (after OpenSpiel's): random legal play on every built-in scenario, with
// invariants checked after every turn. At least 2,000 turns per scenario.
import { describe, expect, it } from 'vitest';
import { makeBots } from '../src/ai/play.ts';
import { apply, applyInPlace, STAGE_OF, STAGES } from '../src/core/engine/apply.ts';
import { hashState } from '../src/core/engine/hash.ts';
import { initialState } from '../src/core/engine/init.ts';
import { KINDS, ORDER_TYPES } from '../src/core/engine/kinds/index.ts';
import { legalOrders } from '../src/core/engine/legal.ts';
import { observe, type Observation } from '../src/core/engine/observe.ts';
import type { Event, Order, TurnOrders, Violation } from '../src/core/engine/orders.ts';
import { cloneState, sideClash, sideOf, sidesInWar, sidesOnDeclaring, type Clash, type GameState } from '../src/core/engine/state.ts';
import { fightClash } from '../src/core/engine/treaties.ts';
import { Rng } from '../src/core/rng.ts';
import { builtinIds } from '../src/lang/builtins.ts';
import { loadBuiltin } from './helpers/scenarios.ts';

const TURNS_PER_SCENARIO = 2_000;

/** One random legal order for some actors (each actor acts with probability 0.3). */
function randomOrders(state: GameState, chooser: Rng): TurnOrders {
  const orders: TurnOrders = {};
  for (const a of state.actors) {
    if (!chooser.chance(0.3)) continue;
    const menu = legalOrders(state, a.id);
    orders[a.id] = [menu[chooser.int(menu.length)]!];
  }
  return orders;
}

function checkInvariants(s: GameState): void {
  // No one fights on both sides: an actor is never the enemy of one it stands beside in another war.
  for (const w of s.wars)
    if (w.active) for (const a of w.sides.flat()) expect(sideClash(s.wars, a, sidesInWar(w, a)), `${a} in ${w.id}`).toBeUndefined();
  const deployed = new Map<string, number>();
  for (const f of s.fronts) {
    expect(f.control).toBeGreaterThanOrEqual(0);
    expect(f.control).toBeLessThanOrEqual(1);
    for (const force of f.forces) {
      expect(force.troops, `${force.actor} on ${f.id}`).toBeGreaterThan(0);
      deployed.set(force.actor, (deployed.get(force.actor) ?? 0) + force.troops);
    }
  }
  for (const t of s.transit) {
    expect(t.troops).toBeGreaterThan(0);
    deployed.set(t.actor, (deployed.get(t.actor) ?? 0) + t.troops);
  }
  for (const a of s.actors) {
    for (const n of [a.pool, a.reserve, a.casualties.killed, a.casualties.wounded, a.casualties.returned, a.munitions])
      expect(n, a.id).toBeGreaterThanOrEqual(0);
    expect(a.support).toBeGreaterThanOrEqual(0);
    expect(a.support).toBeLessThanOrEqual(1);
    // People are conserved: everyone raised is in the pool, on a front, in transit, killed or wounded.
    expect(a.pool + (deployed.get(a.id) ?? 0) + a.casualties.killed + a.casualties.wounded, `${a.id} conservation`).toBe(a.raised);
  }
  expect(s.maxRung).toBeLessThanOrEqual(44);
  for (const a of s.actors) {
    expect(a.output, `${a.id} output`).toBeGreaterThan(0);
    expect(a.output, `${a.id} output`).toBeLessThanOrEqual(1);
    expect(a.firepower).toBeGreaterThanOrEqual(0.5);
    expect(a.firepower).toBeLessThanOrEqual(3);
    expect(a.reputation).toBeGreaterThanOrEqual(0);
    expect(a.reputation).toBeLessThanOrEqual(1);
  }
  for (const t of s.transfers) {
    expect(t.delivered).toBeGreaterThanOrEqual(0);
    expect(t.amount).toBeGreaterThan(0);
    if (!t.standing) expect(t.active, `one-off ${t.id} delivers once`).toBe(false);
  }
  for (const r of s.redLines) {
    expect(r.likelihood).toBeGreaterThanOrEqual(0);
    expect(r.likelihood).toBeLessThanOrEqual(1);
    if (r.acted) expect(r.crossed).not.toBeNull();
  }
  for (const p of s.pending) expect(p.turn, 'pending orders are for turns to come').toBeGreaterThan(s.turn);
}

/** The turn's events account for the changes between the two states (events are what reports are built from). */
function checkEvents(before: GameState, after: GameState, events: readonly Event[]): void {
  const killed = new Map<string, number>();
  const raised = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'combat') for (const l of e.losses) killed.set(l.actor, (killed.get(l.actor) ?? 0) + l.killed);
    if (e.type === 'mobilised') raised.set(e.actor, (raised.get(e.actor) ?? 0) + e.raised);
    if (e.type === 'support_changed') expect(after.actors.find((a) => a.id === e.actor)!.support).toBe(e.to);
    if (e.type === 'rung_reached') expect(after.rungs[e.between.join('|')]).toBeGreaterThanOrEqual(e.rung);
    if (e.type === 'transfer_started') expect(after.transfers.some((t) => t.id === e.transfer && t.from === e.from)).toBe(true);
    if (e.type === 'war_declared')
      expect(after.wars.some((w) => w.id === e.war && w.active && sideOf(w, e.actor) !== -1 && sideOf(w, e.on) !== -1)).toBe(true);
  }
  for (const a of after.actors) {
    const b = before.actors.find((x) => x.id === a.id)!;
    expect(a.casualties.killed - b.casualties.killed, `${a.id} killed = the combat events' killed`).toBe(killed.get(a.id) ?? 0);
    expect(a.raised - b.raised, `${a.id} raised = the mobilised events' raised`).toBe(raised.get(a.id) ?? 0);
    if (!events.some((e) => e.type === 'support_changed' && e.actor === a.id)) expect(a.support).toBe(b.support);
  }
}

/** Whether a refused order already set its actor against a co-belligerent at the start of the turn (and with whom). */
function clashAtStart(s: GameState, v: Violation): Clash | undefined {
  const o = v.order;
  if (o.type === 'declare_war' || o.type === 'invade') {
    const on = o.type === 'declare_war' ? o.on : o.territory;
    return sideClash(s.wars, v.actor, sidesOnDeclaring(s.wars, v.actor, on));
  }
  if (o.type === 'join_war') {
    const war = s.wars.find((w) => w.id === o.war)!;
    return sideClash(s.wars, v.actor, sidesInWar(war, o.side_with));
  }
  if (o.type === 'answer_call')
    return fightClash(
      s,
      s.calls.find((c) => c.obliged === v.actor && c.treaty === o.treaty && c.answer === 'pending')!,
    );
  throw new Error(`co_belligerent for a ${o.type} order`);
}

describe.each(builtinIds())('conformance: %s', (id) => {
  const scenario = loadBuiltin(id);

  it(`plays ${TURNS_PER_SCENARIO} turns of random legal orders without breaking an invariant`, () => {
    let turns = 0;
    let game = 0;
    while (turns < TURNS_PER_SCENARIO) {
      let state = initialState(scenario, game);
      checkInvariants(state);
      const rng = Rng.derive(game, 1);
      const chooser = Rng.derive(game, 2);
      for (let t = 0; t < scenario.horizon && turns < TURNS_PER_SCENARIO; t++, turns++) {
        const before = hashState(state);
        const orders = randomOrders(state, chooser);
        const result = apply(state, orders, rng);
        expect(hashState(state), 'apply must not touch its input').toBe(before);
        // The actors' own orders are legal; orders the engine issued for them (red lines, bandwagons,
        // collapse) may meet a changed world and be refused, but always say why they were issued.
        // Orders are simultaneous, so what others do earlier in the turn may overtake a legal order: a declaration
        // that makes it set an actor against its own co-belligerent (co_belligerent, never so at the start of the
        // turn), a ceasefire that stops the war it joins (unknown_war, for a war active at the start).
        const own = result.violations.filter((v) => v.cause === undefined);
        const overtaken = (v: Violation) => {
          if (v.code === 'co_belligerent') return clashAtStart(state, v) === undefined;
          if (v.code === 'unknown_war' && v.order.type === 'join_war') {
            const id = v.order.war;
            return state.wars.find((w) => w.id === id)?.active === true && result.state.wars.find((w) => w.id === id)?.active === false;
          }
          // Another party rejected the treaty earlier in the same turn: nothing is left to ratify or reject.
          if (v.code === 'already_done' && (v.order.type === 'reject_treaty' || v.order.type === 'ratify')) {
            const id = v.order.treaty;
            const before = state.treaties.find((t) => t.id === id)?.rejectedBy;
            const after = result.state.treaties.find((t) => t.id === id)?.rejectedBy;
            return before === null && after !== null && after !== v.actor;
          }
          return false;
        };
        expect(
          own.filter((v) => !overtaken(v)),
          'a single legal order is never refused, unless overtaken in the same turn',
        ).toEqual([]);
        for (const v of result.violations.filter((x) => x.cause !== undefined))
          expect(v.cause).toMatch(/^(red_line:|bandwagon$|collapse$)/);
        checkInvariants(result.state);
        checkEvents(state, result.state, result.events);
        expect(result.state.turn).toBe(state.turn + 1);
        state = result.state;
      }
      game++;
    }
    expect(turns).toBe(TURNS_PER_SCENARIO);
  });

  it('is deterministic: the same seed and orders give the same state hash every turn', () => {
    const play = (seed: number) => {
      let state = initialState(scenario, seed);
      const rng = Rng.derive(seed, 1);
      const chooser = Rng.derive(seed, 2);
      const hashes = [hashState(state)];
      for (let t = 0; t < Math.min(40, scenario.horizon); t++) {
        state = apply(state, randomOrders(state, chooser), rng).state;
        hashes.push(hashState(state));
      }
      return hashes;
    };
    expect(play(11)).toEqual(play(11));
    expect(play(11)).not.toEqual(play(12));
  });

  it('the in-place path (Monte Carlo) gives the same states and events as the pure one', () => {
    let pure = initialState(scenario, 21);
    let owned = initialState(scenario, 21);
    const [r1, r2] = [Rng.derive(21, 1), Rng.derive(21, 1)];
    const chooser = Rng.derive(21, 2);
    for (let t = 0; t < Math.min(60, scenario.horizon); t++) {
      const orders = randomOrders(pure, chooser);
      const a = apply(pure, orders, r1);
      const b = applyInPlace(owned, orders, r2);
      expect(b.state).toBe(owned);
      expect(hashState(b.state)).toBe(hashState(a.state));
      expect(b.events).toEqual(a.events);
      expect(b.violations).toEqual(a.violations);
      pure = a.state;
      owned = b.state;
    }
  });

  it('cloneState gives an equal state that shares nothing a turn changes', () => {
    let state = initialState(scenario, 9);
    const rng = Rng.derive(9, 1);
    const chooser = Rng.derive(9, 2);
    for (let t = 0; t < Math.min(10, scenario.horizon); t++) state = apply(state, randomOrders(state, chooser), rng).state;
    const copy = cloneState(state);
    expect(copy).toEqual(state);
    expect(copy.actors[0]).not.toBe(state.actors[0]);
    expect(copy.actors[0]!.casualties).not.toBe(state.actors[0]!.casualties);
    expect(copy.wars[0]?.sides[0]).not.toBe(state.wars[0]?.sides[0] ?? null);
    for (const key of ['transfers', 'sanctions', 'permissions', 'redLines', 'pending'] as const) {
      expect(copy[key]).not.toBe(state[key]);
      copy[key].forEach((x, i) => expect(x, key).not.toBe(state[key][i]));
    }
  });

  it('round-trips its state through JSON and plays on identically', () => {
    const state = initialState(scenario, 3);
    const copy = JSON.parse(JSON.stringify(state)) as GameState;
    expect(hashState(copy)).toBe(hashState(state));
    const orders = randomOrders(state, Rng.seeded(4));
    expect(hashState(apply(copy, orders, Rng.seeded(5)).state)).toBe(hashState(apply(state, orders, Rng.seeded(5)).state));
  });
});

// The same invariants with every actor played by a bot: heuristic bots on every built-in scenario for a full
// horizon (at least 300 turns each), and a search bot for a few turns (it is slower).
describe.each(builtinIds())('conformance with bots: %s', (id) => {
  const scenario = loadBuiltin(id);

  it('plays heuristic-bot games without breaking an invariant', () => {
    let turns = 0;
    for (let seed = 0; turns < 300; seed++) {
      const bots = makeBots(scenario, seed, null, { kind: 'heuristic' });
      let state = initialState(scenario, seed);
      const rng = Rng.derive(seed, 1);
      for (let t = 0; t < scenario.horizon && turns < 300; t++, turns++) {
        const orders: TurnOrders = {};
        for (const bot of bots) {
          const d = bot.decide(observe(state, bot.actor) as Observation);
          expect(d.reasons.length, `${bot.actor} explains itself`).toBeGreaterThan(0);
          if (d.orders.length > 0) orders[bot.actor] = d.orders;
        }
        const result = apply(state, orders, rng);
        checkInvariants(result.state);
        checkEvents(state, result.state, result.events);
        state = result.state;
      }
    }
    expect(turns).toBe(300);
  });

  it('plays search-bot turns without breaking an invariant', () => {
    const bots = makeBots(scenario, 3, null, { kind: 'mcts', budget: { iterations: 8 } });
    let state = initialState(scenario, 3);
    const rng = Rng.derive(3, 1);
    for (let t = 0; t < 3; t++) {
      const orders: TurnOrders = {};
      for (const bot of bots) {
        const d = bot.decide(observe(state, bot.actor) as Observation);
        expect(d.alternatives.length).toBeGreaterThan(0);
        if (d.orders.length > 0) orders[bot.actor] = d.orders;
      }
      const result = apply(state, orders, rng);
      checkInvariants(result.state);
      state = result.state;
    }
  });
});

describe('every order kind has its stage (issue 14)', () => {
  it('refuses an order of a kind the engine does not know, rather than dropping it', () => {
    const s = loadBuiltin('tutorial');
    const state = initialState(s, 1);
    const r = apply(state, { red: [{ type: 'fly' } as unknown as Order, { type: 'pass' }] }, Rng.derive(1, 1));
    expect(r.violations).toEqual([expect.objectContaining({ actor: 'red', index: 0, code: 'unknown_order' })]);
    // Every kind of the union is staged: the record is exhaustive by type, and each stage runs once a turn.
    expect(new Set(Object.values(STAGE_OF))).toEqual(new Set(STAGES));
  });

  it("draws the menu from each kind's module: a module offers only its own kind, in the record's order", () => {
    const s = loadBuiltin('korea-russia-2024');
    let state = initialState(s, 3);
    const chooser = Rng.derive(3, 9);
    const seen = new Set<string>();
    for (let turn = 0; turn < 40; turn++) {
      for (const a of state.actors) {
        const menu = legalOrders(state, a.id);
        const ranks = menu.map((o) => ORDER_TYPES.indexOf(o.type));
        expect(ranks, `${a.id}'s menu on turn ${turn}`).toEqual([...ranks].sort((x, y) => x - y));
        for (const o of menu) seen.add(o.type);
      }
      state = apply(state, randomOrders(state, chooser), Rng.derive(3, turn + 1)).state;
    }
    for (const type of ORDER_TYPES) {
      const menu = { state, actor: 'rus', me: state.actors.find((a) => a.id === 'rus')!, enemies: new Set(['ukr']), partners: ['prk'] };
      for (const o of KINDS[type].candidates(menu as never)) expect(o.type).toBe(type);
    }
    // Every kind but the message (what to say is the player's to write) is on some menu of a random game.
    expect(ORDER_TYPES.filter((t) => !seen.has(t))).toEqual(['message']);
  });
});
