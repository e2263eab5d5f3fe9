// Fog of war by construction (docs/model.md §7): an observation holds copies of exactly what its viewer may know,
// frozen, and no reference to the state; the umpire's view is a copy of its own; and a searcher's world drawn
// from an observation (`determinize`) is observed as that observation again, wherever random play has led.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchBot } from '../src/ai/search-bot.ts';
import { apply } from '../src/core/engine/apply.ts';
import { determinize } from '../src/core/engine/determinize.ts';
import { hashState } from '../src/core/engine/hash.ts';
import { initialState } from '../src/core/engine/init.ts';
import { legalOrders } from '../src/core/engine/legal.ts';
import { observe, observer, SPECTATOR, umpireView, visibleEvents, type Observation } from '../src/core/engine/observe.ts';
import type { Order, TurnOrders } from '../src/core/engine/orders.ts';
import type { GameState } from '../src/core/engine/state.ts';
import { crisisGame } from '../src/core/game/crisis.ts';
import type { Scenario } from '../src/core/model.ts';
import { Rng } from '../src/core/rng.ts';
import { builtinIds } from '../src/lang/builtins.ts';
import { loadBuiltin } from './helpers/scenarios.ts';

const scenarios: [string, Scenario][] = builtinIds().map((id) => [id, loadBuiltin(id)]);

/**
 * Random legal orders for some actors, invasions and deployments twice as likely as the rest, so that games reach
 * new fronts, forces in transit to them and treaties in play.
 */
function randomOrders(state: GameState, chooser: Rng): TurnOrders {
  const orders: TurnOrders = {};
  for (const a of state.actors) {
    if (!chooser.chance(0.4)) continue;
    const menu = legalOrders(state, a.id);
    const moves = menu.filter((o) => o.type === 'invade' || o.type === 'deploy');
    const pick = (xs: Order[]) => xs[chooser.int(xs.length)]!;
    orders[a.id] = [moves.length > 0 && chooser.chance(0.5) ? pick(moves) : pick(menu)];
  }
  return orders;
}

/** The states of one game of random play, from the start. */
function statesOf(scenario: Scenario, seed: number, turns: number): GameState[] {
  const out = [initialState(scenario, seed)];
  const rng = Rng.derive(seed, 1);
  const chooser = Rng.derive(seed, 2);
  for (let t = 0; t < turns; t++) out.push(apply(out.at(-1)!, randomOrders(out.at(-1)!, chooser), rng).state);
  return out;
}

const SECRET = 'SECRET:';
let planted = 0;
/** A number no state holds by itself: a huge value with a fraction, one per planted secret. */
const secretNumber = () => 987_654_321 + ++planted / 1024;
const isSecretNumber = (x: number) => x >= 987_654_321 && x < 987_654_321 + 1e6;

/**
 * A copy of `state` with a marked value in every part `viewer` may not know: every figure of other actors but their
 * public ones (kind, mobilisation, support, reputation, the size of its economy), covert forces and movements of others it has not found (their sizes;
 * found ones are seen only as the viewer's estimate), covert transfers it is no party to (their amounts; their ids
 * too when it has not found them), treaties in play it is no party to, others' red lines, the orders the scenario
 * has in store for others, calls and triggers that are not its own, and others' intelligence.
 */
