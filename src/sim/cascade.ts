/**
 * The domino chain after a trigger (`yourmove cascade`): many runs in which one actor's order is played on a given
 * turn, every actor a heuristic bot, the scenario's treaties, red lines and bandwagons doing the rest. For each actor:
 * the probability it enters a war, when (median and range), and why — the treaty clause it honoured, the red line
 * it acted on, the bandwagon it joined, the attack it suffered, or its own choice — and the most likely outcome (the
 * commonest set of belligerents). Every line is read from the engine's events, dated by the turn that made them.
 */
import type { Event, Order, TurnOrders } from '../core/engine/orders.ts';
import { MOBILISATION_LEVELS, sideOf, type CallState, type GameState } from '../core/engine/state.ts';
import { inputTemplate } from '../core/forecast/inputs.ts';
import { questionReach } from '../core/forecast/reach.ts';
import type { Id, Obligation, Scenario } from '../core/model.ts';
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
  /** Share of the same runs, played without the trigger, in which it entered a war from the trigger's turn on. */
  baseline: number;
}

export interface CascadeResult {
  scenario: string;
  trigger: string;
  at: string;
  runs: number;
  seed: number;
  /** Actors that entered in at least one run, ordered by median entry time. */
  entries: CascadeEntry[];
  /**
   * Actors whose troops fought after the trigger while they were no party to a war (expeditionary forces fighting for
   * another, as North Korea's did in Kursk before it entered): the first turn their forces took losses, beside how
   * often they did in the same runs without the trigger.
   */
  fighting: { actor: Id; p: number; baseline: number; date: string; days: number }[];
  /** Actors in no war and whose troops fought in no run: not at the trigger, and never entering or fighting after it. */
  stayedOut: Id[];
  /**
   * The scenario's questions that no rule can bring about even after the trigger (the static check of
   * src/core/forecast/reach.ts, the trigger counted): what the cascade cannot show, said rather than left out.
   */
  limits: { question: Id; text: string; reason: string }[];
  /**
   * Per actor that mobilised after the trigger in any run: its first step up to partial or general mobilisation
   * (median), and its first general mobilisation.
   */
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
  /**
   * Invasions after the trigger: an `invade` order that opened a front on the enemy's territory (the first of each
   * invader and territory in a run), by median date of the turn it was adjudicated.
   */
  invasions: { by: Id; territory: Id; p: number; date: string; days: number }[];
  /**
   * Red lines acted on after the trigger (the first decision to act on each, in a run), beside how often they are
   * acted on in the same runs without the trigger: the answers the trigger draws, by median date.
   */
  responses: { redLine: Id; holder: Id; text: string | null; p: number; baseline: number; date: string; days: number }[];
  /** The commonest set of actors at war in a run (at the trigger, or entering after it), and its share of runs. */
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

/**
 * Every line of the result is read from the engine's events (orders.ts), dated by the turn that produced them: an
 * entry is the first declaration of war by or on an actor, or its joining a war (war_declared, war_joined); a
 * mobilisation a `mobilised` event above the level the actor had; an invasion a `front_opened`. The state is read
 * only for what events do not say: who was at war and how mobilised when the trigger came, which treaty article a
 * call honoured is under.
 */
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
  // Turns of first occurrences after the trigger, across runs: mobilisations, general ones, declarations, invasions.
  const mobilised = new Map<Id, number[]>();
  const general = new Map<Id, number[]>();
  const declared = new Map<string, number[]>();
  const invaded = new Map<string, number[]>();
  const responded = new Map<string, number[]>();
  const outcomes = new Map<string, number>();
  const edges = new Map<string, number>();
  const everAtWar = new Set<Id>();
  const baseline = new Map<Id, number>();
  const enteredAnyway = new Map<Id, number>();
  const fought = new Map<string, number[]>();
  const foughtAnyway = new Map<Id, number>();

