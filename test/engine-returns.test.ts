// returns(state) and isTerminal(state), the rest of the engine contract (docs/model.md §10): a return per actor from
// its interests, zero at the start, moving the right way with what happens.
import { describe, expect, it } from 'vitest';
import { apply } from '../src/core/engine/apply.ts';
import { playGame } from '../src/core/engine/game.ts';
import { initialState } from '../src/core/engine/init.ts';
import { RUNG, rungCost } from '../src/core/engine/escalation.ts';
import { dependence } from '../src/core/engine/leverage.ts';
import { isTerminal, returns, returnTerms } from '../src/core/engine/returns.ts';
import type { GameState } from '../src/core/engine/state.ts';
import { Rng } from '../src/core/rng.ts';
import { loadBuiltin, scenarioFromYaml } from './helpers/scenarios.ts';

const korea = loadBuiltin('korea-russia-2024');

describe('returns', () => {
  it('every term is 0 at the start: each counts what the actor has gained or paid since', () => {
    const s = initialState(korea, 1);
    for (const a of s.actors) for (const [term, v] of Object.entries(returnTerms(s, a))) expect(v, `${a.id} ${term}`).toBe(0);
  });

  it('leverage is dependence: Russia leans on North Korea for shells, missiles and men, and on China for its imports', () => {
    const s = initialState(korea, 1);
    const onRussia = dependence(s).get('rus')!;
    // Russia's channels: its rounds (about half North Korea's), the missiles, the two Chinese dual-use flows, and its
    // manpower on each of the two fronts (North Korea's ~11,000 of ~61,000 at Kursk).
    expect(onRussia.get('prk')!).toBeGreaterThan(0.2);
    expect(onRussia.get('prk')!).toBeLessThan(0.4);
    expect(onRussia.get('chn')!).toBeCloseTo(2 / 6, 6);
    const leverage = (x: GameState, id: string) =>
      returnTerms(
        x,
        x.actors.find((a) => a.id === id)!,
      ).leverage;
    // North Korea stops its shells: Russia depends on it less.
    const noShells = apply(s, { prk: [{ type: 'stop_transfer', transfer: 'prk-shells' }] }, Rng.derive(1, 1)).state;
    expect(leverage(noShells, 'prk')).toBeLessThan(-0.05);
    // China arms Russia: its standing rises and North Korea's falls (the article's "third wheel", the other way round),
    // by how much the arms weigh against Russia's own defence budget (~$2.6 bn a week): a token $50 m a week buys
    // little, arms on the scale of Russia's budget a full channel.
    const arm = (amount: number) =>
      apply(s, { chn: [{ type: 'transfer', to: 'rus', kind: 'weapons', amount, standing: true }] }, Rng.derive(1, 1)).state;
    expect(leverage(arm(50), 'chn')).toBeGreaterThan(0);
    expect(leverage(arm(50), 'chn')).toBeLessThan(0.01);
    expect(leverage(arm(3000), 'chn')).toBeGreaterThan(0.05);
    expect(leverage(arm(3000), 'prk')).toBeLessThan(0);
  });

  it('terms move with the game: casualties cost, fighting gives experience, Russia gains ground in Ukraine', () => {
    const game = playGame(korea, 3, [], 26);
    const end = game.turns.at(-1)!.state;
    const rus = returnTerms(
      end,
      end.actors.find((a) => a.id === 'rus')!,
    );
    expect(rus.casualties).toBeLessThan(0);
    expect(rus.battle_experience).toBeGreaterThan(0);
    expect(rus.territory).toBeGreaterThan(0);
    const ukr = returnTerms(
      end,
      end.actors.find((a) => a.id === 'ukr')!,
    );
    expect(ukr.territory).toBeLessThan(0);
    // NATO and the US are at war with no one, yet Ukraine's lost ground (Russia's gains) is theirs to lose: they back it.
    for (const id of ['nato', 'usa']) {
      const backer = returnTerms(
        end,
        end.actors.find((a) => a.id === id)!,
      );
      expect(backer.territory, id).toBe(0);
      expect(backer.backed_territory, id).toBe(ukr.territory);
    }
    // Russia backs no one.
    expect(rus.backed_territory).toBe(0);
    for (const a of end.actors) for (const v of Object.values(returnTerms(end, a))) expect(Math.abs(v)).toBeLessThanOrEqual(1);
  });

  it('reneging on a call to arms costs credibility, weighted by the interest in it', () => {
    // Both ratify the Russia-DPRK treaty; Art. 4 ("all means") calls North Korea at once (Ukraine holds Russian
    // soil); North Korea reneges.
    const ratify = [{ type: 'ratify', treaty: 'rus-prk-2024' } as const];
    let state = apply(initialState(korea, 1), { rus: ratify, prk: ratify }, Rng.seeded(1)).state;
    state = apply(state, { prk: [{ type: 'answer_call', treaty: 'rus-prk-2024', answer: 'renege' }] }, Rng.seeded(2)).state;
    const prk = state.actors.find((a) => a.id === 'prk')!;
    const credibility = returnTerms(state, prk).credibility;
    expect(credibility).toBeCloseTo(-0.3, 10); // RENEGE_COST.all_means
    // The scenario gives North Korea no interest in credibility; an actor that cared would pay for it in full.
    expect(prk.interests.credibility).toBe(0);
    const caring = structuredClone(state);
    caring.actors.find((a) => a.id === 'prk')!.interests = { ...prk.interests, credibility: 1 };
    expect(returns(caring).prk! - returns(state).prk!).toBeCloseTo(credibility, 10);
  });

  it('a sanctioned actor loses output, so its economy term falls', () => {
    let state = initialState(korea, 1);
    const rng = Rng.seeded(3);
    for (let t = 0; t < 10; t++) state = apply(state, {}, rng).state;
    expect(
      returnTerms(
        state,
        state.actors.find((a) => a.id === 'rus')!,
      ).economy,
    ).toBeLessThan(0);
    // North Korea is under the UN's sanctions (un-on-prk): its economy term falls too, though its shells and missiles
    // have no price in dollars.
    expect(
      returnTerms(
        state,
        state.actors.find((a) => a.id === 'prk')!,
      ).economy,
    ).toBeLessThan(0);
  });

  it('arms are paid for: what an actor gives in dollars is output it does not keep', () => {
    const arm = (actor: string, to: string) => {
      let state = initialState(korea, 1);
      const rng = Rng.seeded(3);
      state = apply(state, { [actor]: [{ type: 'transfer', to, kind: 'weapons', amount: 50, standing: true }] }, rng).state;
      for (let t = 0; t < 9; t++) state = apply(state, {}, rng).state;
      return returnTerms(
        state,
        state.actors.find((a) => a.id === actor)!,
      ).economy;
    };
    // $50 m a week is about 8.7 % of North Korea's output ($30 bn a year): ten times that is the worst the term counts.
    expect(arm('prk', 'rus')).toBeLessThan(-0.7);
    // The same is 0.01 % of China's: a rounding error.
    expect(arm('chn', 'rus')).toBeGreaterThan(-0.01);
  });
});

