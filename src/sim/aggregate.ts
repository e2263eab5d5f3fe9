/**
 * Streaming aggregation of forecast runs, in run order: question counts (with Wilson 95 % intervals), metric
 * distributions per turn (DDSketch quantile sketches: Masson, Rim & Lee 2019, relative accuracy 0.1 %), and the
 * sensitivity of each question to each uncertain input: the rank correlation between the input and the 0/1 answer
 * (the input's rank in its own distribution — its CDF value, so Spearman's in the population — correlated with the
 * answer from running sums), and the answer's frequency when the input is below or above its median. Memory depends on the numbers of questions, metrics, turns and inputs, not on the runs.
 */
import { DDSketch } from '@datadog/sketches-js';
import { cdf } from '../core/dist.ts';
import type { UncertainInput } from '../core/forecast/inputs.ts';
import type { Scenario } from '../core/model.ts';
import { INTEREST_TERMS, type InterestTerm } from '../core/engine/state.ts';
import { addDays } from '../core/scenario/dates.ts';
import { questionReach } from '../core/forecast/reach.ts';
import { unanimousReason } from '../core/forecast/unanimous.ts';
import { initialState } from '../core/engine/init.ts';
import { holds } from '../core/engine/predicates.ts';
import type { TurnOrders } from '../core/engine/orders.ts';
import { LEDGER, RunLayout, type LedgerEntry } from './run.ts';

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The range of figures a sketch holds. A DDSketch keeps a bin per 0.2 % of magnitude between the smallest and the
 * largest value it has seen, and grows its bins in one call whose arguments overflow the stack past ~120,000 bins (80
 * decades): figures below TINY (smaller than any summary prints) go in as 0, figures beyond LARGEST are refused.
 */
const TINY = 1e-9;
export const LARGEST = 1e50;

/** A running mean and a quantile sketch of one quantity (every metric per turn, every return and ledger entry). */
class Stat {
  private sum = 0;
  // Welford's running mean and sum of squared deviations, for the standard deviation without cancellation.
  private runningMean = 0;
  private m2 = 0;
  n = 0;
  private readonly sketch = new DDSketch({ relativeAccuracy: 0.001 });
  add(x: number): void {
    this.sum += x;
    this.n++;
    const delta = x - this.runningMean;
    this.runningMean += delta / this.n;
    this.m2 += delta * (x - this.runningMean);
    this.sketch.accept(Math.abs(x) < TINY ? 0 : x);
  }
  /** Mean and quantiles (clamped to the values seen), rounded; all 0 before any value. */
  summary(digits: number, meanDigits = digits): Summary {
    if (this.n === 0) return { mean: 0, p05: 0, p50: 0, p95: 0 };
    const q = (p: number) => round(Math.min(this.sketch.max, Math.max(this.sketch.min, this.sketch.getValueAtQuantile(p))), digits);
    return { mean: round(this.sum / this.n, meanDigits), p05: q(0.05), p50: q(0.5), p95: q(0.95) };
  }
  /** The standard deviation over the values (the population's), rounded; 0 before any value. */
  sd(digits: number): number {
    return this.n === 0 ? 0 : round(Math.sqrt(this.m2 / this.n), digits);
  }
}

/** Wilson score interval for k successes in n trials (95 %: z = 1.96). */
export function wilson(k: number, n: number, z = 1.959963984540054): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export interface QuestionResult {
  id: string;
  text: string;
  p: number;
  ci95: [number, number];
  yes: number;
  /**
   * Set when no rule of the scenario can decide the question (src/core/forecast/reach.ts): `no_mechanism`, it cannot
   * happen; `certain_by_construction`, it cannot fail. `reason` says which rules are missing. Absent otherwise.
   */
  status?: 'no_mechanism' | 'certain_by_construction';
  reason?: string;
  /**
   * Set when every run gave the same answer to a question the rules could decide either way (src/core/forecast/
   * unanimous.ts): why the 0.0 % or 100.0 % is what it is — a fact at the start, or the gate no run passed.
   */
  unanimous?: string;
}

