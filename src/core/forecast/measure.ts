/**
 * What a forecast measures in one run: each question's answer (does its predicate hold — ever, throughout or at
 * the end — up to its `by` date) and each metric's value after every turn (docs/scenario-language.md, Questions
 * and Metrics). Pure: fed the state after each turn, in order.
 */
import { holds, StateIndex } from '../engine/predicates.ts';
import { dyad, type GameState } from '../engine/state.ts';
import type { MetricExpr, Question, Scenario } from '../model.ts';
import { toDay } from '../scenario/dates.ts';
import { mapPacked } from '../packed.ts';

/** One run's measures: a question's answer, and per metric its values after turns 1..T (null: undefined then). */
export interface RunMeasures {
  answers: boolean[];
  metrics: (number | null)[][];
}

export class RunMeter {
  private readonly answers: (boolean | null)[];
  private readonly byTurn: number[];
  private readonly firstTurn: (number | null)[];
  readonly metrics: (number | null)[][];

  constructor(private readonly s: Scenario) {
    const questions = s.questions ?? [];
    this.answers = mapPacked(questions, () => null);
    // A question's `by` date: the last turn whose end is on or before it (default: the horizon).
    this.byTurn = mapPacked(questions, (q) => (q.by === undefined ? s.horizon : Math.floor((toDay(q.by) - toDay(s.start)) / s.turn_days)));
    this.firstTurn = mapPacked(s.metrics ?? [], () => null);
    this.metrics = mapPacked(s.metrics ?? [], () => []);
  }

  /** Record the state after turn `state.turn`. */
  observe(state: GameState): void {
    const at = new StateIndex(state);
    (this.s.questions ?? []).forEach((q, i) => {
      if (state.turn > this.byTurn[i]!) return;
      const sofar = this.answers[i] ?? null;
      const holdsHow = q.holds ?? 'ever';
      // Settled answers need no more looking: "ever" once yes, "throughout" once no.
      if ((holdsHow === 'ever' && sofar === true) || (holdsHow === 'throughout' && sofar === false)) return;
      this.answers[i] = answer(q, sofar, holds(q.when, state, at));
    });
    (this.s.metrics ?? []).forEach((m, i) => {
      if ('first_turn' in m.of) {
        if (this.firstTurn[i] === null && holds(m.of.first_turn.when, state, at)) this.firstTurn[i] = state.turn;
        this.metrics[i]!.push(this.firstTurn[i] ?? null);
      } else this.metrics[i]!.push(metricValue(m.of, state, at));
    });
  }

  result(): RunMeasures {
    return { answers: this.answers.map((a) => a ?? false), metrics: this.metrics };
  }
}

/** Fold one turn's truth into a question's answer so far (`null` before the first turn). */
function answer(q: Question, sofar: boolean | null, now: boolean): boolean {
  switch (q.holds ?? 'ever') {
    case 'ever':
      return (sofar ?? false) || now;
    case 'throughout':
      return (sofar ?? true) && now;
    case 'at_end':
      return now;
  }
}

export function metricValue(m: Exclude<MetricExpr, { first_turn: unknown }>, s: GameState, at = new StateIndex(s)): number {
  if ('casualties' in m) {
    const a = at.actor(m.casualties.actor);
    if (!a) return 0;
    const wounded = a.casualties.wounded + a.casualties.returned;
    const kind = m.casualties.kind ?? 'all';
    return kind === 'killed' ? a.casualties.killed : kind === 'wounded' ? wounded : a.casualties.killed + wounded;
  }
  if ('max_rung' in m) return m.max_rung.between ? (s.rungs[dyad(m.max_rung.between[0], m.max_rung.between[1])] ?? 0) : s.maxRung;
  if ('front_control' in m) return at.front(m.front_control.front)?.control ?? 0;
  if ('support' in m) return at.actor(m.support.actor)?.support ?? 0;
  if ('troops' in m) {
    let n = 0;
    for (const f of at.frontsWith(m.troops.actor))
      if (m.troops.front === undefined || f.id === m.troops.front) for (const x of f.forces) if (x.actor === m.troops.actor) n += x.troops;
    return n;
  }
  return Math.round(at.actor(m.munitions.actor)?.munitions ?? 0);
}