describe('isTerminal', () => {
  it('at the horizon, not before', () => {
    const game = playGame(korea, 1, [], korea.horizon);
    expect(isTerminal(game.initial)).toBe(false);
    expect(isTerminal(game.turns.at(-2)!.state)).toBe(false);
    expect(isTerminal(game.turns.at(-1)!.state)).toBe(true);
  });

  it('when the ladder reaches its last rung', () => {
    const s = initialState(korea, 1);
    const next = apply(s, { rus: [{ type: 'escalate', rung: 44, against: ['usa'] }] }, Rng.seeded(1)).state;
    expect(isTerminal(next)).toBe(true);
  });
});

describe('the draft (issue 14)', () => {
  it("general mobilisation lowers Russian support by the draft's cost, and so its return", () => {
    const s = initialState(korea, 4);
    const rus = (st: typeof s) => st.actors.find((a) => a.id === 'rus')!;
    const drafted = apply(s, { rus: [{ type: 'mobilise', level: 'general' }] }, Rng.seeded(9)).state;
    const not = apply(s, {}, Rng.seeded(9)).state;
    const cost = rus(s).draftCost;
    expect(cost).toBeGreaterThanOrEqual(0.03);
    expect(rus(drafted).mobilisation).toBe('general');
    expect(rus(not).support - rus(drafted).support).toBeCloseTo(cost, 2);
    expect(returns(drafted).rus!).toBeLessThan(returns(not).rus!);
  });
});

describe('escalation risk (issue 14: a stated mapping, rungs that fall)', () => {
  it("costs a rung by the mapping's anchors, rising all the way, half the ladder at the first nuclear use", () => {
    for (let r = 1; r <= RUNG.top; r++) expect(rungCost(r), `rung ${r}`).toBeGreaterThan(rungCost(r - 1));
    expect(rungCost(21)).toBe(0.5);
    expect(rungCost(RUNG.top)).toBe(1);
    // A large conventional war and a nuclear ultimatum, as the default scenario meets them.
    expect(rungCost(12)).toBeCloseTo(0.1 + (3 / 11) * 0.3, 10);
    expect(rungCost(16)).toBeCloseTo(0.1 + (7 / 11) * 0.3, 10);
  });

  it('is a risk run over time: a threat that fades costs less than one renewed, and more than none', () => {
    const pair = scenarioFromYaml(`
id: pair
title: Pair
description: Two states at war.
start: 2024-06-01
turn_days: 7
horizon: 30
player: red
actors:
  - {id: red, name: Red, kind: state, capabilities: {active: 1000}}
  - {id: blue, name: Blue, kind: state, capabilities: {active: 1000}}
conflicts:
  - {id: war, name: War, start: 2024-01-01, sides: [[red], [blue]], rung: 12}
`);
    const play = (renew: boolean, signal: boolean) => {
      let s = initialState(pair, 1);
      const rng = Rng.derive(1, 1);
      for (let t = 0; t < 26; t++) {
        const orders =
          signal && (t === 0 || (renew && t % 10 === 0)) ? { red: [{ type: 'nuclear_signal' as const, level: 'ultimatum' as const }] } : {};
        s = apply(s, orders, rng).state;
      }
      return returnTerms(
        s,
        s.actors.find((a) => a.id === 'blue')!,
      ).escalation_risk;
    };
    const none = play(false, false);
    const faded = play(false, true);
    const renewed = play(true, true);
    expect(none).toBe(0);
    expect(faded).toBeLessThan(0);
    expect(renewed).toBeLessThan(faded);
    // 13 of 26 weeks at 16 instead of 12: half the rise in cost over what is left above the war.
    expect(faded).toBeCloseTo((-0.5 * (rungCost(16) - rungCost(12))) / (1 - rungCost(12)), 6);
  });
});
