/**
 * A back-test (`yourmove backtest`, docs/forecast.md): a scenario's forecast, run from its start to the date its
 * outcomes were resolved, scored question by question with the Brier score (p − outcome)², beside two baselines that
 * know nothing of the model — always 50 % (a Brier score of 0.25) and nothing changes (each question answered as it
 * stands at the start: 1 if its condition already holds, else 0). Lower is better; the skill score against a
 * baseline is 1 − Brier / Brier of the baseline (above 0: better than it).
 */
import { initialState } from '../core/engine/init.ts';
import { holds } from '../core/engine/predicates.ts';
import type { Scenario } from '../core/model.ts';
import { toDay } from '../core/scenario/dates.ts';
import type { Outcomes } from '../lang/outcomes-file.ts';
import { runForecast } from './forecast.ts';

export interface BacktestQuestion {
  id: string;
  text: string;
  /** The forecast's probability at the resolution date. */
  p: number;
  outcome: boolean;
  brier: number;
  /** The nothing-changes forecast: 1 if the question's condition holds at the start, else 0. */
  persistence: 0 | 1;
  persistenceBrier: number;
  /** Set when no rule of the scenario can decide the question (the forecast's `status`). */
  status?: 'no_mechanism' | 'certain_by_construction';
  source: string;
}

export interface BacktestResult {
  scenario: string;
  resolved: string;
  turns: number;
  runs: number;
  seed: number;
  questions: BacktestQuestion[];
  /** Mean Brier scores over the questions: the model's and the two baselines'. */
  brier: { model: number; coin: number; persistence: number };
  /** 1 − model / baseline: above 0, better than the baseline. */
  skill: { coin: number; persistence: number | null };
}

export interface BacktestOptions {
  scenario: Scenario;
  outcomes: Outcomes;
  runs: number;
  seed: number;
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

/** The turns from the scenario's start to the resolution date (the turn that covers it), within the horizon. */
export function turnsTo(s: Scenario, date: string): number {
  const days = toDay(date) - toDay(s.start);
  return Math.max(1, Math.min(s.horizon, Math.ceil(days / s.turn_days)));
}

/** Score a set of probabilities against outcomes: the Brier scores and skill, without running anything. */
export function brierScores(rows: readonly { p: number; outcome: boolean; persistence: 0 | 1 }[]): BacktestResult['brier'] & {
  skill: BacktestResult['skill'];
} {
  const mean = (f: (r: (typeof rows)[number]) => number) => rows.reduce((sum, r) => sum + f(r), 0) / rows.length;
  const sq = (p: number, o: boolean) => (p - (o ? 1 : 0)) ** 2;
  const model = mean((r) => sq(r.p, r.outcome));
  const coin = 0.25;
  const persistence = mean((r) => sq(r.persistence, r.outcome));
  return { model, coin, persistence, skill: { coin: 1 - model / coin, persistence: persistence > 0 ? 1 - model / persistence : null } };
}

export async function runBacktest(o: BacktestOptions): Promise<BacktestResult> {
  const s = o.scenario;
  const turns = turnsTo(s, o.outcomes.resolved);
  const forecast = await runForecast({
    scenario: s,
    runs: o.runs,
    seed: o.seed,
    turns,
    workers: o.workers ?? 1,
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  const start = initialState(s, o.seed);
  const questions: BacktestQuestion[] = o.outcomes.outcomes.map((x) => {
    const q = s.questions!.find((y) => y.id === x.question)!;
    const f = forecast.questions.find((y) => y.id === x.question)!;
    const persistence: 0 | 1 = holds(q.when, start) ? 1 : 0;
    const sq = (p: number) => (p - (x.outcome ? 1 : 0)) ** 2;
    return {
      id: q.id,
      text: q.text,
      p: f.p,
      outcome: x.outcome,
      brier: sq(f.p),
      persistence,
      persistenceBrier: sq(persistence),
      ...(f.status ? { status: f.status } : {}),
      source: x.source,
    };
  });
  const scores = brierScores(questions);
  return {
    scenario: s.id,
    resolved: o.outcomes.resolved,
    turns,
    runs: forecast.runs,
    seed: o.seed,
    questions,
    brier: { model: scores.model, coin: scores.coin, persistence: scores.persistence },
    skill: scores.skill,
  };
}
