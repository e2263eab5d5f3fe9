// Treaties and the domino (docs/model.md §4), on the built-in scenarios' own treaty texts.
import { describe, expect, it } from 'vitest';
import { apply, type TurnResult } from '../src/core/engine/apply.ts';
import { initialState } from '../src/core/engine/init.ts';
import type { Event, TurnOrders } from '../src/core/engine/orders.ts';
import type { GameState } from '../src/core/engine/state.ts';
import { RENEGE_COST } from '../src/core/engine/treaties.ts';
import type { Scenario } from '../src/core/model.ts';
import { Rng } from '../src/core/rng.ts';
import { loadBuiltin } from './helpers/scenarios.ts';

/** Play turns of orders from the scenario's start; returns every turn's result. */
function play(s: Scenario, turns: TurnOrders[], seed = 1): TurnResult[] {
  let state: GameState = initialState(s, seed);
  const rng = Rng.derive(seed, 1);
  return turns.map((orders) => {
    const r = apply(state, orders, rng);
    state = r.state;
    return r;
  });
}

const ofType = <T extends Event['type']>(events: readonly Event[], type: T) =>
  events.filter((e): e is Extract<Event, { type: T }> => e.type === type);

describe('Russia–DPRK 2024, Art. 4 ("immediately ... by all means")', () => {
  const korea = loadBuiltin('korea-russia-2024');

  it('is not in force on 8 Nov 2024, so nothing triggers it', () => {
    const [t1] = play(korea, [{}]);
    expect(ofType(t1!.events, 'treaty_triggered').filter((e) => e.treaty === 'rus-prk-2024')).toEqual([]);
  });

  it('once both parties ratify, Ukraine on Russian soil triggers it and North Korea is called at once', () => {
    const [t1] = play(korea, [{ rus: [{ type: 'ratify', treaty: 'rus-prk-2024' }], prk: [{ type: 'ratify', treaty: 'rus-prk-2024' }] }]);
    expect(ofType(t1!.events, 'treaty_in_force')).toEqual([{ type: 'treaty_in_force', treaty: 'rus-prk-2024' }]);
    expect(ofType(t1!.events, 'treaty_triggered')).toContainEqual({
      type: 'treaty_triggered',
      treaty: 'rus-prk-2024',
      article: 'Art. 4',
      protects: 'rus',
      war: 'rus-ukr',
    });
    expect(ofType(t1!.events, 'call_to_arms')).toContainEqual(
      expect.objectContaining({ actor: 'prk', protects: 'rus', treaty: 'rus-prk-2024' }),
    );
  });

  it("honoured, it brings North Korea into the war on Russia's side", () => {
    const ratify: TurnOrders = { rus: [{ type: 'ratify', treaty: 'rus-prk-2024' }], prk: [{ type: 'ratify', treaty: 'rus-prk-2024' }] };
    const [, t2] = play(korea, [ratify, { prk: [{ type: 'answer_call', treaty: 'rus-prk-2024', answer: 'honour' }] }]);
    expect(ofType(t2!.events, 'war_joined')).toContainEqual({ type: 'war_joined', actor: 'prk', war: 'rus-ukr', side: 0 });
    expect(t2!.state.wars.find((w) => w.id === 'rus-ukr')!.sides[0]).toContain('prk');
    expect(t2!.state.rungs['prk|ukr']).toBeGreaterThanOrEqual(12);
    expect(t2!.violations).toEqual([]);
  });

  it('a call left unanswered lapses as reneging and costs "by all means" credibility', () => {
    const ratify: TurnOrders = { rus: [{ type: 'ratify', treaty: 'rus-prk-2024' }], prk: [{ type: 'ratify', treaty: 'rus-prk-2024' }] };
    const turns = play(korea, [ratify, {}, {}, {}]);
    const lapsed = turns.flatMap((t) => ofType(t.events, 'call_answered')).find((e) => e.actor === 'prk');
    expect(lapsed).toMatchObject({ answer: 'lapsed' });
    expect(turns[3]!.state.actors.find((a) => a.id === 'prk')!.reputation).toBeCloseTo(1 - RENEGE_COST.all_means, 10);
  });

  it('NATO Art. 5 does not trigger for an attack on Ukraine, which is not a party', () => {
    const turns = play(korea, [{}, {}]);
    expect(turns.flatMap((t) => ofType(t.events, 'treaty_triggered')).filter((e) => e.treaty === 'nato-1949')).toEqual([]);
  });
});