export interface MetricPoint {
  id: string;
  unit: string;
  turn: number;
  date: string;
  /** Runs where the metric had a value (a first_turn metric has none until its event happens). */
  n: number;
  mean: number | null;
  p05: number | null;
  p50: number | null;
  p95: number | null;
  /** The standard deviation over the runs with a value. */
  sd: number | null;
}

export interface InputEffect {
  input: string;
  /** Rank correlation between the input and the answer, -1..1. */
  r: number;
  /** The answer's frequency in runs where the input was below / at or above its median. */
  pLow: number | null;
  pHigh: number | null;
}

/** A distribution summarised: mean and 5th, 50th, 95th percentiles. */
export interface Summary {
  mean: number;
  p05: number;
  p50: number;
  p95: number;
}

export interface ForecastResult {
  scenario: string;
  runs: number;
  seed: number;
  turns: number;
  /** True when the forecast was stopped before all its runs (Ctrl-C): the figures cover `runs` runs. */
  partial: boolean;
  requested: number;
  questions: QuestionResult[];
  metrics: MetricPoint[];
  sensitivity: { question: string; inputs: InputEffect[] }[];
  /** Each actor's return at the end (its utility, docs/ai.md), and the mean of what each interest term adds to it. */
  returns: ({ actor: string } & Summary & { terms: Record<InterestTerm, number> })[];
  /** What each actor gained and paid over a run, across runs (docs/forecast.md, the ledger). */
  ledger: { actor: string; entries: Record<LedgerEntry, Summary> }[];
}

/** The `n` items whose `size` is largest in absolute value, from `min` on, largest first (ties in their order). */
export function largest<T>(xs: readonly T[], size: (x: T) => number, min: number, n = 3): T[] {
  return xs
    .filter((x) => Math.abs(size(x)) >= min)
    .sort((a, b) => Math.abs(size(b)) - Math.abs(size(a)))
    .slice(0, n);
}

/** A return term, or a term's difference, is shown from this size on (the tables give three decimals). */
export const MIN_TERM = 0.0005;

/** How many inputs each question's sensitivity lists, strongest first. */
export const TORNADO_SIZE = 5;

/** A run's figure that is not a finite number (or beyond ±LARGEST): the aggregate refuses it rather than summarise it. */
export class NonFiniteFigure extends Error {
  override name = 'NonFiniteFigure';
}

export class ForecastAggregate {
  private n = 0;
  private readonly yes: number[];
  private readonly metricStats: Stat[][];
  // Per input: Σx, Σx²; per input × question: Σxy, and the low/high splits.
  private readonly sx: number[];
  private readonly sxx: number[];
  private readonly sxy: number[][];
  private readonly split: { lowN: number; lowYes: number; highN: number; highYes: number }[][];
  private readonly returnStats: Stat[];
  /** Per actor × interest term: the sum over runs of what the term adds to the return. */
  private readonly termSums: number[][];
  private readonly ledgerStats: Stat[][];
  private readonly layout: RunLayout;

  constructor(
    private readonly s: Scenario,
    private readonly inputs: readonly UncertainInput[],
    private readonly turns: number,
    /** The orders a script gives (a trigger, an option): mechanisms too, for the questions' reach. */
    private readonly script: readonly TurnOrders[] = [],
  ) {
    const q = (s.questions ?? []).length;
    const m = (s.metrics ?? []).length;
    this.yes = new Array<number>(q).fill(0);
    this.metricStats = Array.from({ length: m }, () => Array.from({ length: turns }, () => new Stat()));
    this.sx = inputs.map(() => 0);
    this.sxx = inputs.map(() => 0);
    this.sxy = inputs.map(() => new Array<number>(q).fill(0));
    this.split = inputs.map(() => Array.from({ length: q }, () => ({ lowN: 0, lowYes: 0, highN: 0, highYes: 0 })));
    this.returnStats = s.actors.map(() => new Stat());
    this.termSums = s.actors.map(() => new Array<number>(INTEREST_TERMS.length).fill(0));
    this.ledgerStats = s.actors.map(() => LEDGER.map(() => new Stat()));
    this.layout = RunLayout.of(s, inputs.length, turns);
  }

  get runs(): number {
    return this.n;
  }

