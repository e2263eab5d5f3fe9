// The engine conformance suite (after OpenSpiel's): random legal play on every built-in scenario, with
// invariants checked after every turn. At least 2,000 turns per scenario.
import { describe, expect, it } from 'vitest';
import { apply } from '../src/core/engine/apply.ts';
import { hashState } from '../src/core/engine/hash.ts';
import { initialState } from '../src/core/engine/init.ts';
import { legalOrders } from '../src/core/engine/legal.ts';
import type { TurnOrders } from '../src/core/engine/orders.ts';
import { cloneState, type GameState } from '../src/core/engine/state.ts';
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
        expect(
          result.violations.filter((v) => v.cause === undefined),
          'a single legal order is never refused',
        ).toEqual([]);
        for (const v of result.violations) expect(v.cause).toMatch(/^(red_line:|bandwagon$|collapse$)/);
        checkInvariants(result.state);
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
  });

  it('round-trips its state through JSON and plays on identically', () => {
    const state = initialState(scenario, 3);
    const copy = JSON.parse(JSON.stringify(state)) as GameState;
    expect(hashState(copy)).toBe(hashState(state));
    const orders = randomOrders(state, Rng.seeded(4));
    expect(hashState(apply(copy, orders, Rng.seeded(5)).state)).toBe(hashState(apply(state, orders, Rng.seeded(5)).state));
  });
});