describe('July 1914', () => {
  const july = loadBuiltin('july-1914');

  it('Austria-Hungary attacks Serbia and Russia joins: the Dual Alliance (Art. I, attack by Russia) calls Germany', () => {
    const [, t2] = play(july, [{ aut: [{ type: 'declare_war', on: 'srb' }] }, { rus: [{ type: 'declare_war', on: 'aut' }] }]);
    expect(ofType(t2!.events, 'treaty_triggered')).toContainEqual(
      expect.objectContaining({ treaty: 'dual-alliance-1879', protects: 'aut' }),
    );
    expect(ofType(t2!.events, 'call_to_arms')).toContainEqual(
      expect.objectContaining({ actor: 'gmy', protects: 'aut', treaty: 'dual-alliance-1879' }),
    );
  });

  it('Italy is not called: Austria-Hungary was the aggressor, and the Triple Alliance is defensive (unprovoked)', () => {
    const turns = play(july, [{ aut: [{ type: 'declare_war', on: 'srb' }] }, { rus: [{ type: 'declare_war', on: 'aut' }] }, {}]);
    const calls = turns.flatMap((t) => ofType(t.events, 'call_to_arms'));
    expect(calls.filter((c) => c.actor === 'ita')).toEqual([]);
  });

  it("a mobilisation by a Triple Alliance power triggers the Franco-Russian convention's Art. 2 duty to mobilise", () => {
    const [t1, t2] = play(july, [
      { aut: [{ type: 'mobilise', level: 'partial' }] },
      { fra: [{ type: 'answer_call', treaty: 'fra-rus-1892', answer: 'honour' }] },
    ]);
    expect(ofType(t1!.events, 'treaty_triggered')).toContainEqual(expect.objectContaining({ treaty: 'fra-rus-1892', article: 'Art. 2' }));
    expect(ofType(t2!.events, 'mobilised')).toContainEqual(expect.objectContaining({ actor: 'fra', level: 'general' }));
  });

  it('Germany attacking France triggers Art. 1 and calls Russia against Germany', () => {
    const [t1] = play(july, [{ gmy: [{ type: 'declare_war', on: 'fra' }] }]);
    expect(ofType(t1!.events, 'call_to_arms')).toContainEqual(
      expect.objectContaining({ actor: 'rus', protects: 'fra', treaty: 'fra-rus-1892' }),
    );
  });
});

describe('the tutorial treaty ("such action as it deems necessary")', () => {
  const tutorial = loadBuiltin('tutorial');

  it('triggers for Blueland but waits for Blueland to invoke it', () => {
    const [t1, t2] = play(tutorial, [{}, { blu: [{ type: 'invoke_treaty', treaty: 'blue-green' }] }]);
    expect(ofType(t1!.events, 'treaty_triggered')).toContainEqual(expect.objectContaining({ treaty: 'blue-green', protects: 'blu' }));
    expect(ofType(t1!.events, 'call_to_arms')).toEqual([]);
    expect(ofType(t2!.events, 'call_to_arms')).toContainEqual(expect.objectContaining({ actor: 'grn', protects: 'blu' }));
  });

  it('cannot be invoked when not triggered, nor answered without a call: typed violations', () => {
    const [t1] = play(tutorial, [
      {
        grn: [
          { type: 'invoke_treaty', treaty: 'blue-green' },
          { type: 'answer_call', treaty: 'blue-green', answer: 'honour' },
        ],
      },
    ]);
    expect(t1!.violations.map((v) => v.code)).toEqual(['not_triggered', 'no_call']);
  });

  it('reneging costs less than under "by all means"', () => {
    const turns = play(tutorial, [
      {},
      { blu: [{ type: 'invoke_treaty', treaty: 'blue-green' }] },
      { grn: [{ type: 'answer_call', treaty: 'blue-green', answer: 'renege' }] },
    ]);
    expect(turns[2]!.state.actors.find((a) => a.id === 'grn')!.reputation).toBeCloseTo(1 - RENEGE_COST.as_deemed_necessary, 10);
    expect(RENEGE_COST.as_deemed_necessary).toBeLessThan(RENEGE_COST.all_means);
  });

  it('does not trigger for a party that is itself the aggressor (unprovoked)', () => {
    const swapped: Scenario = { ...tutorial, conflicts: tutorial.conflicts!.map((c) => ({ ...c, aggressor: 'blu' })) };
    const [t1] = play(swapped, [{}]);
    expect(ofType(t1!.events, 'treaty_triggered')).toEqual([]);
  });
});
