/**
 * One Monte Carlo run: draw the scenario's uncertain inputs from the run's own stream, play `turns` turns with every
 * actor a heuristic bot (orders a script gives for a turn come first: a trigger, a player's option), and measure the
 * questions and metrics. Run i's seed is derived from (master seed, i) alone, so a forecast's result does not depend
 * on how its runs are shared among workers.
 */
import { dependence } from '../core/engine/leverage.ts';
import type { Bot } from '../ai/bot.ts';
import { botTurn, makeBots } from '../ai/play.ts';
import { applyInPlace } from '../core/engine/apply.ts';
import { initialState } from '../core/engine/init.ts';
import type { Event, TurnOrders } from '../core/engine/orders.ts';
import { INTEREST_TERMS, type ActorState, type GameState, type InterestTerm } from '../core/engine/state.ts';
import type { Scenario } from '../core/model.ts';
import { sampleInputs, type InputTemplate } from '../core/forecast/inputs.ts';
import { RunMeter } from '../core/forecast/measure.ts';
import { moneyScale } from '../core/engine/economy.ts';
import { returnTerms, sumOf, weightedTerms } from '../core/engine/returns.ts';
import { mapPacked } from '../core/packed.ts';
import { Rng } from '../core/rng.ts';

export interface RunResult {
  index: number;
  inputs: number[];
  answers: boolean[];
  metrics: (number | null)[][];
  /** Per actor (scenario order), its return at the end (returns.ts). */
  returns: number[];
  /** Per actor, what each interest term adds to its return (weight × term, INTEREST_TERMS order): the return's why. */
  terms: number[][];
  /** Per actor, the LEDGER entries in order: what it gained and paid over the run. */
  ledger: number[][];
}

/** The ledger of a run, per actor: the seed article's question of who gains and who pays (docs/forecast.md). */
export const LEDGER = [
  'raised',
  'killed',
  'wounded',
  'munitions_change',
  'munitions_given',
  'munitions_received',
  'money_given_usd_m',
  'money_received_usd_m',
  'technology',
  'reputation_change',
  'support_change',
  'leverage',
] as const;
export type LedgerEntry = (typeof LEDGER)[number];

function ledgerOf(start: readonly ActorState[], end: GameState, terms: readonly Record<InterestTerm, number>[]): number[][] {
  return end.actors.map((a, i) => {
    const b = start.find((x) => x.id === a.id)!;
    let munitionsGiven = 0;
    let munitionsReceived = 0;
    let moneyGiven = 0;
    let moneyReceived = 0;
    for (const t of end.transfers) {
      // Money, and aid in kind counted in dollars (weapons packages: "USD million per week"), by its value.
      const money = (moneyScale(t.unit) ?? 0) * t.delivered;
      if (t.from === a.id) {
        if (t.kind === 'munitions') munitionsGiven += t.delivered;
        moneyGiven += money;
      }
      if (t.to === a.id) {
        if (t.kind === 'munitions') munitionsReceived += t.delivered;
        moneyReceived += money;
      }
    }
    return [
      a.raised - b.raised,
      a.casualties.killed,
      a.casualties.wounded + a.casualties.returned,
      a.munitions - b.munitions,
      munitionsGiven,
      munitionsReceived,
      moneyGiven,
      moneyReceived,
      a.technology,
      a.reputation - b.reputation,
      a.support - b.support,
      terms[i]!.leverage,
    ];
  });
}

/** The version of RunLayout's packing: part of the queue's name, so workers of another packing never meet. */
export const RUN_FORMAT = 3;

/**
 * Runs packed in one Float64Array, the same count of numbers for each: a chunk crosses from a worker thread (or
 * through Redis) as one block of bytes rather than thousands of small objects to copy and collect, and the
 * aggregate reads it where it lies. A run's numbers, in order: its index; its inputs; its answers (1 yes, 0 no);
 * each metric turn by turn (NaN: no value that turn); each actor's return; each actor's ledger row; each actor's
 * return terms.
 */
export class RunLayout {
  /** Where each part of a run starts, counted from the run's first number (its index, at 0). */
  readonly inputsAt = 1;
  readonly answersAt: number;
  readonly metricsAt: number;
  readonly returnsAt: number;
  readonly ledgerAt: number;
  readonly termsAt: number;
  /** Numbers per run. */
  readonly size: number;

  constructor(
    readonly inputCount: number,
    readonly questionCount: number,
    readonly metricCount: number,
    readonly turns: number,
    readonly actorCount: number,
  ) {
    this.answersAt = this.inputsAt + inputCount;
    this.metricsAt = this.answersAt + questionCount;
    this.returnsAt = this.metricsAt + metricCount * turns;
    this.ledgerAt = this.returnsAt + actorCount;
    this.termsAt = this.ledgerAt + actorCount * LEDGER.length;
    this.size = this.termsAt + actorCount * INTEREST_TERMS.length;
  }

