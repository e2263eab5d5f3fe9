/**
 * The domino chain after a trigger (`yourmove cascade`): many runs in which one actor's order is played on a given
 * turn, every actor a heuristic bot, the scenario's treaties, red lines and bandwagons doing the rest. For each actor:
 * the probability it enters a war, when (median and range), and why — the treaty clause it honoured, the red line
 * it acted on, the bandwagon it joined, the attack it suffered, or its own choice — and the most likely outcome (the
 * commonest set of belligerents at the end).
 */
import type { Event, TurnOrders } from '../core/engine/orders.ts';
import { atWar, sideOf, type GameState } from '../core/engine/state.ts';
import { inputTemplate } from '../core/forecast/inputs.ts';
import type { Id, Scenario } from '../core/model.ts';
import { addDays, toDay } from '../core/scenario/dates.ts';
import { dutyOf } from '../core/engine/treaties.ts';
import type { Trigger } from '../core/forecast/trigger.ts';
import { simulateRun } from './run.ts';

import { parseTrigger as parseEvent, sameTrigger } from '../core/forecast/trigger.ts';

export type { Trigger } from '../core/forecast/trigger.ts';

/** A trigger given on the command line (`--trigger`): the core's reading, its error naming the flag. */
export function parseTrigger(s: Scenario, text: string): Trigger | { error: string } {
  const t = parseEvent(s, text);
  return 'error' in t ? { error: `--trigger ${t.error}` } : t;
}

export interface CascadeEntry {
  actor: Id;
  /** Share of runs in which the actor entered a war after the trigger. */
  p: number;
  turn: { p50: number; p05: number; p95: number } | null;
  date: { p50: string; p05: string; p95: string } | null;
  /** Days after the trigger (median). */
  days: number | null;
  /** Why it entered, commonest first, with the share of its entries. */
  because: string[];
}

export interface CascadeResult {
  scenario: string;
  trigger: string;
  at: string;
  runs: number;
  seed: number;
  /** Actors that entered in at least one run, ordered by median entry time. */
  entries: CascadeEntry[];
  /** Actors that never entered. */
  stayedOut: Id[];
  /** Median first mobilisation (partial or general) after the trigger, per actor that mobilised in any run. */
  mobilisations: {
    actor: Id;
    p: number;
    date: string;
    days: number;
    /** The first general mobilisation (after a partial one, or at once), where it came. */
    general: { p: number; date: string; days: number } | null;
  }[];
  /** Declarations of war after the trigger (the first of each pair in a run), by median date. */
  declarations: { by: Id; on: Id; p: number; date: string; days: number }[];
  /** Invasions after the trigger: the first arrival of an actor's forces on an enemy's territory in a run, by median date. */
  invasions: { by: Id; territory: Id; p: number; date: string; days: number }[];
  /** The commonest set of belligerents at the end, and its share of runs. */
  mostLikely: { belligerents: Id[]; share: number };
  /** Edges of the domino graph: who pulled whom in, why, and in what share of runs. */
  edges: { from: Id; to: Id; because: string; share: number }[];
}

export interface CascadeOptions {
  scenario: Scenario;
  trigger: Trigger;
  /** The trigger's date (default: the date the scenario's `triggers` give this event, else its start). */
  at?: string;
  runs: number;
  seed: number;
  /** Turns played after the trigger (default: to the horizon). */
  after?: number;
  onProgress?: (done: number, total: number) => void;
}