  /**
   * Add the runs packed in `data` (RunLayout), which must be the next ones in run order: sums of floating-point
   * numbers depend on the order. A block that is not the next whole runs is refused with an error.
   */
  add(data: unknown): void {
    const L: RunLayout = this.layout;
    L.check(data, this.n);
    for (let at = 0; at < data.length; at += L.size) this.checkFinite(data, at);
    for (let at = 0; at < data.length; at += L.size) {
      this.n++;
      for (let i = 0; i < L.questionCount; i++) this.yes[i]! += data[at + L.answersAt + i]!;
      for (let i = 0; i < L.metricCount; i++)
        for (let t = 0; t < L.turns; t++) {
          const v = data[at + L.metricAt(i, t)]!;
          if (!Number.isNaN(v)) this.metricStats[i]![t]!.add(v); // NaN: no value that turn
        }
      for (let a = 0; a < L.actorCount; a++) {
        this.returnStats[a]!.add(data[at + L.returnsAt + a]!);
        for (let k = 0; k < LEDGER.length; k++) this.ledgerStats[a]![k]!.add(data[at + L.ledgerEntryAt(a, k)]!);
        for (let k = 0; k < INTEREST_TERMS.length; k++) this.termSums[a]![k]! += data[at + L.termAt(a, k)]!;
      }
      for (let k = 0; k < L.inputCount; k++) {
        const x = cdf(this.inputs[k]!.dist, data[at + L.inputsAt + k]!); // the input's rank in its distribution, 0..1
        this.sx[k]! += x;
        this.sxx[k]! += x * x;
        const low = x < 0.5; // below its median
        for (let i = 0; i < L.questionCount; i++) {
          const y = data[at + L.answersAt + i]!;
          this.sxy[k]![i]! += x * y;
          const c = this.split[k]![i]!;
          if (low) {
            c.lowN++;
            c.lowYes += y;
          } else {
            c.highN++;
            c.highYes += y;
          }
        }
      }
    }
  }

  /**
   * Refuse a run with a figure that is not a finite number, or beyond ±LARGEST (a metric's NaN is its "no value"
   * and passes): the sketches and sums cannot hold it, and an error naming it says where the engine overflowed. The
   * whole block is checked before any of it is added, so a refused block leaves the aggregate as it was.
   */
  private checkFinite(data: Float64Array, at: number): void {
    const L = this.layout;
    const s = this.s;
    const refuse = (what: string, x: number) => {
      const why = Number.isFinite(x) ? `beyond ±${LARGEST}, the largest figure a forecast summarises` : 'not a finite number';
      throw new NonFiniteFigure(
        `forecast run ${data[at]}: ${what} is ${x}, ${why}: the scenario's figures carry the engine beyond what it can count`,
      );
    };
    // `!(|x| <= LARGEST)` also holds for NaN.
    const bad = (x: number) => !(Math.abs(x) <= LARGEST);
    for (let i = 0; i < L.inputCount; i++) {
      const x = data[at + L.inputsAt + i]!;
      if (bad(x)) refuse(`the input ${this.inputs[i]!.path}`, x);
    }
    for (let i = 0; i < L.questionCount; i++) {
      const x = data[at + L.answersAt + i]!;
      if (bad(x)) refuse(`the answer to question "${s.questions![i]!.id}"`, x);
    }
    for (let i = 0; i < L.metricCount; i++)
      for (let t = 0; t < L.turns; t++) {
        const x = data[at + L.metricAt(i, t)]!;
        if (bad(x) && !Number.isNaN(x)) refuse(`metric "${s.metrics![i]!.id}" after turn ${t + 1}`, x);
      }
    for (let a = 0; a < L.actorCount; a++) {
      const actor = s.actors[a]!.id;
      const x = data[at + L.returnsAt + a]!;
      if (bad(x)) refuse(`the return of "${actor}"`, x);
      for (let k = 0; k < LEDGER.length; k++) {
        const y = data[at + L.ledgerEntryAt(a, k)]!;
        if (bad(y)) refuse(`the ledger's ${LEDGER[k]} of "${actor}"`, y);
      }
      for (let k = 0; k < INTEREST_TERMS.length; k++) {
        const y = data[at + L.termAt(a, k)]!;
        if (bad(y)) refuse(`the ${INTEREST_TERMS[k]} term of "${actor}"'s return`, y);
      }
    }
  }