  static of(s: Scenario, inputCount: number, turns: number): RunLayout {
    return new RunLayout(inputCount, (s.questions ?? []).length, (s.metrics ?? []).length, turns, s.actors.length);
  }

  /** Where metric `i`'s value after turn `t + 1` lies, from the run's start. */
  metricAt(i: number, t: number): number {
    return this.metricsAt + i * this.turns + t;
  }

  /** Where actor `a`'s ledger entry `k` (LEDGER order) lies, from the run's start. */
  ledgerEntryAt(a: number, k: number): number {
    return this.ledgerAt + a * LEDGER.length + k;
  }

  /** Where actor `a`'s return term `k` (INTEREST_TERMS order) lies, from the run's start. */
  termAt(a: number, k: number): number {
    return this.termsAt + a * INTEREST_TERMS.length + k;
  }

  /** Write run `r` at `data[at]`: every turn of every metric, NaN where it has no value (or none was measured). */
  write(r: RunResult, data: Float64Array, at: number): void {
    data[at] = r.index;
    data.set(r.inputs, at + this.inputsAt);
    r.answers.forEach((a, i) => (data[at + this.answersAt + i] = a ? 1 : 0));
    r.metrics.forEach((values, i) => {
      for (let t = 0; t < this.turns; t++) data[at + this.metricAt(i, t)] = values[t] ?? NaN;
    });
    data.set(r.returns, at + this.returnsAt);
    r.ledger.forEach((row, a) => data.set(row, at + this.ledgerEntryAt(a, 0)));
    r.terms.forEach((row, a) => data.set(row, at + this.termAt(a, 0)));
  }

  /**
   * Check that `data` holds whole runs of this layout, numbered from `first` on: a block from another version (a
   * worker of another release on the same queue) or cut short is refused rather than read as numbers.
   */
  check(data: unknown, first: number): asserts data is Float64Array {
    if (!(data instanceof Float64Array)) throw new Error(`runs from ${first} on are not packed runs of this version`);
    if (data.length % this.size !== 0)
      throw new Error(`runs from ${first} on: ${data.length} numbers are not whole runs of ${this.size} numbers each`);
    for (let k = 0; k * this.size < data.length; k++)
      if (data[k * this.size] !== first + k) throw new Error(`run ${first + k} is missing: found run ${data[k * this.size]} in its place`);
  }
}

export function runSeed(master: number, index: number): number {
  return Rng.derive(master, index).nextU32();
}

export interface RunOptions {
  turns: number;
  /**
   * Orders by turn (index 0 is turn 1) for the actors they name, on top of what each actor's bot plays that turn (a
   * trigger or an option is an event in an otherwise usual turn: botTurn's `add`).
   */
  script?: readonly TurnOrders[];
  /** Called before every turn with the state and the orders about to be played (cascade tracing). */
  beforeTurn?: (state: GameState, orders: TurnOrders) => void;
  /** Called after every turn with the state and the turn's events (cascade and ledger tracing). */
  onTurn?: (state: GameState, events: readonly Event[]) => void;
}

export function simulateRun(template: InputTemplate, master: number, index: number, options: RunOptions): RunResult {
  const seed = runSeed(master, index);
  const inputs = sampleInputs(template.inputs, Rng.derive(seed, 3).nextU32());
  const s = template.resolve(inputs);
  const bots: Bot[] = makeBots(s, seed, null, { kind: 'heuristic', reasons: false }); // a forecast reads no reasons
  const meter = new RunMeter(s);
  let state = initialState(s, seed);
  const start = mapPacked(state.actors, (a) => ({ ...a })); // the actors' figures at the start, for the ledger
  const rng = Rng.derive(seed, 1);
  for (let t = 0; t < options.turns; t++) {
    const { orders } = botTurn(state, options.script?.[t] ?? {}, bots, true);
    options.beforeTurn?.(state, orders);
    const result = applyInPlace(state, orders, rng); // the run owns its state: no copy per turn
    state = result.state;
    meter.observe(state);
    options.onTurn?.(state, result.events);
  }
  const m = meter.result();
  const dep = dependence(state);
  const raw = state.actors.map((a) => returnTerms(state, a, dep));
  const terms = state.actors.map((a, i) => weightedTerms(a, raw[i]!));
  return {
    index,
    inputs,
    answers: m.answers,
    metrics: m.metrics,
    returns: terms.map(sumOf), // as returns() adds them up
    terms,
    ledger: ledgerOf(start, state, raw),
  };
}