export function runCascade(o: CascadeOptions): CascadeResult {
  const s = o.scenario;
  const known = s.triggers?.find((t) => sameTrigger(t.event, o.trigger.text));
  const date = o.at ?? known?.date;
  const triggerTurn = date === undefined ? 1 : Math.floor((toDay(date) - toDay(s.start)) / s.turn_days) + 1;
  const turns = Math.min(s.horizon, triggerTurn - 1 + (o.after ?? s.horizon));
  const script: TurnOrders[] = [];
  script[triggerTurn - 1] = { [o.trigger.actor]: [o.trigger.order] };
  const template = inputTemplate(s);
  const entered = new Map<Id, { turns: number[]; because: Map<string, number> }>();
  // Turns of first occurrences after the trigger, across runs: any mobilisation, general mobilisation, declarations.
  const mobilised = new Map<Id, number[]>();
  const general = new Map<Id, number[]>();
  const declared = new Map<string, number[]>();
  const invaded = new Map<string, number[]>();
  const outcomes = new Map<string, number>();
  const edges = new Map<string, number>();

  for (let i = 0; i < o.runs; i++) {
    const belligerents = new Set<Id>();
    // What has already happened in this run: a later occurrence is not a first one.
    const seen = new Set<string>();
    const first = (into: Map<string, number[]>, tag: string, key: string, turn: number) => {
      if (seen.has(`${tag}:${key}`)) return;
      seen.add(`${tag}:${key}`);
      into.set(key, [...(into.get(key) ?? []), turn]);
    };
    let causes = new Map<Id, string>();
    const start = (state: GameState) => {
      for (const w of state.wars) if (w.active) for (const x of w.sides.flat()) belligerents.add(x);
      for (const a of state.actors) {
        if (a.mobilisation === 'partial' || a.mobilisation === 'general') seen.add(`mobilised:${a.id}`);
        if (a.mobilisation === 'general') seen.add(`general:${a.id}`);
      }
    };
    simulateRun(template, o.seed, i, {
      turns,
      script,
      beforeTurn: (state) => {
        if (state.turn === 0) start(state);
        causes = new Map();
        // Orders the scenario issued that take an actor into a war: a red line's, a bandwagon's.
        for (const p of state.pending)
          if (p.turn === state.turn + 1 && (p.order.type === 'declare_war' || p.order.type === 'join_war' || p.order.type === 'invade'))
            causes.set(p.actor, p.cause);
        if (state.turn + 1 === triggerTurn) causes.set(o.trigger.actor, `the trigger: ${o.trigger.text}`);
      },
      onTurn: (state, events) => {
        if (state.turn < triggerTurn) {
          start(state);
          return;
        }
        for (const e of events) {
          if (e.type === 'mobilised' && e.level === 'general') first(general, 'general', e.actor, state.turn);
          if (e.type === 'war_declared') first(declared, 'declared', `${e.actor}>${e.on}`, state.turn);
          if (e.type === 'forces_arrived') {
            const territory = state.fronts.find((f) => f.id === e.front)?.territory;
            if (territory !== undefined && territory !== e.actor && atWar(state.wars, e.actor, territory))
              first(invaded, 'invaded', `${e.actor}>${territory}`, state.turn);
          }
          if (e.type === 'mobilised' && (e.level === 'partial' || e.level === 'general'))
            first(mobilised, 'mobilised', e.actor, state.turn);
        }
        for (const w of state.wars) {
          if (!w.active) continue;
          for (const x of w.sides.flat()) {
            if (belligerents.has(x)) continue;
            belligerents.add(x);
            const why = entryCause(s, state, events, x, causes.get(x));
            const rec = entered.get(x) ?? { turns: [], because: new Map<string, number>() };
            rec.turns.push(state.turn);
            rec.because.set(why.text, (rec.because.get(why.text) ?? 0) + 1);
            entered.set(x, rec);
            const enemy = why.from ?? w.sides[1 - sideOf(w, x)]![0]!;
            const key = `${enemy}\u0000${x}\u0000${why.text}`;
            edges.set(key, (edges.get(key) ?? 0) + 1);
          }
        }
      },
    });
    const key = [...belligerents].sort().join(',');
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    o.onProgress?.(i + 1, o.runs);
  }

  const quantile = (xs: number[], q: number) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  };
  // Turn t covers the days from start + (t - 1) · turn_days: what happens in it happens then.
  const dateOf = (turn: number) => addDays(s.start, (turn - 1) * s.turn_days);
  const daysAfter = (turn: number) => (turn - triggerTurn) * s.turn_days;
  const at = dateOf(triggerTurn);
  // How often a first occurrence came (share of runs) and when (median date, days after the trigger).
  const when = (turns: number[]) => {
    const t = quantile(turns, 0.5);
    return { p: round(turns.length / o.runs), date: dateOf(t), days: daysAfter(t) };
  };
  // First occurrences keyed by an ordered pair `a>b`, soonest first.
  const pairs = (m: Map<string, number[]>) =>
    [...m.entries()]
      .map(([key, turns]) => {
        const [a, b] = key.split('>') as [string, string];
        return { a, b, ...when(turns) };
      })
      .sort((x, y) => x.days - y.days || y.p - x.p);
  const entries: CascadeEntry[] = [...entered.entries()].map(([actor, rec]) => {
    const p50 = quantile(rec.turns, 0.5);
    const p05 = quantile(rec.turns, 0.05);
    const p95 = quantile(rec.turns, 0.95);
    return {
      actor,
      p: round(rec.turns.length / o.runs),
      turn: { p50, p05, p95 },
      date: { p50: dateOf(p50), p05: dateOf(p05), p95: dateOf(p95) },
      days: daysAfter(p50),
      because: [...rec.because.entries()].sort((a, b) => b[1] - a[1]).map(([why, n]) => `${why} (${share(n / rec.turns.length)})`),
    };
  });
  entries.sort((a, b) => a.turn!.p50 - b.turn!.p50 || b.p - a.p || a.actor.localeCompare(b.actor));
  const [best, count] = [...outcomes.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  return {
    scenario: s.id,
    trigger: o.trigger.text,
    at,
    runs: o.runs,
    seed: o.seed,
    entries,
    stayedOut: s.actors.map((a) => a.id).filter((id) => !entered.has(id) && !best.split(',').includes(id)),
    mobilisations: [...mobilised.entries()]
      .map(([actor, turns]) => {
        const g = general.get(actor);
        return { actor, ...when(turns), general: g ? when(g) : null };
      })
      .sort((a, b) => a.days - b.days),
    declarations: pairs(declared).map(({ a, b, ...w }) => ({ by: a, on: b, ...w })),
    invasions: pairs(invaded).map(({ a, b, ...w }) => ({ by: a, territory: b, ...w })),
    mostLikely: { belligerents: best.split(',').filter(Boolean), share: round(count / o.runs) },
    edges: [...edges.entries()]
      .map(([key, n]) => {
        const [from, to, because] = key.split('\u0000') as [string, string, string];
        return { from, to, because, share: round(n / o.runs) };
      })
      .filter((e) => e.share >= 0.05)
      .sort((a, b) => b.share - a.share),
  };
}