  result(meta: { seed: number; requested: number; partial: boolean }): ForecastResult {
    const s = this.s;
    const n = this.n;
    const reach = questionReach(s, this.script);
    // The scenario's facts at the start (one draw): a question every run answers alike may just hold there.
    const start = n > 0 ? initialState(s, meta.seed) : null;
    const questions = (s.questions ?? []).map((q, i): QuestionResult => {
      const [lo, hi] = wilson(this.yes[i]!, n);
      const r = reach.get(q.id);
      const yes = this.yes[i]!;
      const alike = start !== null && (yes === 0 || yes === n) && r?.status === 'open';
      return {
        id: q.id,
        text: q.text,
        p: n > 0 ? round(yes / n, 6) : 0,
        ci95: [round(lo, 6), round(hi, 6)] as [number, number],
        yes,
        ...(r && r.status !== 'open' ? { status: r.status, reason: r.reason } : {}),
        ...(alike ? { unanimous: unanimousReason(s, q, yes === n, holds(q.when, start)) } : {}),
      };
    });
    const metrics: MetricPoint[] = [];
    (s.metrics ?? []).forEach((m, i) => {
      const digits = m.unit === 'share' ? 4 : m.unit === 'rung' || m.unit === 'persons' || m.unit === 'rounds' ? 0 : 3;
      for (let t = 0; t < this.turns; t++) {
        const stat = this.metricStats[i]![t]!;
        const point = { id: m.id, unit: m.unit, turn: t + 1, date: addDays(s.start, (t + 1) * s.turn_days), n: stat.n };
        // A turn in which no run had a value has no figures (null), not zeros.
        metrics.push(
          stat.n > 0
            ? { ...point, ...stat.summary(digits, digits + 2), sd: stat.sd(digits + 2) }
            : { ...point, mean: null, p05: null, p50: null, p95: null, sd: null },
        );
      }
    });
    const sensitivity = (s.questions ?? []).map((q, i) => {
      const p = n > 0 ? this.yes[i]! / n : 0;
      const effects = this.inputs.map((x, k): InputEffect => {
        const mean = this.sx[k]! / n;
        const varX = this.sxx[k]! / n - mean * mean;
        const cov = this.sxy[k]![i]! / n - mean * p;
        const varY = p * (1 - p);
        const r = varX > 1e-12 && varY > 0 ? cov / Math.sqrt(varX * varY) : 0;
        const c = this.split[k]![i]!;
        return {
          input: x.path,
          r: round(Math.max(-1, Math.min(1, r)), 4),
          pLow: c.lowN > 0 ? round(c.lowYes / c.lowN, 4) : null,
          pHigh: c.highN > 0 ? round(c.highYes / c.highN, 4) : null,
        };
      });
      effects.sort((a, b) => Math.abs(b.r) - Math.abs(a.r) || a.input.localeCompare(b.input));
      return { question: q.id, inputs: effects.slice(0, TORNADO_SIZE) };
    });
    return {
      scenario: s.id,
      runs: n,
      seed: meta.seed,
      turns: this.turns,
      partial: meta.partial,
      requested: meta.requested,
      questions,
      metrics,
      sensitivity,
      returns: s.actors.map((a, i) => ({
        actor: a.id,
        ...this.returnStats[i]!.summary(4),
        terms: Object.fromEntries(INTEREST_TERMS.map((t, k) => [t, n > 0 ? round(this.termSums[i]![k]! / n, 4) : 0])) as Record<
          InterestTerm,
          number
        >,
      })),
      ledger: s.actors.map((a, i) => ({
        actor: a.id,
        entries: Object.fromEntries(
          // Whole numbers for people, rounds, dollars and programmes, shares and leverage to 4 decimals; the mean of
          // technology programmes to 2 (a fraction on average: 1.37 is not 1).
          LEDGER.map((e, k) => [
            e,
            this.ledgerStats[i]![k]!.summary(e.includes('change') || e === 'leverage' ? 4 : 0, e === 'technology' ? 2 : undefined),
          ]),
        ) as Record<LedgerEntry, Summary>,
      })),
    };
  }
}