function withPlantedSecrets(state: GameState, viewer: string): GameState {
  const s = structuredClone(state);
  for (const a of s.actors) {
    if (a.id === viewer) continue;
    const figures = a as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(figures))
      if (typeof v === 'number' && k !== 'support' && k !== 'reputation' && k !== 'gdp') figures[k] = secretNumber();
    a.casualties = { killed: secretNumber(), wounded: secretNumber(), returned: secretNumber() };
  }
  const hidden = (x: { actor: string; for: string; covert: boolean }) => x.covert && x.actor !== viewer && x.for !== viewer;
  for (const f of s.fronts) for (const x of f.forces) if (hidden(x)) x.troops = secretNumber();
  for (const t of s.transit) if (hidden(t)) t.troops = secretNumber();
  for (const t of s.transfers)
    if (t.covert && t.from !== viewer && t.to !== viewer) {
      t.amount = secretNumber();
      t.delivered = secretNumber();
      if (!t.knownTo.includes(viewer)) t.id = `${SECRET}transfer ${t.id}`;
    }
  for (const t of s.treaties) if (!t.inForce && !t.parties.includes(viewer)) t.id = `${SECRET}treaty ${t.id}`;
  for (const r of s.redLines)
    if (r.holder !== viewer) {
      r.id = `${SECRET}red line ${r.id}`;
      r.likelihood = secretNumber();
    }
  for (const p of s.pending) if (p.actor !== viewer) p.cause = `${SECRET}pending`;
  for (const c of s.calls) if (c.obliged !== viewer && c.protects !== viewer) c.trigger = `${SECRET}call`;
  for (const t of s.triggers) if (t.protects !== viewer) t.key = `${SECRET}trigger`;
  for (const i of s.intel) if (i.viewer !== viewer) i.estimate = secretNumber();
  return s;
}

/** Every object reachable from `root`. */
function objectsOf(root: unknown): Set<object> {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const x = stack.pop();
    if (x === null || typeof x !== 'object' || seen.has(x)) continue;
    seen.add(x);
    stack.push(...Object.values(x));
  }
  return seen;
}

/**
 * What in `o` is wrong: a planted secret, an object of the state, or an object it shares with another viewer's
 * observation (`other`) that can be changed.
 */
function leaks(o: unknown, viewer: string, state: GameState, others: readonly Observation[]): string[] {
  const ofState = objectsOf(state);
  const ofOther = objectsOf(others);
  const out: string[] = [];
  const walk = (x: unknown, path: string) => {
    if (typeof x === 'number' && isSecretNumber(x)) out.push(`${path} = ${x}: a secret figure`);
    if (typeof x === 'string' && x.includes(SECRET)) out.push(`${path} = ${x}: a secret id`);
    if (x === null || typeof x !== 'object') return;
    if (ofState.has(x)) out.push(`${path}: an object of the state`);
    if (ofOther.has(x) && !Object.isFrozen(x)) out.push(`${path}: shared with another viewer's observation and can be changed`);
    for (const [k, v] of Object.entries(x)) walk(v, `${path}.${k}`);
  };
  walk(o, viewer);
  return out;
}

