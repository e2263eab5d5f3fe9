// The back-test (issue 14): a forecast scored with Brier scores against what happened, beside always-50 % and
// nothing-changes; outcomes files checked with located errors.
import { describe, expect, it } from 'vitest';
import { loadOutcomesText } from '../src/lang/outcomes-file.ts';
import { formatProblem } from '../src/lang/load.ts';
import { brierScores, runBacktest, turnsTo } from '../src/sim/backtest.ts';
import { yourmove } from './helpers/cli.ts';
import { loadBuiltin } from './helpers/scenarios.ts';
import { readFileSync } from 'node:fs';

describe('Brier scores', () => {
  it('score each forecast (p - outcome)², and the skill against each baseline', () => {
    const s = brierScores([
      { p: 0.8, outcome: true, persistence: 0 },
      { p: 0.1, outcome: false, persistence: 0 },
      { p: 0.5, outcome: true, persistence: 1 },
    ]);
    // (0.04 + 0.01 + 0.25) / 3 = 0.1; nothing changes (1 + 0 + 0) / 3; always 50 % 0.25.
    expect(s.model).toBeCloseTo(0.1, 12);
    expect(s.persistence).toBeCloseTo(1 / 3, 12);
    expect(s.coin).toBe(0.25);
    expect(s.skill.coin).toBeCloseTo(0.6, 12);
    expect(s.skill.persistence).toBeCloseTo(0.7, 12);
    // A perfect baseline leaves no skill to measure against it.
    expect(brierScores([{ p: 0.5, outcome: true, persistence: 1 }]).skill.persistence).toBeNull();
  });

  it('play the forecast to the turn that covers the resolution date', () => {
    const t = loadBuiltin('tutorial');
    expect(turnsTo(t, '2025-03-03')).toBe(8); // 56 days of weekly turns from 6 January
    expect(turnsTo(t, '2099-01-01')).toBe(t.horizon);
  });

  it('score the forecast of a scenario against its outcomes, question by question', async () => {
    const t = loadBuiltin('tutorial');
    const o = loadOutcomesText(readFileSync('test/fixtures/tutorial.outcomes.yaml', 'utf8'), 'x', t);
    if (!o.ok) throw new Error(o.problems.map(formatProblem).join('\n'));
    const r = await runBacktest({ scenario: t, outcomes: o.value, runs: 60, seed: 1 });
    expect(r.turns).toBe(8);
    expect(r.questions.map((q) => q.id)).toEqual(['grn_at_war', 'ceasefire', 'province_lost']);
    for (const q of r.questions) expect(q.brier).toBeCloseTo((q.p - (q.outcome ? 1 : 0)) ** 2, 12);
    expect(r.brier.model).toBeCloseTo(r.questions.reduce((a, q) => a + q.brier, 0) / 3, 12);
    // Nothing is at war with Green nor ceased at the start: "nothing changes" answers no to both.
    expect(r.questions.find((q) => q.id === 'grn_at_war')!.persistence).toBe(0);
  });
});

describe('outcomes files', () => {
  const t = loadBuiltin('tutorial');
  const problems = (text: string) => {
    const r = loadOutcomesText(text, 'o.yaml', t);
    return r.ok ? [] : r.problems.map(formatProblem);
  };

  it('name the question, the scenario and the date that are wrong, where they are', () => {
    expect(
      problems(`scenario: tutorial
resolved: 2025-03-03
outcomes:
  - {question: grn_at_war, outcome: true, source: a}
  - {question: victory, outcome: true, source: b}
  - {question: grn_at_war, outcome: false, source: c}
`),
    ).toEqual([
      expect.stringMatching(/^o\.yaml:5:16: outcomes\[1\]\.question: no question "victory" in tutorial \(its questions: grn_at_war, /),
      'o.yaml:6:16: outcomes[2].question: question "grn_at_war" is scored twice',
    ]);
    expect(problems('scenario: korea\nresolved: 2020-01-01\noutcomes: [{question: ceasefire, outcome: true, source: a}]\n')).toEqual([
      'o.yaml:1:11: scenario: these outcomes are for "korea", not for "tutorial"',
      'o.yaml:2:11: resolved: resolved on 2020-01-01, before the scenario starts (2025-01-06)',
    ]);
    expect(problems('scenario: tutorial\nresolved: 2025-03-03\noutcomes: [{question: ceasefire, outcome: maybe, source: a}]\n')[0]).toMatch(
      /^o\.yaml:3:43: outcomes\[0\]\.outcome: /,
    );
  });

  it('yourmove backtest prints the scores, and refuses a bad outcomes file with its problems', () => {
    const ok = yourmove(['backtest', 'tutorial', '--outcomes', 'test/fixtures/tutorial.outcomes.yaml', '--runs', '40']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('Back-test of tutorial: 40 runs of 8 turns to 2025-03-03 (seed 1), scored on 3 questions');
    expect(ok.stdout).toMatch(/Mean Brier score \(lower is better\): model \d\.\d{3}; always 50 % 0\.250; nothing changes \d\.\d{3}/);
    const none = yourmove(['backtest', 'tutorial', '--runs', '5']);
    expect(none.status).not.toBe(0);
    expect(none.stderr).toContain('no outcomes for tutorial: give --outcomes FILE');
  });
});

describe('the back-test of korea-russia-2024-06 (the world on 19 June 2024, scored on 8 November)', () => {
  it('scores every question of the scenario against a sourced outcome, and beats always-50 %', async () => {
    const s = loadBuiltin('korea-russia-2024-06');
    const o = loadOutcomesText(readFileSync('validation/korea-russia-2024-06.outcomes.yaml', 'utf8'), 'x', s);
    if (!o.ok) throw new Error(o.problems.map(formatProblem).join('\n'));
    expect(o.value.outcomes.map((x) => x.question).sort()).toEqual(s.questions!.map((q) => q.id).sort());
    const r = await runBacktest({ scenario: s, outcomes: o.value, runs: 100, seed: 1 });
    expect(r.turns).toBe(21); // 19 June + 21 weeks covers 8 November
    // The two misses it has (docs/forecast.md): North Korea's troops (no Kursk incursion foreseen, so no red line
    // brings them) and the treaty (the bots ratify at once, so its consultation article is invoked).
    expect(r.questions.find((q) => q.id === 'prk_troops_in_russia')!.brier).toBeGreaterThan(0.9);
    expect(r.brier.model).toBeLessThan(r.brier.coin);
  });
});
