// Named streams of random draws (issue 14, item 11): each uncertain input, red line, treaty trigger and intelligence
// look draws from a stream named for it (Rng.named), so that adding or changing one leaves every other's draws alone.
import { describe, expect, it } from 'vitest';
import { makeBots, playWithBots } from '../src/ai/play.ts';
import { inputTemplate, sampleInputs } from '../src/core/forecast/inputs.ts';
import type { RedLine, Scenario } from '../src/core/model.ts';
import { Rng } from '../src/core/rng.ts';
import { loadBuiltin } from './helpers/scenarios.ts';

const korea = loadBuiltin('korea-russia-2024');
// A red line of South Korea's crossed on the same turn as its own two, listed first, with an uncertain likelihood.
const extra: RedLine = {
  id: 'aaa-extra',
  holder: 'kor',
  text: 'An extra line',
  when: { in_combat: { actor: 'prk' } },
  then: { sanction: { on: 'prk', intensity: 0.1 } },
  likelihood: { dist: 'uniform', min: 0.2, max: 0.8 },
};
const withExtra: Scenario = { ...korea, red_lines: [extra, ...korea.red_lines!] };

describe('named streams', () => {
  it('give a stream per name: the same name the same draws, another name others', () => {
    expect(Rng.named(7, 'a').nextU32()).toBe(Rng.named(7, 'a').nextU32());
    expect(Rng.named(7, 'a').nextU32()).not.toBe(Rng.named(7, 'b').nextU32());
    expect(Rng.named(7, 'a').nextU32()).not.toBe(Rng.named(8, 'a').nextU32());
  });

  it('an input added before the others leaves their values in every run as they were', () => {
    const before = inputTemplate(korea).inputs;
    const after = inputTemplate(withExtra).inputs;
    expect(after.length).toBe(before.length + 1);
    for (let seed = 1; seed <= 20; seed++) {
      const a = sampleInputs(before, seed);
      const b = sampleInputs(after, seed);
      before.forEach((x, i) => expect(b[after.findIndex((y) => y.path === x.path)], x.path).toBe(a[i]));
    }
  });

  it("a red line added leaves the other lines' decisions in every game as they were", () => {
    const acts = (s: Scenario, seed: number) => {
      const game = playWithBots(s, seed, [], 3, makeBots(s, seed, null, { kind: 'heuristic', reasons: false }));
      // The scenario's likelihoods drawn as a game draws them (initialState): fixed here so that only the decision varies.
      return game.turns.flatMap((t) =>
        t.events.flatMap((e) => (e.type === 'red_line_crossed' && e.redLine !== extra.id ? [`${e.redLine}:${e.acts}`] : [])),
      );
    };
    const fixed = (s: Scenario): Scenario => ({ ...s, red_lines: s.red_lines!.map((r) => ({ ...r, likelihood: 0.5 })) });
    for (let seed = 1; seed <= 15; seed++) expect(acts(fixed(withExtra), seed), `seed ${seed}`).toEqual(acts(fixed(korea), seed));
  });
});
