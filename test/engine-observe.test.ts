// Fog of war: observations never depend on secrets the viewer has not found (docs/model.md §7), and covert
// forces are found by intelligence, by fighting them, or from the start when the scenario says so.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply } from '../src/core/engine/apply.ts';
import { initialState } from '../src/core/engine/init.ts';
import { observe, visibleEvents, type Observation } from '../src/core/engine/observe.ts';
import type { GameState } from '../src/core/engine/state.ts';
import { Rng } from '../src/core/rng.ts';
import { loadBuiltin, scenarioFromYaml } from './helpers/scenarios.ts';

const korea = loadBuiltin('korea-russia-2024');
const tutorial = loadBuiltin('tutorial');

/**
 * Change what only `owner` knows: its pool, reserve, casualties, munitions, output and technology; the size
 * of its covert forces; the amounts of its covert transfers (to others than `viewer`) and a new covert flow
 * `viewer` has not found; its red lines' likelihoods and the orders the scenario has in store for it.
 */
function withSecrets(state: GameState, owner: string, k: number, viewer = ''): GameState {
  const s = structuredClone(state);
  const a = s.actors.find((x) => x.id === owner)!;
  a.pool += k;
  a.reserve += 2 * k;
  a.casualties.killed += k;
  a.munitions += 5 * k;
  a.output *= 0.99;
  a.technology += 1;
  for (const f of s.fronts) for (const force of f.forces) if (force.actor === owner && force.covert) force.troops += 3 * k + 1;
  for (const t of s.transit) if (t.actor === owner && t.covert) t.troops += k + 1;
  for (const t of s.transfers)
    if (t.from === owner && t.covert && t.to !== viewer) {
      t.amount += k;
      t.delivered += 2 * k;
    }
  const third = s.actors.find((x) => x.id !== owner && x.id !== viewer)!.id;
  s.transfers.push({
    ...{ id: `secret-${k}`, from: owner, to: third, kind: 'money', amount: k, unit: 'USD million', covert: true, knownTo: [] },
    ...{ offensive: false, standing: true, active: true, delivered: k, startTurn: 0, stopTurn: null, absorbedFrom: null, while: null },
  });
  for (const r of s.redLines) if (r.holder === owner) r.likelihood = (r.likelihood + 0.5) % 1;
  s.pending.push({ turn: s.turn + 1, actor: owner, order: { type: 'message', to: third, text: `secret ${k}` }, cause: 'collapse' });
  return s;
}

describe('observations', () => {
  it("China, which has not found North Korea's troops in Kursk, sees the same world whatever their number", () => {
    const base = initialState(korea, 1);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000 }), (k) => {
        expect(JSON.stringify(observe(withSecrets(base, 'prk', k), 'chn'))).toBe(JSON.stringify(observe(base, 'chn')));
      }),
      { seed: 5, numRuns: 100 },
    );
  });

  it("no viewer sees another actor's secrets, on any built-in state along a game", () => {
    let state = initialState(korea, 2);
    const rng = Rng.derive(2, 1);
    for (let t = 0; t < 10; t++) {
      for (const viewer of state.actors.map((a) => a.id))
        for (const owner of state.actors.map((a) => a.id)) {
          if (owner === viewer || state.intel.some((i) => i.viewer === viewer && i.actor === owner)) continue;
          if (state.fronts.some((f) => f.forces.some((x) => x.actor === owner && x.for === viewer))) continue;
          expect(JSON.stringify(observe(withSecrets(state, owner, 777, viewer), viewer)), `${viewer} about ${owner}, turn ${t}`).toBe(
            JSON.stringify(observe(state, viewer)),
          );
        }
      state = apply(state, {}, rng).state;
    }
  });

  it("those who announced North Korea's deployment start with an estimate of it, not the count", () => {
    const state = initialState(korea, 1);
    const kursk = (o: Observation) => o.fronts.find((f) => f.id === 'kursk')!;
    const seenByUsa = kursk(observe(state, 'usa')).forces.find((f) => f.actor === 'prk')!;
    expect(seenByUsa.estimated).toBe(true);
    expect(seenByUsa.troops % 500).toBe(0);
    expect(kursk(observe(state, 'chn')).forces.some((f) => f.actor === 'prk')).toBe(false);
    const seenByHost = kursk(observe(state, 'rus')).forces.find((f) => f.actor === 'prk')!;
    expect(seenByHost.estimated).toBe(false);
  });
});

describe('detection', () => {
  const covertDeployment = (intelligence: number) => {
    let state = initialState(tutorial, 1);
    state.actors.find((a) => a.id === 'grn')!.intelligence = intelligence;
    const rng = Rng.seeded(9);
    // Redland's covert corps arrives in the scenario; until then it is in transit.
    const seen: boolean[] = [];
    for (let t = 0; t < 6; t++) {
      state = apply(state, {}, rng).state;
      seen.push(state.intel.some((i) => i.viewer === 'grn' && i.actor === 'red'));
    }
    return { state, seen };
  };

  it('a viewer with intelligence 1 finds covert forces at once; with 0 it never does unless it fights them', () => {
    expect(covertDeployment(1).seen.every(Boolean)).toBe(true);
    expect(covertDeployment(0).seen.some(Boolean)).toBe(false);
  });

  it('an enemy fighting covert forces finds them', () => {
    let state = initialState(tutorial, 1);
    state.actors.find((a) => a.id === 'blu')!.intelligence = 0;
    const rng = Rng.seeded(2);
    for (let t = 0; t < 6; t++) state = apply(state, {}, rng).state;
    expect(state.intel.some((i) => i.viewer === 'blu' && i.actor === 'red')).toBe(true);
  });

  it('a red line weighed, at the crossing or again, is seen by its holder alone', () => {
    const s = scenarioFromYaml(`
id: red-line-private
title: A private red line
description: Gold thinks it over.
start: 2024-06-01
turn_days: 7
horizon: 4
player: red
actors:
  - {id: red, name: Red, kind: state, capabilities: {active: 1000}}
  - {id: gold, name: Gold, kind: state, capabilities: {active: 1000}}
red_lines:
  - {id: gold-arms, holder: gold, when: {mobilised: {actor: red, level: partial}}, then: {arm: {to: red}}, likelihood: 0, reconsider: {every_days: 7}}
`);
    const rng = Rng.seeded(1);
    const first = apply(initialState(s, 1), { red: [{ type: 'mobilise', level: 'partial' }] }, rng);
    const again = apply(first.state, {}, rng);
    const weighed = (r: typeof first, viewer: string) =>
      visibleEvents(r.events, viewer, r.state).filter((e) => e.type === 'red_line_crossed' || e.type === 'red_line_reconsidered');
    expect(weighed(first, 'gold').map((e) => e.type)).toEqual(['red_line_crossed']);
    expect(weighed(again, 'gold').map((e) => e.type)).toEqual(['red_line_reconsidered']);
    expect([...weighed(first, 'red'), ...weighed(again, 'red')]).toEqual([]);
  });

  it("covert movements are hidden from others' turn reports", () => {
    const state = initialState(tutorial, 1);
    const result = apply(state, { red: [{ type: 'deploy', front: 'east-province', troops: 1000, covert: true }] }, Rng.seeded(3));
    const mine = visibleEvents(result.events, 'red', result.state).filter((e) => e.type === 'deployment_ordered');
    const theirs = visibleEvents(result.events, 'grn', result.state).filter((e) => e.type === 'deployment_ordered');
    expect(mine).toHaveLength(1);
    expect(theirs).toHaveLength(0);
  });
});
