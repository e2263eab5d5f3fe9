// Forecasts (issue 5): identical results whatever the number of workers; different seeds give consistent answers;
// the 95 % intervals cover a known probability about 95 % of the time; metrics and sensitivity are reported.
import { describe, expect, it } from 'vitest';
import { ForecastAggregate, wilson, type ForecastResult } from '../src/sim/aggregate.ts';
import { LEDGER, RunLayout, simulateRun, type RunResult } from '../src/sim/run.ts';
import { returns, returnTerms } from '../src/core/engine/returns.ts';
import { inputTemplate } from '../src/core/forecast/inputs.ts';
import { runForecast } from '../src/sim/forecast.ts';
import { INTEREST_TERMS, type GameState } from '../src/core/engine/state.ts';
import type { Scenario } from '../src/core/model.ts';
import { loadBuiltin, scenarioFromYaml } from './helpers/scenarios.ts';
import { startYourmove, yourmove } from './helpers/cli.ts';

// A red line acted on with probability exactly 0.3 (its likelihood, a plain number): the question "is the
// permission granted?" has probability 0.3 in every run. Its rival input, a uniform "noise", moves nothing.
const coin: Scenario = scenarioFromYaml(
  `
id: coin
title: A known probability
description: Gold allows Red's strikes with probability 0.3.
start: 2024-06-01
turn_days: 7
horizon: 3
player: red
actors:
  - {id: red, name: Red, kind: state, capabilities: {active: 1000}, domestic: {support: {dist: uniform, min: 0.4, max: 0.6}, casualty_sensitivity: 0.5}}
  - {id: blue, name: Blue, kind: state, capabilities: {active: 1000}}
  - {id: gold, name: Gold, kind: state, capabilities: {active: 1000}}
conflicts:
  - {id: war, name: War, start: 2024-01-01, sides: [[red], [blue]]}
permissions:
  - {id: strikes, by: gold, to: red, weapons: missiles, territory: blue, allowed: false}
red_lines:
  - id: gold-allows
    holder: gold
    when: {actor_at_war: {actor: red}}
    then: {permit: {permission: strikes}}
    likelihood: 0.3
questions:
  - {id: allowed, text: Does Gold allow the strikes?, when: {permission_granted: {permission: strikes}}}
metrics:
  - {id: red_support, text: Red's support, unit: share, of: {support: {actor: red}}}
`,
  'coin.yaml',
);

describe('Wilson intervals', () => {
  it('match published values', () => {
    // Newcombe (1998), Table I: 0/10 -> 0.0000-0.2775; 5/10 -> 0.2366-0.7634 (95 %, no continuity correction).
    const [a, b] = wilson(0, 10);
    expect(a).toBe(0);
    expect(b).toBeCloseTo(0.2775, 4);
    const [c, d] = wilson(5, 10);
    expect(c).toBeCloseTo(0.2366, 4);
    expect(d).toBeCloseTo(0.7634, 4);
  });

  it('cover a known probability about 95 % of the time (400 forecasts of 100 runs)', async () => {
    let covered = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const r = await runForecast({ scenario: coin, runs: 100, seed, turns: 2, workers: 1, chunk: 100 });
      const q = r.questions[0]!;
      if (q.ci95[0] <= 0.3 && 0.3 <= q.ci95[1]) covered++;
    }
    // Binomial(400, 0.95) lies in [366, 393] with probability > 0.99.
    expect(covered).toBeGreaterThanOrEqual(366);
    expect(covered).toBeLessThanOrEqual(393);
  });
});