  for (let i = 0; i < o.runs; i++) {
    // Parties to a war in this run: at the trigger, then each as it enters.
    const belligerents = new Set<Id>();
    const level = new Map<Id, number>();
    // What has already happened in this run: a later occurrence is not a first one.
    const seen = new Set<string>();
    const first = (into: Map<string, number[]>, tag: string, key: string, turn: number) => {
      if (seen.has(`${tag}:${key}`)) return;
      seen.add(`${tag}:${key}`);
      into.set(key, [...(into.get(key) ?? []), turn]);
    };
    let orders: Ordered[] = [];
    simulateRun(template, o.seed, i, {
      turns,
      script,
      beforeTurn: (state, given) => {
        if (state.turn + 1 < triggerTurn) return;
        if (state.turn + 1 === triggerTurn) {
          for (const w of state.wars) if (w.active) for (const x of w.sides.flat()) belligerents.add(x);
          for (const a of state.actors) level.set(a.id, MOBILISATION_LEVELS.indexOf(a.mobilisation));
        }
        // The turn's orders in the engine's order of adjudication: each actor's own, then those the engine issued.
        const source = (actor: Id) => (state.turn + 1 === triggerTurn && actor === o.trigger.actor ? 'trigger' : 'own');
        orders = Object.entries(given).flatMap(([actor, list]) => list.map((order): Ordered => ({ actor, order, source: source(actor) })));
        for (const p of state.pending)
          if (p.turn <= state.turn + 1) orders.push({ actor: p.actor, order: p.order, source: 'engine', cause: p.cause });
      },
      onTurn: (state, events) => {
        if (state.turn < triggerTurn) return;
        const enter = (x: Id, e: WarEntry, at: number) => {
          if (belligerents.has(x)) return;
          belligerents.add(x);
          const why = entryCause(s, state, events, e, at, x, orders, o.trigger.text);
          const rec = entered.get(x) ?? { turns: [], because: new Map<string, number>() };
          rec.turns.push(state.turn);
          rec.because.set(why.text, (rec.because.get(why.text) ?? 0) + 1);
          entered.set(x, rec);
          const key = `${why.from}\u0000${x}\u0000${why.text}`;
          edges.set(key, (edges.get(key) ?? 0) + 1);
        };
        events.forEach((e, at) => {
          if (e.type === 'war_declared') {
            first(declared, 'declared', `${e.actor}>${e.on}`, state.turn);
            enter(e.actor, e, at);
            enter(e.on, e, at);
          } else if (e.type === 'war_joined') enter(e.actor, e, at);
          else if (e.type === 'front_opened') first(invaded, 'invaded', `${e.by}>${e.territory}`, state.turn);
          else if (e.type === 'combat') {
            for (const l of e.losses) if (!belligerents.has(l.actor)) first(fought, 'fought', l.actor, state.turn);
          } else if ((e.type === 'red_line_crossed' || e.type === 'red_line_reconsidered') && e.acts)
            first(responded, 'response', e.redLine, state.turn);
          else if (e.type === 'mobilised') {
            // The event also reports each turn's raising at the level already reached: only a step up counts.
            const to = MOBILISATION_LEVELS.indexOf(e.level);
            if (to <= (level.get(e.actor) ?? 0)) return;
            level.set(e.actor, to);
            if (e.level === 'partial' || e.level === 'general') first(mobilised, 'mobilised', e.actor, state.turn);
            if (e.level === 'general') first(general, 'general', e.actor, state.turn);
          }
        });
      },
    });
    for (const x of belligerents) everAtWar.add(x);
    // The same run without the trigger: which red lines its holders act on anyway, and who enters a war anyway, from
    // the trigger's turn on.
    const acted = new Set<Id>();
    const joined = new Set<Id>();
    const foughtHere = new Set<Id>();
    let warring = new Set<Id>();
    simulateRun(template, o.seed, i, {
      turns,
      beforeTurn: (state) => {
        if (state.turn + 1 === triggerTurn) warring = new Set(state.wars.filter((w) => w.active).flatMap((w) => w.sides.flat()));
      },
      onTurn: (state, events) => {
        if (state.turn < triggerTurn) return;
        for (const e of events) {
          if ((e.type === 'red_line_crossed' || e.type === 'red_line_reconsidered') && e.acts) acted.add(e.redLine);
          if (e.type === 'war_declared') for (const x of [e.actor, e.on]) if (!warring.has(x)) joined.add(x);
          if (e.type === 'war_joined' && !warring.has(e.actor)) joined.add(e.actor);
          if (e.type === 'combat') for (const l of e.losses) if (!warring.has(l.actor) && !joined.has(l.actor)) foughtHere.add(l.actor);
        }
      },
    });
    for (const id of acted) baseline.set(id, (baseline.get(id) ?? 0) + 1);
    for (const id of joined) enteredAnyway.set(id, (enteredAnyway.get(id) ?? 0) + 1);
    for (const id of foughtHere) foughtAnyway.set(id, (foughtAnyway.get(id) ?? 0) + 1);
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
      baseline: round((enteredAnyway.get(actor) ?? 0) / o.runs),
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
    fighting: [...fought.entries()]
      .map(([actor, turns]) => ({ actor, ...when(turns), baseline: round((foughtAnyway.get(actor) ?? 0) / o.runs) }))
      .sort((a, b) => a.days - b.days || b.p - a.p),
    stayedOut: s.actors.map((a) => a.id).filter((id) => !everAtWar.has(id) && !fought.has(id)),
    limits: [...questionReach(s, script.filter(Boolean)).entries()].flatMap(([id, r]) =>
      r.status === 'no_mechanism' ? [{ question: id, text: s.questions!.find((q) => q.id === id)!.text, reason: r.reason }] : [],
    ),
    mobilisations: [...mobilised.entries()]
      .map(([actor, turns]) => {
        const g = general.get(actor);
        return { actor, ...when(turns), general: g ? when(g) : null };
      })
      .sort((a, b) => a.days - b.days),
    declarations: pairs(declared).map(({ a, b, ...w }) => ({ by: a, on: b, ...w })),
    invasions: pairs(invaded).map(({ a, b, ...w }) => ({ by: a, territory: b, ...w })),
    responses: [...responded.entries()]
      .map(([id, turns]) => {
        const line = s.red_lines!.find((r) => r.id === id)!;
        return {
          redLine: id,
          holder: line.holder,
          text: line.text ?? null,
          ...when(turns),
          baseline: round((baseline.get(id) ?? 0) / o.runs),
        };
      })
      .sort((a, b) => b.p - b.baseline - (a.p - a.baseline) || a.days - b.days),
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

/** An order of the turn and where it came from: the trigger, the actor's own (a bot's), or the engine (with its cause). */
type Ordered = { actor: Id; order: Order } & ({ source: 'trigger' | 'own' } | { source: 'engine'; cause: string });

/** An event that can make an actor a party to a war. */
type WarEntry = Extract<Event, { type: 'war_declared' | 'war_joined' }>;

/**
 * Why `actor` became a party to a war at `e` (`events[at]`), and who pulled it in: the declaration made on it; the
 * call it honoured (the treaty stage's joining comes after the answer); else its own declaration, the first it made
 * from there on, and the order that made it — the trigger, one the engine issued (a red line's, a bandwagon's), or
 * its own choice.
 */
function entryCause(
  s: Scenario,
  state: GameState,
  events: readonly Event[],
  e: WarEntry,
  at: number,
  actor: Id,
  orders: readonly Ordered[],
  trigger: string,
): { text: string; from: Id } {
  if (e.type === 'war_declared' && e.on === actor) return { text: `attacked by ${e.actor}`, from: e.actor };
  if (e.type === 'war_joined') {
    // Its garrison on an invaded ally's territory (a trip-wire): the invader pulled it in.
    const wire = events
      .slice(0, at)
      .find((x): x is Extract<Event, { type: 'tripwire' }> => x.type === 'tripwire' && x.actor === actor && x.war === e.war);
    if (wire) {
      const opened = events.find((x) => x.type === 'front_opened' && x.front === wire.front);
      return { text: `its garrison in ${wire.host} attacked (trip-wire)`, from: opened?.type === 'front_opened' ? opened.by : wire.host };
    }
  }
  if (e.type === 'war_joined')
    for (let j = at - 1; j >= 0; j--) {
      const c = events[j]!;
      if (c.type !== 'call_answered' || c.actor !== actor || c.war !== e.war || c.answer !== 'honour') continue;
      const call = state.calls.find(
        (x) =>
          x.obliged === actor &&
          x.treaty === c.treaty &&
          x.protects === c.protects &&
          x.war === c.war &&
          dutyOf(obligationOf(state, x)) === 'fight',
      );
      if (!call) continue;
      const article = s.treaties?.find((t) => t.id === c.treaty)?.obligations[call.obligation]?.article;
      return { text: `treaty ${c.treaty}${article ? ` ${article}` : ''} (called by ${c.protects})`, from: c.protects };
    }
  const d = events.slice(at).find((x): x is Extract<Event, { type: 'war_declared' }> => x.type === 'war_declared' && x.actor === actor);
  const war = state.wars.find((w) => w.id === e.war);
  const side = war ? sideOf(war, actor) : -1;
  const from = d?.on ?? (war && side !== -1 ? war.sides[1 - side]![0]! : actor);
  const made = (x: Ordered) =>
    x.actor === actor &&
    d !== undefined &&
    ((x.order.type === 'declare_war' && x.order.on === d.on) ||
      (x.order.type === 'invade' && x.order.territory === d.on) ||
      (x.order.type === 'join_war' && x.order.war === d.war));
  const by = orders.find((x) => x.source === 'trigger' && made(x)) ?? orders.find((x) => x.source === 'engine' && made(x));
  if (by?.source === 'trigger') return { text: `the trigger: ${trigger}`, from };
  if (by?.source === 'engine')
    return { text: by.cause.startsWith('red_line:') ? `red line ${by.cause.slice('red_line:'.length)}` : by.cause, from };
  return { text: 'its own choice', from };
}

function obligationOf(state: GameState, call: CallState): Obligation {
  return state.treaties.find((t) => t.id === call.treaty)!.obligations[call.obligation]!;
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
