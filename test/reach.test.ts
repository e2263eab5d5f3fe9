// Questions no rule can decide (issue 14, "honest answers"): the static check of src/core/forecast/reach.ts labels
// them, it is sound (a question it calls impossible never happens in a run), and orders a script gives count.
import { describe, expect, it } from 'vitest';
import { questionReach } from '../src/core/forecast/reach.ts';
import { runForecast } from '../src/sim/forecast.ts';
import { loadBuiltin, scenarioFromYaml } from './helpers/scenarios.ts';
import { yourmove } from './helpers/cli.ts';

const korea = loadBuiltin('korea-russia-2024');

describe('question reach', () => {
  it('labels what nothing in the default scenario can bring about, with the rule that is missing', () => {
    const r = questionReach(korea);
    expect(r.get('chn_enters_war')).toMatchObject({ status: 'no_mechanism' });
    // China's one alliance binds it only if North Korea is attacked, and nothing attacks North Korea.
    expect((r.get('chn_enters_war') as { reason: string }).reason).toContain(
      'chn-prk-1961 Art. II binds it to fight only when North Korea is attacked',
    );
    expect(r.get('nuclear_use')).toMatchObject({ status: 'no_mechanism' });
    // What the rules can bring about stays open, however unlikely: a ceasefire (support can collapse), general
    // mobilisation (the bots mobilise when the pool is spent), the treaty Russia and North Korea ratify.
    for (const q of ['ceasefire', 'rus_general_mobilisation', 'rus_prk_treaty_invoked', 'kor_arms_to_ukr', 'deep_strikes_allowed'])
      expect(r.get(q), q).toEqual({ status: 'open' });
  });

  it('counts the orders of a script: an attack on Poland opens NATO’s war, not China’s', () => {
    // Without France's line (troops if the front breaks), and so without Poland's bandwagon, which waits for one ally
    // beside Ukraine, nothing brings a NATO member in; a declaration of war on Poland does.
    const calm = { ...korea, red_lines: korea.red_lines!.filter((x) => x.id !== 'fra-troops-if-breakthrough') };
    expect(questionReach(calm).get('nato_direct_combat')).toMatchObject({ status: 'no_mechanism' });
    const r = questionReach(calm, [{ rus: [{ type: 'declare_war', on: 'pol' }] }]);
    expect(r.get('nato_direct_combat')).toEqual({ status: 'open' });
    expect(r.get('chn_enters_war')).toMatchObject({ status: 'no_mechanism' });
  });

  it("in the default scenario, France's line if the front breaks, and Poland's bandwagon after it, open NATO's war", () => {
    expect(questionReach(korea).get('nato_direct_combat')).toEqual({ status: 'open' });
    const noBandwagon = {
      ...korea,
      actors: korea.actors.map((a) => (a.id === 'pol' ? { ...a, bandwagon: { ...a.bandwagon!, threshold: 2 } } : a)),
    };
    const alone = { ...noBandwagon, red_lines: korea.red_lines!.filter((x) => x.id !== 'fra-troops-if-breakthrough') };
    // A bandwagon that waits for more allies than may ever stand beside Ukraine moves nobody.
    expect(questionReach(alone).get('nato_direct_combat')).toMatchObject({ status: 'no_mechanism' });
  });

  it('follows a red line and a bandwagon into a war, and says "cannot fail" of what denies the impossible', () => {
    const yaml = (extra: string) => `
id: reach
title: Reach
description: Who can be drawn in.
start: 2024-06-01
turn_days: 7
horizon: 4
player: red
actors:
  - {id: red, name: Red, kind: state, capabilities: {active: 1000}}
  - {id: blue, name: Blue, kind: state, capabilities: {active: 1000}}
  - {id: gold, name: Gold, kind: state, capabilities: {active: 1000}}
  - {id: grey, name: Grey, kind: state, capabilities: {active: 1000}${extra.includes('bandwagon') ? ', bandwagon: {side_with: blue, threshold: 1}' : ''}}
conflicts:
  - {id: war, name: War, start: 2024-01-01, sides: [[red], [blue]]}
fronts:
  - {id: line, name: Line, conflict: war, territory: blue, control: 0.5, forces: []}
${extra.includes('red_line') ? `red_lines:\n  - {id: in, holder: gold, when: {front_control_below: {front: line, value: 0.4}}, then: {enter_war: {side_with: blue, conflict: war}}, likelihood: 0.5}` : ''}
questions:
  - {id: gold_in, text: Gold fights?, when: {actor_at_war: {actor: gold}}}
  - {id: grey_in, text: Grey fights?, when: {actor_at_war: {actor: grey, against: red}}}
  - {id: gold_out, text: Gold stays out?, when: {not: {actor_at_war: {actor: gold}}}, holds: throughout}
`;
    const none = questionReach(scenarioFromYaml(yaml('')));
    expect(none.get('gold_in')).toMatchObject({ status: 'no_mechanism' });
    expect(none.get('grey_in')).toMatchObject({ status: 'no_mechanism' });
    expect(none.get('gold_out')).toMatchObject({ status: 'certain_by_construction' });
    const lines = questionReach(scenarioFromYaml(yaml('red_line bandwagon')));
    expect(lines.get('gold_in')).toEqual({ status: 'open' });
    expect(lines.get('grey_in')).toEqual({ status: 'open' });
    expect(lines.get('gold_out')).toEqual({ status: 'open' });
  });

  it('is sound: in every built-in scenario, no run answers yes to a question it calls impossible, or no to one that cannot fail', async () => {
    for (const id of ['korea-russia-2024', 'july-1914', 'tutorial']) {
      const s = loadBuiltin(id);
      const r = await runForecast({ scenario: s, runs: 150, seed: 11, turns: s.horizon, workers: 1 });
      for (const q of r.questions) {
        if (q.status === 'no_mechanism') expect(q.yes, `${id} ${q.id}`).toBe(0);
        if (q.status === 'certain_by_construction') expect(q.yes, `${id} ${q.id}`).toBe(r.runs);
      }
      expect(r.questions.some((q) => q.status === undefined)).toBe(true);
    }
  }, 120_000);

  it('the forecast table says "no mechanism" in words, with the reason, and the JSON carries the status', () => {
    const t = yourmove(['forecast', 'korea-russia-2024', '--runs', '20', '--turns', '4']);
    expect(t.status).toBe(0);
    const china = t.stdout.split('\n').find((l) => l.includes('Does China enter the war?'))!;
    expect(china).toContain('no mechanism [');
    expect(china).not.toContain('0.0 %');
    expect(t.stdout).toMatch(/\[\d+\] chn_enters_war: no rule of the scenario brings China into a war/);
    const j = JSON.parse(yourmove(['forecast', 'korea-russia-2024', '--runs', '20', '--turns', '4', '--json']).stdout) as {
      questions: { id: string; status?: string; reason?: string }[];
    };
    expect(j.questions.find((q) => q.id === 'chn_enters_war')).toMatchObject({
      status: 'no_mechanism',
      reason: expect.stringContaining('China'),
    });
    expect(j.questions.find((q) => q.id === 'ceasefire')!.status).toBeUndefined();
  });

  it('a question every run answers alike, though the rules allow otherwise, says why: a fact at the start, or the gate no run passed', () => {
    const j = JSON.parse(yourmove(['forecast', 'korea-russia-2024', '--runs', '20', '--turns', '4', '--json']).stdout) as {
      runs: number;
      questions: { id: string; yes: number; status?: string; unanimous?: string }[];
    };
    const q = (id: string) => j.questions.find((x) => x.id === id)!;
    expect(q('prk_troops_in_combat').unanimous).toContain('it holds at the start');
    expect(q('ceasefire').yes).toBe(0);
    expect(q('ceasefire').unanimous).toMatch(
      /both principals' offers in the same turn; the bots offer one when support at home falls below 25 %/,
    );
    // Every open question at 0 or 100 % has its reason; none other has one.
    for (const x of j.questions) {
      const alike = x.status === undefined && (x.yes === 0 || x.yes === j.runs);
      expect(x.unanimous !== undefined, x.id).toBe(alike);
    }
    const t = yourmove(['forecast', 'korea-russia-2024', '--runs', '20', '--turns', '4']).stdout;
    expect(t).toMatch(/Is there a ceasefire in Russia's war against Ukraine\? \[[a-z]\]/);
    expect(t).toMatch(/Every run alike, though the rules allow otherwise[^\n]*\n {2}\[a\] /);
  });
});