describe('packed runs', () => {
  const template = inputTemplate(coin);
  const layout = RunLayout.of(coin, template.inputs.length, 3);
  // Red's support (the only uncertain input, uniform 0.4-0.6): 0.42 is at its 10th percentile, 0.58 at its 90th.
  const run = (index: number, support: number, yes: boolean, metric: (number | null)[]): RunResult => ({
    index,
    inputs: [support],
    answers: [yes],
    metrics: [metric],
    returns: coin.actors.map((_, a) => 10 * a + index), // every actor's figures differ, and every run's
    ledger: coin.actors.map((_, a) => LEDGER.map((_, k) => 100 * a + k + index)),
    terms: coin.actors.map((_, a) => INTEREST_TERMS.map((_, k) => 1000 * a + k + index)),
  });
  const packed = (...runs: RunResult[]) => {
    const data = new Float64Array(runs.length * layout.size);
    runs.forEach((r, k) => layout.write(r, data, k * layout.size));
    return data;
  };

  it('reach the aggregate as written: each part in its place, a turn without a value counting no run', () => {
    expect(template.inputs.map((x) => x.path)).toEqual(['actors.red.domestic.support']);
    const aggregate = new ForecastAggregate(coin, template.inputs, 3);
    aggregate.add(packed(run(0, 0.42, true, [null, 0.5, 0.4]), run(1, 0.58, false, [null, null, 0.6])));
    const r = aggregate.result({ seed: 1, requested: 2, partial: false });
    expect(r.runs).toBe(2);
    expect(r.questions[0]).toMatchObject({ id: 'allowed', yes: 1, p: 0.5 });
    expect(r.metrics.map((m) => [m.turn, m.n, m.mean])).toEqual([
      [1, 0, null],
      [2, 1, 0.5],
      [3, 2, 0.5],
    ]);
    // The spread over the runs with a value (the population's standard deviation: 0.4 and 0.6 give 0.1).
    expect(r.metrics.map((m) => m.sd)).toEqual([null, 0, 0.1]);
    // The run with low support said yes, the one with high support no.
    expect(r.sensitivity[0]!.inputs[0]).toMatchObject({ input: 'actors.red.domestic.support', r: -1, pLow: 1, pHigh: 0 });
    expect(r.returns.map((x) => x.mean)).toEqual(coin.actors.map((_, a) => 10 * a + 0.5));
    expect(r.returns.map((x) => INTEREST_TERMS.map((t) => x.terms[t]))).toEqual(
      coin.actors.map((_, a) => INTEREST_TERMS.map((_, k) => 1000 * a + k + 0.5)),
    );
    // Counts are shown whole; changes and leverage to 4 decimals, the mean of technology programmes to 2 (aggregate.ts).
    const shown = (e: string, x: number) => (e.includes('change') || e === 'leverage' || e === 'technology' ? x : Math.round(x));
    expect(r.ledger.map((l) => LEDGER.map((e) => l.entries[e].mean))).toEqual(
      coin.actors.map((_, a) => LEDGER.map((e, k) => shown(e, 100 * a + k + 0.5))),
    );
  });

  it('are refused when they are not the next whole runs', () => {
    const aggregate = new ForecastAggregate(coin, template.inputs, 3);
    const first = packed(run(0, 0.5, true, [1, 2, 3]));
    expect(() => aggregate.add(packed(run(1, 0.5, true, [1, 2, 3])))).toThrow('run 0 is missing: found run 1 in its place');
    expect(() => aggregate.add(first.subarray(1))).toThrow(`numbers are not whole runs of ${layout.size} numbers each`);
    expect(() => aggregate.add([first])).toThrow('runs from 0 on are not packed runs of this version');
    aggregate.add(first);
    expect(aggregate.runs).toBe(1);
  });
});

