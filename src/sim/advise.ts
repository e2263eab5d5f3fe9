/**
 * `yourmove advise`: the player's candidate orders for this turn (or named ones), each forecast on the same sampled
 * worlds (the same master seed: common random numbers), ranked by the player's expected return with its spread, with
 * the interest terms that make its return differ from doing nothing's and the questions whose answers differ most —
 * "your move, NATO", answered with numbers.
 */
import { planText } from '../ai/words.ts';
import { initialState } from '../core/engine/init.ts';
import type { TurnOrders } from '../core/engine/orders.ts';
import { candidates } from '../core/game/crisis.ts';
import type { Id, Scenario } from '../core/model.ts';
import { INTEREST_TERMS, type InterestTerm } from '../core/engine/state.ts';
import type { ForecastResult, Summary } from './aggregate.ts';
import { parseTrigger } from './cascade.ts';
import { defaultWorkers, runForecast } from './forecast.ts';
import { poolExecutor } from './pool.ts';

/** A metric's change is shown when it is at least this share of how far doing nothing moves the metric. */
export const MIN_EFFECT = 0.05;

/** A term's difference is given from this size on (the table shows three decimals). */
export const MIN_TERM = 0.0005;

/** The effect given to a change of a metric that doing nothing leaves where it was. */
const BIG_EFFECT = 99;

const round4 = (x: number) => Math.round(x * 10000) / 10000;

export interface AdviseOption {
  label: string;
  orders: TurnOrders;
}

/** What the player (and, for a bloc, its members) could order this turn, doing nothing first. */
export function adviseOptions(s: Scenario, actor: Id, seed: number): AdviseOption[] {
  const state = initialState(s, seed);
  const out: AdviseOption[] = [{ label: 'do nothing', orders: {} }];
  const movers = [actor, ...(s.actors.find((a) => a.id === actor)?.members ?? [])];
  for (const m of movers)
    for (const plan of candidates(state, m)) {
      if (plan.length === 0) continue;
      out.push({ label: `${m === actor ? '' : `${m}: `}${planText(plan)}`, orders: { [m]: plan } });
    }
  return out;
}

/** Options named as triggers ("usa permits usa-deep-strike", "kor deploys troops to ukr"). */
export function namedOptions(s: Scenario, texts: readonly string[]): AdviseOption[] | { error: string } {
  const out: AdviseOption[] = [{ label: 'do nothing', orders: {} }];
  for (const text of texts) {
    const t = parseTrigger(s, text);
    if ('error' in t) return { error: t.error.replace('--trigger', '--option') };
    out.push({ label: t.text, orders: { [t.actor]: [t.order] } });
  }
  return out;
}

export interface AdvisedOption {
  rank: number;
  label: string;
  orders: TurnOrders;
  /** The player's return at the end, over the runs. */
  utility: Summary;
  /** Mean return minus doing nothing's. */
  versusNothing: number;
  /** The questions whose probability moves most against doing nothing. */
  changes: { id: string; text: string; p: number; diff: number }[];
  /**
   * The metrics whose mean at the last turn moves most against doing nothing, measured against how far doing nothing
   * moves them over the run (`effect`: the difference over the change of its mean from the first turn to the last).
   */
  metricChanges: { id: string; unit: string; mean: number; diff: number; effect: number }[];
  /** Why the return differs from doing nothing's: the player's interest terms that move it most (weight × term). */
  why: { term: InterestTerm; diff: number }[];
}

export interface AdviseResult {
  scenario: string;
  as: Id;
  runs: number;
  seed: number;
  turns: number;
  options: AdvisedOption[];
}

export async function runAdvise(o: {
  scenario: Scenario;
  actor: Id;
  options: AdviseOption[];
  runs: number;
  seed: number;
  turns: number;
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}): Promise<AdviseResult> {
  const results: ForecastResult[] = [];
  let done = 0;
  const total = o.options.length * o.runs;
  // One set of threads for all the options: started, and warmed up, once.
  const workers = o.workers ?? defaultWorkers();
  const executor = workers > 1 ? poolExecutor(workers) : undefined;
  try {
    for (const option of o.options) {
      results.push(
        await runForecast({
          scenario: o.scenario,
          runs: o.runs,
          seed: o.seed,
          turns: o.turns,
          script: [option.orders],
          workers,
          ...(executor ? { executor } : {}),
          onProgress: (d) => o.onProgress?.(done + d, total),
        }),
      );
      done += o.runs;
    }
  } finally {
    await executor?.close();
  }
  const utility = (r: ForecastResult) => r.returns.find((x) => x.actor === o.actor)!;
  const base = results[0]!;
  const advised = o.options.map((option, i): Omit<AdvisedOption, 'rank'> => {
    const r = results[i]!;
    const changes = r.questions
      .map((q, k) => ({ id: q.id, text: q.text, p: q.p, diff: Math.round((q.p - base.questions[k]!.p) * 10000) / 10000 }))
      .filter((c) => c.diff !== 0)
      .sort((a, b) => Math.abs(b.diff) - Math.abs(a.diff))
      .slice(0, 3);
    const at = (x: ForecastResult, turn: number) => x.metrics.filter((m) => m.turn === turn);
    const metricChanges = at(r, o.turns)
      .map((m, k) => {
        const end = at(base, o.turns)[k]!.mean;
        const first = at(base, 1)[k]!.mean;
        if (m.mean === null || end === null) return null;
        const diff = m.mean - end;
        // How far doing nothing moves the metric (a first_turn metric, without a first value, by its own size).
        const moved = Math.abs(end - (first ?? 0));
        const effect = moved > 0 ? diff / moved : diff === 0 ? 0 : Math.sign(diff) * BIG_EFFECT;
        return { id: m.id, unit: m.unit, mean: m.mean, diff: round4(diff), effect: round4(effect) };
      })
      .filter((c): c is NonNullable<typeof c> => c !== null && Math.abs(c.effect) >= MIN_EFFECT)
      .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect))
      .slice(0, 3);
    const u = utility(r);
    const why = INTEREST_TERMS.map((term) => ({ term, diff: Math.round((u.terms[term] - utility(base).terms[term]) * 10000) / 10000 }))
      .filter((w) => Math.abs(w.diff) >= MIN_TERM)
      .sort((a, b) => Math.abs(b.diff) - Math.abs(a.diff))
      .slice(0, 3);
    return {
      label: option.label,
      orders: option.orders,
      utility: u,
      versusNothing: Math.round((u.mean - utility(base).mean) * 10000) / 10000,
      changes,
      metricChanges,
      why,
    };
  });
  const ranked = advised
    .map((a, i) => ({ a, i }))
    .sort((x, y) => y.a.utility.mean - x.a.utility.mean || x.i - y.i)
    .map(({ a }, k) => ({ rank: k + 1, ...a }));
  return { scenario: o.scenario.id, as: o.actor, runs: o.runs, seed: o.seed, turns: o.turns, options: ranked };
}
