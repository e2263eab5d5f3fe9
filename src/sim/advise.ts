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
import { largest, MIN_TERM, type ForecastResult, type Summary } from './aggregate.ts';
import { parseTrigger } from './cascade.ts';
import { defaultWorkers, runForecast } from './forecast.ts';
import { poolExecutor } from './pool.ts';

/** A metric's change is listed from this size on (`effect`: standard deviations of doing nothing's runs, see `metricChanges`). */
export const MIN_EFFECT = 0.1;

export interface MetricChange {
  id: string;
  unit: string;
  /** The option's mean at the last turn; null when no run of it has a value (an event it prevents). */
  mean: number | null;
  /** Doing nothing's mean; null when no run of it has a value (an event it never reaches). */
  nothing: number | null;
  /** The option's mean minus doing nothing's; null when either has no value. */
  diff: number | null;
  /** How large the change is (see `metricChanges`). */
  effect: number;
}

/** The questions whose probability moves most against doing nothing. */
function questionChanges(option: ForecastResult, base: ForecastResult): AdvisedOption['changes'] {
  const changes = option.questions.map((q, k) => ({ id: q.id, text: q.text, p: q.p, diff: round4(q.p - base.questions[k]!.p) }));
  return largest(changes, (c) => c.diff, 0.0001); // every change: the differences are rounded to 4 decimals
}

/** Why the option's return differs from doing nothing's: the player's terms (weight × term) that move it most. */
function termChanges(option: Summary & { terms: Record<InterestTerm, number> }, base: typeof option): AdvisedOption['why'] {
  const changes = INTEREST_TERMS.map((term) => ({ term, diff: round4(option.terms[term] - base.terms[term]) }));
  return largest(changes, (w) => w.diff, MIN_TERM);
}

/** The smallest difference worth showing in a metric's unit (the table's precision). */
function negligible(diff: number, unit: string): boolean {
  const step = unit === 'share' ? 0.00005 : unit === 'persons' || unit === 'rounds' ? 0.5 : 0.005;
  return Math.abs(diff) < step;
}

/**
 * The metrics whose mean at the last turn an option moves most from doing nothing's. The size of a change (`effect`)
 * is, in order of the cases:
 * - in standard deviations of doing nothing's runs (Glass's Δ): large when large against how much the runs differ;
 * - when doing nothing's runs do not differ at all (casualties that stay 0), the change over the larger of the two
 *   means: 1 for a quantity that appears from nothing;
 * - when only one of the two has a value (an event, `first_turn`, that only the option reaches or only the option
 *   prevents), the change in the share of runs that have one.
 * A `first_turn` metric's means are over the runs that reach its event, which may differ between the two.
 */
function metricChanges(option: ForecastResult, base: ForecastResult, turns: number): MetricChange[] {
  const last = (x: ForecastResult) => x.metrics.filter((m) => m.turn === turns);
  const nothing = last(base);
  const changes = last(option)
    .map((m, k): MetricChange | null => {
      const b = nothing[k]!;
      const change = { id: m.id, unit: m.unit, mean: m.mean, nothing: b.mean };
      if (m.mean === null || b.mean === null) {
        const reached = m.n / Math.max(1, option.runs) - b.n / Math.max(1, base.runs);
        return { ...change, diff: null, effect: round4(reached) };
      }
      const diff = m.mean - b.mean;
      if (negligible(diff, m.unit)) return null;
      const sd = b.sd ?? 0;
      const effect = sd > 0 ? diff / sd : diff / Math.max(Math.abs(b.mean), Math.abs(m.mean));
      return { ...change, diff: round4(diff), effect: round4(effect) };
    })
    .filter((c): c is MetricChange => c !== null);
  return largest(changes, (c) => c.effect, MIN_EFFECT);
}

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
  /** The metrics whose mean at the last turn moves most against doing nothing (see `metricChanges`). */
  metricChanges: MetricChange[];
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
  /**
   * The scenario's questions that no option weighed (nor the bots) can bring about, by the static check of
   * src/core/forecast/reach.ts with each option's orders counted: where no option changes an answer because no rule
   * can, the advice says so.
   */
  limits: { question: Id; text: string; reason: string }[];
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
  const nothing = utility(base);
  const advised = o.options.map((option, i): Omit<AdvisedOption, 'rank'> => {
    const r = results[i]!;
    const u = utility(r);
    return {
      label: option.label,
      orders: option.orders,
      utility: u,
      versusNothing: round4(u.mean - nothing.mean),
      changes: questionChanges(r, base),
      metricChanges: metricChanges(r, base, o.turns),
      why: termChanges(u, nothing),
    };
  });
  const ranked = advised
    .map((a, i) => ({ a, i }))
    .sort((x, y) => y.a.utility.mean - x.a.utility.mean || x.i - y.i)
    .map(({ a }, k) => ({ rank: k + 1, ...a }));
  const limits = base.questions.flatMap((q, k) =>
    results.every((r) => r.questions[k]!.status === 'no_mechanism') ? [{ question: q.id, text: q.text, reason: q.reason! }] : [],
  );
  return { scenario: o.scenario.id, as: o.actor, runs: o.runs, seed: o.seed, turns: o.turns, options: ranked, limits };
}