describe('yourmove forecast', () => {
  const forecast = (args: string[]) => yourmove(['forecast', 'korea-russia-2024', '--turns', '8', ...args]);

  it('gives byte-identical JSON with 1 and with 2 workers', () => {
    const one = forecast(['--runs', '120', '--seed', '5', '--workers', '1', '--json']);
    const two = forecast(['--runs', '120', '--seed', '5', '--workers', '2', '--json']);
    expect(one.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const r = JSON.parse(one.stdout) as ForecastResult;
    expect(r).toMatchObject({ scenario: 'korea-russia-2024', runs: 120, seed: 5, turns: 8, partial: false });
    expect(r.questions.find((q) => q.id === 'prk_troops_in_combat')!.p).toBe(1);
    const m = r.metrics.find((x) => x.id === 'rus_casualties' && x.turn === 8)!;
    expect(m.p05!).toBeLessThanOrEqual(m.p50!);
    expect(m.p50!).toBeLessThanOrEqual(m.p95!);
    expect(m.mean!).toBeGreaterThan(50_000);
    expect(r.metrics.filter((x) => x.id === 'rus_casualties').map((x) => x.turn)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('gives different but consistent answers for another seed (the 95 % intervals overlap)', () => {
    const a = JSON.parse(forecast(['--runs', '150', '--seed', '1', '--json']).stdout) as ForecastResult;
    const b = JSON.parse(forecast(['--runs', '150', '--seed', '2', '--json']).stdout) as ForecastResult;
    expect(JSON.stringify(a.metrics)).not.toBe(JSON.stringify(b.metrics));
    for (const [i, q] of a.questions.entries()) {
      const r = b.questions[i]!;
      expect(q.ci95[0] <= r.ci95[1] && r.ci95[0] <= q.ci95[1], `${q.id}: ${q.ci95} vs ${r.ci95}`).toBe(true);
    }
  });

  it('prints tables for people and CSV for spreadsheets; refuses bad usage', () => {
    const t = forecast(['--runs', '40']);
    expect(t.stdout).toContain('Forecast of korea-russia-2024: 40 runs of 8 turns, seed 1');
    expect(t.stdout).toMatch(/Does South Korea send weapons to Ukraine\? +│ \d+\.\d %/);
    expect(t.stdout).toContain('metric at turn 8');
    expect(t.stdout).toContain('Sensitivity (tornado');
    // The ledger, and where each actor's return comes from: Russia gains ground and pays in casualties.
    expect(t.stdout).toMatch(/Where the returns come from[^\n]*\n {2}rus: [^\n]*casualties -0\.\d{3}[^\n]*territory \+0\.\d{3}/);
    expect(t.stdout).toContain('Fan charts: median (█) and 5-95 % band (░) per turn, turns 1-8');
    expect(t.stdout).toMatch(/rus_casualties \(persons\)\n +[\d,]+ ┤[ ░█]{8}\n/);
    expect(t.stderr).toMatch(/40 runs in [\d.]+ s on \d+ workers?/);
    const csv = forecast(['--runs', '20', '--csv']).stdout.split('\n');
    expect(csv[0]).toBe('kind,id,turn,date,unit,n,p_or_mean,ci95_low,ci95_high,p05,p50,p95,sd,note');
    expect(csv.find((l) => l.startsWith('question,chn_enters_war,'))).toContain(',"no mechanism: no rule of the scenario brings China');
    expect(csv.find((l) => l.startsWith('question,prk_troops_in_combat,'))).toContain(',"every run alike: it holds at the start');
    expect(csv.some((l) => l.startsWith('metric,rus_casualties,8,2025-01-03,persons,20,'))).toBe(true);
    expect(forecast(['--runs', '0']).status).toBe(2);
    expect(forecast(['--runs', '10', '--json', '--csv']).status).toBe(2);
  });
});

describe('Ctrl-C', () => {
  it('stops a forecast and prints the runs done, marked partial', async () => {
    const cli = startYourmove(['forecast', 'korea-russia-2024', '--runs', '100000', '--workers', '2', '--json']);
    // Interrupted once the first chunks are in (stderr is no terminal: progress comes as lines), however slow the machine.
    await cli.said(/forecast: [1-9]\d* of 100000 runs/);
    cli.child.kill('SIGINT');
    const code = await cli.ended();
    expect(code).toBe(130);
    const r = JSON.parse(cli.stdout()) as ForecastResult;
    expect(r.partial).toBe(true);
    expect(r.requested).toBe(100000);
    expect(r.runs).toBeGreaterThan(0);
    expect(r.runs).toBeLessThan(100000);
    expect(r.runs % 50, 'whole chunks, in run order').toBe(0);
    expect(cli.stderr()).toContain(`interrupted: a partial forecast of ${r.runs} of 100000 runs`);
  }, 60_000);
});

describe('a pool of more threads than chunks', () => {
  it('shuts down cleanly, however few runs it had (threads are started for the chunks, and closed once loaded)', () => {
    // Two runs are one chunk. Sixteen threads started, then destroyed while some still loaded, made Node abort (a V8
    // fatal error) in about one run in ten here: ten runs would have caught it two times in three.
    for (let i = 0; i < 10; i++) {
      const r = yourmove(['forecast', 'tutorial', '--turns', '1', '--runs', '2', '--workers', '16', '--json']);
      expect(r.stderr).not.toMatch(/FATAL|Assertion failed|internal error/);
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ runs: 2, partial: false });
    }
  }, 120_000);
});

describe('sensitivity', () => {
  it('finds the input that decides a question', async () => {
    // South Korea's arming of Ukraine is decided by its red lines' likelihoods: defensive arms (uniform 0.3-0.7) as
    // soon as North Korea fights, offensive ones (0.1-0.4) only once Russian technology also flows to the North. Of
    // some forty inputs, noise alone puts one near |r| = 0.09 at 800 runs (2.5 standard errors): the defensive
    // line's ~0.15 stands above it, the offensive line's share does not.
    const r = await runForecast({ scenario: loadBuiltin('korea-russia-2024'), runs: 800, seed: 3, turns: 3, workers: 1 });
    const s = r.sensitivity.find((x) => x.question === 'kor_arms_to_ukr')!;
    expect(s.inputs[0]!.input).toBe('red_lines.kor-arms-defensive.likelihood');
    // Expected r ≈ sd(L) / sd(answer) · (the share of arming it decides) ≈ 0.115 / 0.49 · 0.6 ≈ 0.14.
    expect(s.inputs[0]!.r).toBeGreaterThan(0.08);
    expect(s.inputs[0]!.pHigh!).toBeGreaterThan(s.inputs[0]!.pLow!);
  });
});

describe('US policy from January 2025 (issue 14: an uncertain input)', () => {
  it('stops US aid in about half the runs, on the likelihood of its red line, from the inauguration on', async () => {
    const r = await runForecast({ scenario: loadBuiltin('korea-russia-2024'), runs: 400, seed: 1, turns: 16, workers: 1 });
    const q = r.questions.find((x) => x.id === 'usa_aid_stopped')!;
    // Uniform 0.3-0.7: about half, decided at the end of the turn that covers 20 January 2025 (turn 11).
    expect(q.p).toBeGreaterThan(0.4);
    expect(q.p).toBeLessThan(0.6);
    expect(r.sensitivity.find((x) => x.question === 'usa_aid_stopped')!.inputs[0]!.input).toBe('red_lines.usa-aid-2025.likelihood');
    const before = await runForecast({ scenario: loadBuiltin('korea-russia-2024'), runs: 50, seed: 1, turns: 10, workers: 1 });
    expect(before.questions.find((x) => x.id === 'usa_aid_stopped')!.p).toBe(0);
  });
});

describe('the ledger', () => {
  it("counts what each actor gave and got: North Korea's shells are Russia's", async () => {
    const r = await runForecast({ scenario: loadBuiltin('korea-russia-2024'), runs: 40, seed: 2, turns: 10, workers: 1 });
    const entry = (actor: string) => r.ledger.find((l) => l.actor === actor)!.entries;
    // 57,700-115,400 shells a week for 10 weeks, every week delivered (North Korea's stock is not tracked).
    expect(entry('prk').munitions_given.mean).toBeGreaterThan(577_000);
    expect(entry('prk').munitions_given.mean).toBeLessThan(1_154_000);
    expect(entry('rus').munitions_received.mean).toBe(entry('prk').munitions_given.mean);
    expect(entry('prk').money_received_usd_m.mean).toBeGreaterThan(50); // ~$5.3 m a week from Russia
    // Aid in kind counted in dollars is money given too: the United States' $417 m of weapons a week to Ukraine, and
    // the UK's, Germany's and France's; Ukraine receives what they give (means rounded to whole millions).
    expect(entry('usa').money_given_usd_m.mean).toBe(4170);
    // South Korea's arms, when its red line brings them, are priced too (USD 20-60 m a week).
    const givers = ['usa', 'gbr', 'deu', 'fra', 'kor'].map((a) => entry(a).money_given_usd_m.mean);
    expect(givers.slice(0, 4).every((x) => x > 0)).toBe(true);
    expect(Math.abs(entry('ukr').money_received_usd_m.mean - givers.reduce((a, b) => a + b, 0))).toBeLessThanOrEqual(2);
    expect(entry('rus').killed.mean).toBeGreaterThan(entry('prk').killed.mean);
    expect(r.returns.map((x) => x.actor)).toEqual(r.ledger.map((l) => l.actor));
    // The terms of each return add up to it (each mean rounded to 4 decimals), and say where it comes from: Russia
    // pays in casualties, North Korea gains battle experience, the United States pays in escalation.
    for (const x of r.returns) {
      const sum = INTEREST_TERMS.reduce((total, t) => total + x.terms[t], 0);
      expect(Math.abs(sum - x.mean), x.actor).toBeLessThan(0.0006);
    }
    const terms = (actor: string) => r.returns.find((x) => x.actor === actor)!.terms;
    expect(terms('rus').casualties).toBeLessThan(0);
    expect(terms('prk').battle_experience).toBeGreaterThan(0);
    expect(terms('usa').escalation_risk).toBeLessThan(0);
  });
});

describe('a run', () => {
  it("returns each actor's utility as the engine's returns() at the end, its weighted terms adding up to it", () => {
    const template = inputTemplate(loadBuiltin('korea-russia-2024'));
    let end: GameState | null = null;
    const r = simulateRun(template, 5, 0, { turns: 12, onTurn: (state) => (end = state) });
    const engine = returns(end!);
    end!.actors.forEach((a, i) => {
      expect(r.returns[i], a.id).toBe(engine[a.id]);
      const terms = returnTerms(end!, a);
      expect(r.terms[i]).toEqual(INTEREST_TERMS.map((t) => a.interests[t] * terms[t]));
    });
    expect(r.returns.some((x) => x !== 0)).toBe(true);
  });
});

describe('yourmove advise', () => {
  it("ranks the options by the player's expected return on the same worlds, doing nothing among them", () => {
    // 20 weeks: over fewer, the aid's 90-day lag and the European donors making up part of a US cut hide most of it.
    const r = yourmove(['advise', 'korea-russia-2024', '--as', 'nato', '--runs', '40', '--turns', '20', '--json']);
    expect(r.status).toBe(0);
    const a = JSON.parse(r.stdout) as {
      as: string;
      options: {
        rank: number;
        label: string;
        utility: { mean: number };
        versusNothing: number;
        changes: { id: string; diff: number }[];
        why: { term: string; diff: number }[];
        metricChanges: { id: string; unit: string; diff: number | null }[];
      }[];
    };
    expect(a.as).toBe('nato');
    expect(a.options.map((o) => o.rank)).toEqual(a.options.map((_, i) => i + 1));
    for (let i = 1; i < a.options.length; i++) expect(a.options[i]!.utility.mean).toBeLessThanOrEqual(a.options[i - 1]!.utility.mean);
    expect(a.options.find((o) => o.label === 'do nothing')!.versusNothing).toBe(0);
    // Allowing ATACMS deep strikes makes the question certain to be yes; Russia's red line makes NATO pay in escalation
    // (a nuclear ultimatum for the weeks it stands), and Ukraine's fire gains ground: the two weighed against each other.
    const deep = a.options.find((o) => o.label === 'usa: allowing usa-deep-strike')!;
    expect(deep.changes[0]).toMatchObject({ id: 'deep_strikes_allowed' });
    expect(deep.changes[0]!.diff).toBeGreaterThan(0.3);
    const term = (t: string) => deep.why.find((w) => w.term === t)?.diff ?? 0;
    expect(term('escalation_risk')).toBeLessThan(0);
    expect(term('backed_territory')).toBeGreaterThan(0);
    // The terms that make the difference add up to it.
    expect(Math.abs(deep.why.reduce((sum, w) => sum + w.diff, 0) - deep.versusNothing)).toBeLessThan(0.002);
    expect(a.options.find((o) => o.label === 'do nothing')!.why).toEqual([]);
    // Stopping US aid costs Ukraine fire, so ground and men: the metrics that move most against doing nothing. (The
    // bots' answers alone, without the aid rule, move Ukraine's control by -0.0004 here.)
    const stop = a.options.find((o) => o.label === 'usa: stopping usa-aid')!;
    expect(stop.metricChanges[0]).toMatchObject({ id: 'ukraine_control', unit: 'share' });
    expect(stop.metricChanges[0]!.diff).toBeLessThanOrEqual(-0.0008);
    // ... and the fire Ukraine loses shows in the men: fewer Russian casualties, or more Ukrainian ones.
    const men = stop.metricChanges.find((m) => m.id === 'rus_casualties' || m.id === 'ukr_casualties')!;
    expect(men.id === 'rus_casualties' ? -men.diff! : men.diff!).toBeGreaterThan(2000);
    expect(a.options.find((o) => o.label === 'do nothing')!.metricChanges).toEqual([]);
    // And it costs NATO: Ukraine's ground, which it backs, is its stake (issue 14's sanity case). Cutting aid is not free.
    expect(stop.versusNothing).toBeLessThan(0);
    expect(stop.why[0]).toMatchObject({ term: 'backed_territory' });
    // What no option can bring about is said: no rule reaches nuclear use; NATO's own entry is among the options.
    const limits = (JSON.parse(r.stdout) as { limits: { question: string }[] }).limits.map((l) => l.question);
    expect(limits).toContain('nuclear_use');
    expect(limits).not.toContain('nato_direct_combat');
    // The options share one set of threads; the answer is the same bytes as on this thread alone.
    const one = yourmove(['advise', 'korea-russia-2024', '--as', 'nato', '--runs', '40', '--turns', '20', '--json', '--workers', '1']);
    expect(one.stdout).toBe(r.stdout);
  });

  it("tells the US that stopping its aid costs it Ukraine's ground", () => {
    const r = yourmove(['advise', 'korea-russia-2024', '--as', 'usa', '--runs', '40', '--turns', '20', '--json']);
    expect(r.status).toBe(0);
    const a = JSON.parse(r.stdout) as { options: { label: string; versusNothing: number; why: { term: string; diff: number }[] }[] };
    const stop = a.options.find((o) => o.label === 'stopping usa-aid')!;
    expect(stop.versusNothing).toBeLessThan(0);
    expect(stop.why[0]).toMatchObject({ term: 'backed_territory' });
    expect(a.options.findIndex((o) => o.label === 'stopping usa-aid')).toBeGreaterThan(
      a.options.findIndex((o) => o.label === 'do nothing'),
    );
  });

  it('tells North Korea that its technology is the price of its shells and troops (the transaction both ways)', () => {
    // Russia's technology programme is absorbed after 180 days (26 weeks) and runs while the shells flow and 5,000
    // North Korean troops stand on Russia's fronts.
    const r = yourmove(['advise', 'korea-russia-2024', '--as', 'prk', '--runs', '20', '--turns', '30', '--json']);
    expect(r.status).toBe(0);
    const a = JSON.parse(r.stdout) as { options: { label: string; versusNothing: number; why: { term: string; diff: number }[] }[] };
    const shells = a.options.find((o) => o.label === 'stopping prk-shells')!;
    expect(shells.versusNothing).toBeLessThan(-0.1);
    expect(shells.why[0]).toMatchObject({ term: 'technology' });
    // Three options with distinct returns; every option that gives up a channel to Russia ranks below doing nothing
    // (entering the war openly, its troops already fighting, changes next to nothing).
    expect(new Set(a.options.map((o) => o.versusNothing.toFixed(3))).size).toBeGreaterThanOrEqual(3);
    for (const o of a.options)
      if (o.label.startsWith('stopping') || o.label.startsWith('withdrawing')) expect(o.versusNothing, o.label).toBeLessThan(0);
    expect(a.options.findIndex((o) => o.label === 'do nothing')).toBeLessThanOrEqual(1);
  });

  it("gives South Korea real choices: arming Ukraine costs it Russia's answer (arms for the North), entering the war much more", () => {
    const r = yourmove(['advise', 'korea-russia-2024', '--as', 'kor', '--runs', '30', '--turns', '40', '--json']);
    expect(r.status).toBe(0);
    const a = JSON.parse(r.stdout) as { options: { label: string; versusNothing: number; why: { term: string; diff: number }[] }[] };
    expect(new Set(a.options.map((o) => o.versusNothing.toFixed(3))).size).toBeGreaterThanOrEqual(3);
    const arms = a.options.find((o) => o.label.startsWith('weapons for ukr'))!;
    // Putin's threat of 20 June 2024 is a red line of Russia's: technology for North Korea, South Korea's rival.
    expect(arms.versusNothing).toBeLessThan(0);
    expect(arms.why[0]).toMatchObject({ term: 'rival_gains' });
    const war = a.options.find((o) => o.label === 'entering rus-ukr beside ukr')!;
    expect(war.versusNothing).toBeLessThan(arms.versusNothing);
    expect(war.why.map((w) => w.term)).toContain('escalation_risk');
  });

  it("gives China real choices: its standing with Russia against the West's sanctions", () => {
    const r = yourmove(['advise', 'korea-russia-2024', '--as', 'chn', '--runs', '30', '--turns', '40', '--json']);
    expect(r.status).toBe(0);
    const a = JSON.parse(r.stdout) as { options: { label: string; versusNothing: number; why: { term: string; diff: number }[] }[] };
    expect(new Set(a.options.map((o) => o.versusNothing.toFixed(3))).size).toBeGreaterThanOrEqual(3);
    // Stopping its machine tools loses China a share of Russia's supply (leverage as dependence).
    const tools = a.options.find((o) => o.label === 'stopping chn-machine-tools')!;
    expect(tools.why[0]).toMatchObject({ term: 'leverage' });
    expect(tools.versusNothing).toBeLessThan(-0.05);
    // Arming Russia buys standing and draws the sanctions of the US and the allies (their red lines).
    const arms = a.options.find((o) => o.label.startsWith('weapons for rus'))!;
    const terms = Object.fromEntries(arms.why.map((w) => [w.term, w.diff]));
    expect(terms.leverage).toBeGreaterThan(0);
    expect(terms.economy).toBeLessThan(0);
    // Sanctioning the United States, an economy half again its size, costs China nearly what it costs the US
    // (friendly fire, economy.ts): an option on its menu, and a loss.
    const sanction = a.options.find((o) => o.label === 'sanctions on usa')!;
    expect(sanction.why[0]).toMatchObject({ term: 'economy' });
    expect(sanction.versusNothing).toBeLessThan(0);
  });

  it('weighs named options and refuses unknown ones', () => {
    const t = yourmove([
      'advise',
      'korea-russia-2024',
      '--as',
      'usa',
      '--option',
      'usa permits usa-deep-strike',
      '--runs',
      '20',
      '--turns',
      '6',
    ]);
    expect(t.status).toBe(0);
    expect(t.stdout).toContain('Your move, United States: 2 options, each over the same 20 sampled worlds of 6 turns (seed 1)');
    expect(t.stdout).toContain('usa permits usa-deep-strike');
    const bad = yourmove(['advise', 'korea-russia-2024', '--as', 'usa', '--option', 'usa sneezes']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--option "usa sneezes": expected one of');
  });
});
