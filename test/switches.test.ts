// Named switches (issue 14, item 6): the model's judgement constants a scenario may set, which a forecast varies and
// the sensitivity table covers (src/core/switches.ts, docs/scenario-language.md "Switches").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeBots, playWithBots } from '../src/ai/play.ts';
import { apply } from '../src/core/engine/apply.ts';
import { initialState } from '../src/core/engine/init.ts';
import { inputTemplate } from '../src/core/forecast/inputs.ts';
import { Rng } from '../src/core/rng.ts';
import { DEFAULT_SWITCHES, SWITCHES, SWITCH_NAMES } from '../src/core/switches.ts';
import { PACKAGE_ROOT } from '../src/lang/builtins.ts';
import { runForecast } from '../src/sim/forecast.ts';
import { loadBuiltin } from './helpers/scenarios.ts';

const korea = loadBuiltin('korea-russia-2024');
const withSwitches = (switches: Record<string, number>) => ({ ...korea, switches: { ...korea.switches, ...switches } });

describe('switches', () => {
  it('are documented, each with its default, in docs/scenario-language.md', () => {
    const doc = readFileSync(join(PACKAGE_ROOT, 'docs', 'scenario-language.md'), 'utf8');
    for (const k of SWITCH_NAMES) expect(doc, k).toContain(`| \`${k}\` | ${SWITCHES[k].default} |`);
  });

  it('default to the constants the engine used before them; a scenario that sets none plays as before', () => {
    const { switches: _given, ...plain } = korea;
    expect(initialState(plain, 1).switches).toEqual(DEFAULT_SWITCHES);
    // The default scenario draws its own, each within the range it gives.
    const drawn = initialState(korea, 1).switches;
    expect(drawn.combat_loss_rate).toBeGreaterThanOrEqual(0.00122);
    expect(drawn.combat_loss_rate).toBeLessThanOrEqual(0.00158);
  });

  it('move the engine: twice the loss rate, about twice the losses on the same dice', () => {
    const losses = (rate: number) => {
      const s = withSwitches({ combat_loss_rate: rate });
      const r = apply(initialState(s, 3), {}, Rng.seeded(3));
      return r.events
        .flatMap((e) => (e.type === 'combat' ? e.losses.filter((l) => l.actor === 'rus') : []))
        .reduce((n, l) => n + l.killed + l.wounded, 0);
    };
    const ratio = losses(0.003) / losses(0.0015);
    expect(ratio).toBeGreaterThan(1.9);
    expect(ratio).toBeLessThan(2.1);
  });

  it("a front's own intensity moves the losses on that front alike, and on no other", () => {
    const losses = (intensity: number) => {
      const s = { ...korea, fronts: korea.fronts!.map((f) => (f.id === 'kursk' ? { ...f, intensity: { value: intensity } } : f)) };
      const r = apply(initialState(s, 3), {}, Rng.seeded(3));
      const byFront = new Map<string, number>();
      for (const e of r.events)
        if (e.type === 'combat')
          byFront.set(
            e.front,
            e.losses.reduce((n, l) => n + l.killed + l.wounded, 0),
          );
      return byFront;
    };
    const [once, twice] = [losses(1), losses(2)];
    const ratio = twice.get('kursk')! / once.get('kursk')!;
    expect(ratio).toBeGreaterThan(1.9);
    expect(ratio).toBeLessThan(2.1);
    expect(twice.get('ukraine')).toBe(once.get('ukraine'));
  });

  it('move the bots: when an "all means" obligation is never honoured by default, North Korea reneges on Russia\'s call', () => {
    const answers = (honour: number) => {
      const s = withSwitches({ honour_all_means: honour });
      const game = playWithBots(s, 1, [], 3, makeBots(s, 1, null, { kind: 'heuristic', reasons: false }));
      return game.turns.flatMap((t) => t.events.flatMap((e) => (e.type === 'call_answered' && e.actor === 'prk' ? [e.answer] : [])));
    };
    // Its treaty has two articles that call it: Art. 4's "all means" and Art. 3's consultation, which stays honoured.
    expect(answers(1)).not.toContain('renege');
    expect(answers(0)).toContain('renege');
  });

  it('given as distributions, are uncertain inputs of a forecast, and its sensitivity table ranks them', async () => {
    const paths = inputTemplate(korea).inputs.map((x) => x.path);
    for (const k of ['combat_loss_rate', 'honour_as_deemed_necessary', 'reinforce_share', 'support_pain'])
      expect(paths).toContain(`switches.${k}`);
    const r = await runForecast({ scenario: korea, runs: 300, seed: 1, turns: korea.horizon, workers: 1 });
    const casualties = r.sensitivity.find((x) => x.question === 'rus_casualties_500k')!;
    // Russia's losses rest on the calibrated loss rate, varied ±13 %: it is among the three inputs that move them most.
    const top = casualties.inputs.slice(0, 3);
    expect(
      top.map((x) => x.input),
      JSON.stringify(top),
    ).toContain('switches.combat_loss_rate');
    expect(top.find((x) => x.input === 'switches.combat_loss_rate')!.r).toBeGreaterThan(0.15);
  }, 60_000);
});