/** Why `actor` became a party to a war this turn, and (where known) who pulled it in. */
function entryCause(
  s: Scenario,
  state: GameState,
  events: readonly Event[],
  actor: Id,
  pending: string | undefined,
): { text: string; from?: Id } {
  // A call to arms honoured this turn whose duty is to fight (honouring a duty to mobilise takes no one to war).
  for (const e of events) {
    if (e.type !== 'call_answered' || e.actor !== actor || e.answer !== 'honour') continue;
    const call = state.calls.find((c) => c.obliged === actor && c.treaty === e.treaty && c.protects === e.protects && c.war === e.war);
    const obligation = call ? state.treaties.find((t) => t.id === call.treaty)?.obligations[call.obligation] : undefined;
    if (!obligation || dutyOf(obligation) !== 'fight') continue;
    const article = s.treaties?.find((t) => t.id === e.treaty)?.obligations[call!.obligation]?.article;
    return { text: `treaty ${e.treaty}${article ? ` ${article}` : ''} (called by ${e.protects})`, from: e.protects };
  }
  if (pending?.startsWith('red_line:')) return { text: `red line ${pending.slice('red_line:'.length)}` };
  if (pending === 'bandwagon') return { text: 'bandwagon' };
  if (pending?.startsWith('the trigger')) return { text: pending };
  const attacked = events.find((e) => e.type === 'war_declared' && e.on === actor);
  if (attacked && attacked.type === 'war_declared') return { text: `attacked by ${attacked.actor}`, from: attacked.actor };
  return { text: 'its own choice' };
}

const round = (x: number) => Math.round(x * 10000) / 10000;

/** The domino graph in Graphviz DOT. */
export function cascadeDot(r: CascadeResult): string {
  const lines = [`digraph cascade {`, `  label="${r.scenario}: ${r.trigger} (${r.runs} runs)";`, '  rankdir=LR;'];
  for (const e of r.entries)
    lines.push(`  "${e.actor}" [label="${e.actor}\\n${Math.round(e.p * 100)} %${e.date ? `, ${e.date.p50}` : ''}"];`);
  for (const e of r.edges)
    lines.push(`  "${e.from}" -> "${e.to}" [label="${e.because.replace(/"/g, "'")} (${Math.round(e.share * 100)} %)"];`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** A share as a whole percentage; a share too small to round to 1 % is not shown as 0 %. */
function share(x: number): string {
  return x > 0 && x < 0.005 ? '<1 %' : `${Math.round(100 * x)} %`;
}