describe('an observation', () => {
  it.each(scenarios)(
    '%s: holds none of the secrets planted in what its viewer may not know, no object of the state, and nothing changeable that another viewer shares',
    (_, scenario) => {
      for (const seed of [1, 2]) {
        const states = statesOf(scenario, seed, 8);
        for (const state of states.filter((_, t) => t % 2 === 0))
          for (const viewer of [...state.actors.map((a) => a.id), SPECTATOR]) {
            const secret = withPlantedSecrets(state, viewer);
            const see = observer(secret);
            const others = [...state.actors.map((a) => a.id), SPECTATOR].filter((v) => v !== viewer).map(see);
            const where = `${viewer} on turn ${state.turn}, game ${seed}`;
            expect(leaks(see(viewer), viewer, secret, others), where).toEqual([]);
            // Nor what it is told of the turn that follows, but for what it has just found out itself.
            const next = apply(secret, {}, Rng.derive(seed, state.turn));
            const told = visibleEvents(next.events, viewer, next.state).filter(
              (e) => !((e.type === 'detected' || e.type === 'transfer_detected') && e.viewer === viewer),
            );
            expect(leaks(told, viewer, next.state, []), `events: ${where}`).toEqual([]);
          }
      }
    },
  );

  it('shares what all viewers see alike, and each viewer gets the same observation alone as among many', () => {
    const [, korea] = scenarios.find(([id]) => id === 'korea-russia-2024')!;
    const state = initialState(korea, 3);
    const see = observer(state);
    const usa = see('usa');
    const chn = see('chn');
    expect(usa.wars).toBe(chn.wars);
    expect(JSON.stringify(usa)).toBe(JSON.stringify(observe(state, 'usa')));
    expect(JSON.stringify(chn)).toBe(JSON.stringify(observe(state, 'chn')));
    // North Korea's covert troops in Kursk: the US announced them, China has not found them.
    const kursk = (o: Observation) => o.fronts.find((f) => f.id === 'kursk')!;
    expect(kursk(usa).forces.some((x) => x.actor === 'prk' && x.estimated)).toBe(true);
    expect(kursk(chn).forces.some((x) => x.actor === 'prk')).toBe(false);
  });

  it("changed by its viewer, changes neither the state nor another viewer's observation", () => {
    const [, korea] = scenarios.find(([id]) => id === 'korea-russia-2024')!;
    const state = initialState(korea, 1);
    const before = hashState(state);
    const see = observer(state);
    const o = see('rus');
    const ukr = JSON.stringify(see('ukr'));
    (o.self as { pool: number }).pool = 0;
    expect(() => (o.wars as unknown[]).push({})).toThrow(TypeError);
    expect(() => ((o.fronts.find((f) => f.id === 'ukraine')!.forces[0] as { troops: number }).troops = 1)).toThrow(TypeError);
    expect(() => ((o.rungs as Record<string, number>)['rus|ukr'] = 0)).toThrow(TypeError);
    expect(() => ((o.treaties[0]!.obligations[0] as { article: string }).article = '')).toThrow(TypeError);
    expect(hashState(state)).toBe(before);
    expect(state.actors.find((a) => a.id === 'rus')!.pool).not.toBe(0);
    expect(JSON.stringify(see('ukr'))).toBe(ukr);
  });

  it("of a spectator holds the public part only; the umpire's view is the whole state, as a copy", () => {
    const [, korea] = scenarios.find(([id]) => id === 'korea-russia-2024')!;
    const state = initialState(korea, 1);
    const spectator = observe(state, SPECTATOR);
    expect(spectator.self).toBeNull();
    expect(spectator.redLines).toEqual([]);
    expect(spectator.fronts.find((f) => f.id === 'kursk')!.forces.some((x) => x.actor === 'prk')).toBe(false);
    const umpire = umpireView(state);
    expect(umpire).toEqual(state);
    expect(umpire).not.toBe(state);
    umpire.actors[0]!.pool = -1;
    expect(state.actors[0]!.pool).not.toBe(-1);
  });
});

describe('a world drawn from an observation (determinize)', () => {
  it.each(scenarios)(
    '%s: is observed as that observation again, on states reached by random play, and search plays on from it',
    (_, scenario) => {
      const game = crisisGame(scenario);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 12 }), (seed, turns) => {
          const state = statesOf(scenario, seed, Math.min(turns, scenario.horizon - 1)).at(-1)!;
          for (const viewer of state.actors.map((a) => a.id)) {
            const o = observe(state, viewer);
            const world = determinize(scenario, o, viewer, Rng.derive(seed, 7));
            expect(JSON.stringify(observe(world, viewer)), `${viewer} on turn ${state.turn}`).toBe(JSON.stringify(o));
            // Play on in the drawn world, as a search's rollout does.
            const rng = Rng.derive(seed, 8);
            let next = world;
            for (let t = 0; t < 2 && !game.isTerminal(next); t++) next = game.apply(next, game.heuristicTurn(next, rng), rng);
          }
        }),
        { seed: 13, numRuns: 12 },
      );
    },
  );

  it('lets a search bot decide after an invasion opened a front that its troops are still travelling to', () => {
    const [, korea] = scenarios.find(([id]) => id === 'korea-russia-2024')!;
    const rng = Rng.seeded(1);
    const invaded = apply(initialState(korea, 1), { rus: [{ type: 'invade', territory: 'pol', troops: 20_000 }] }, rng).state;
    expect(invaded.transit.some((t) => t.actor === 'rus' && !(korea.fronts ?? []).some((f) => f.id === t.front))).toBe(true);
    const game = crisisGame(korea);
    for (const actor of ['pol', 'rus', 'usa']) {
      const bot = searchBot(game, actor, { seed: 1, budget: { iterations: 4 } });
      expect(bot.decide(observe(invaded, actor)).actor).toBe(actor);
    }
  });
});
