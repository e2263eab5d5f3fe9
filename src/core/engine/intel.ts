/**
 * Intelligence (docs/model.md §7): covert forces — on a front or travelling to one — are seen by another actor
 * only once it detects them. Each turn, every actor with a stake in the forces' owner or host (`watchers`) detects
 * each covert group it has not yet found with probability equal to its `intelligence` capability; an enemy
 * fighting them on their front finds them at once (it is being shot at). A detected group's size is known
 * only as an estimate, drawn afresh each turn: the truth times a log-normal error (σ = ESTIMATE_NOISE),
 * rounded to the nearest ESTIMATE_ROUNDING. Covert transfers are found the same way, once, and then known.
 */
import { Rng } from '../rng.ts';
import { standardNormal } from '../sample.ts';
import type { Event } from './orders.ts';
import { covertKey, sideOf, type FrontState, type GameState, type IntelState } from './state.ts';

/** Spread of intelligence estimates (judgement: published estimates of the DPRK contingent ran 3,000-12,000). */
export const ESTIMATE_NOISE = 0.3;
export const ESTIMATE_ROUNDING = 500;

const NONE: readonly never[] = [];

/** A noisy, rounded estimate of a covert group's size. */
export function estimateOf(troops: number, rng: Rng): number {
  const noisy = troops * Math.exp(ESTIMATE_NOISE * standardNormal(rng));
  return Math.max(ESTIMATE_ROUNDING, Math.round(noisy / ESTIMATE_ROUNDING) * ESTIMATE_ROUNDING);
}

interface CovertGroup {
  key: string;
  actor: string;
  for: string;
  front: string;
  troops: number;
  inCombatWith: Set<string>;
}

function covertGroups(state: GameState, combatFronts: ReadonlySet<string>): CovertGroup[] {
  const groups = new Map<string, CovertGroup>();
  const add = (actor: string, forId: string, front: string, troops: number, f: FrontState | null) => {
    const key = covertKey(actor, forId, front);
    const g = groups.get(key) ?? { key, actor, for: forId, front, troops: 0, inCombatWith: new Set<string>() };
    g.troops += troops;
    if (f !== null) {
      const war = state.wars.find((w) => w.id === f.conflict);
      const side = war ? sideOf(war, forId) : -1;
      // Those who fight them: enemies with forces of their own on the same front.
      if (war && side !== -1)
        for (const x of f.forces) if (war.sides[1 - side]!.includes(x.for) && x.troops > 0) g.inCombatWith.add(x.actor);
    }
    groups.set(key, g);
  };
  for (const f of state.fronts)
    for (const force of f.forces) if (force.covert) add(force.actor, force.for, f.id, force.troops, combatFronts.has(f.id) ? f : null);
  for (const t of state.transit) if (t.covert) add(t.actor, t.for, t.front, t.troops, null);
  return [...groups.values()];
}

/**
 * Who keeps watch on whom: an actor looks for the covert forces and flows of those it has a stake in — whom it fights
 * or fights beside in an active war, whom a treaty in force binds it to, whom it has an active flow with, and whom its
 * red lines name. Intelligence services watch their wars, their allies and clients and the threats they have drawn
 * lines about; a quarrel in which an actor has no stake it leaves to those who have one. (So the cost of a turn grows
 * with the stakes, not with the square of the actors: k unrelated crises cost k times one.) By actor index: entry i
 * lists the indexes of those who watch actor i.
 */
export function watchers(state: GameState, index: ReadonlyMap<string, number> = actorIndex(state)): number[][] {
  const by: number[][] = state.actors.map(() => []);
  const watch = (who: number | undefined, whom: number | undefined) => {
    if (who !== undefined && whom !== undefined && who !== whom) by[whom]!.push(who);
  };
  const bound = (parties: readonly string[]) => {
    for (const x of parties) for (const y of parties) watch(index.get(x), index.get(y));
  };
  for (const w of state.wars)
    if (w.active) {
      const parties = w.sides[0].concat(w.sides[1]);
      bound(parties);
    }
  for (const t of state.treaties) if (t.inForce) bound(t.parties);
  for (const t of state.transfers)
    if (t.active) {
      watch(index.get(t.from), index.get(t.to));
      watch(index.get(t.to), index.get(t.from));
    }
  for (const r of state.redLines) for (const id of namedIn(r.when, index)) watch(index.get(r.holder), index.get(id));
  // Each list in the actors' order, each watcher once.
  for (const list of by) {
    if (list.length < 2) continue;
    list.sort((a, b) => a - b);
    let n = 1;
    for (let i = 1; i < list.length; i++) if (list[i] !== list[n - 1]) list[n++] = list[i]!;
    list.length = n;
  }
  return by;
}

function actorIndex(state: GameState): Map<string, number> {
  const index = new Map<string, number>();
  state.actors.forEach((a, i) => index.set(a.id, i));
  return index;
}

/** The union of two ascending lists of indexes, ascending, each once. */
function union(x: readonly number[], y: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    const u = i < x.length ? x[i]! : Infinity;
    const v = j < y.length ? y[j]! : Infinity;
    out.push(Math.min(u, v));
    if (u <= v) i++;
    if (v <= u) j++;
  }
  return out;
}

/** `k` into the ascending list `at`, unless it is there. */
function insert(at: number[], k: number): void {
  let i = at.length;
  while (i > 0 && at[i - 1]! > k) i--;
  if (at[i - 1] !== k) at.splice(i, 0, k);
}

/** The actors a red line's condition names, read once per condition (conditions never change). */
const named = new WeakMap<object, string[]>();
function namedIn(when: object, actors: ReadonlyMap<string, number>): string[] {
  let out = named.get(when);
  if (out === undefined) named.set(when, (out = actorsNamed(when, actors)));
  return out;
}

/** The actors a condition names (any string in it that is an actor's id). */
function actorsNamed(x: unknown, actors: ReadonlyMap<string, number>, out: string[] = []): string[] {
  if (typeof x === 'string') {
    if (actors.has(x)) out.push(x);
  } else if (x !== null && typeof x === 'object') for (const v of Object.values(x)) actorsNamed(v, actors, out);
  return out;
}

/** Run the intelligence stage: mutates `state.intel`, returns the detection events. */
export function gatherIntelligence(state: GameState, combatFronts: ReadonlySet<string>, seed: number): Event[] {
  const events: Event[] = [];
  const groups = covertGroups(state, combatFronts);
  // Who has already found each group (a group no longer there is forgotten with it).
  const knownBy = new Map<string, Set<string>>();
  for (const i of state.intel) {
    const viewers = knownBy.get(i.key);
    if (viewers) viewers.add(i.viewer);
    else knownBy.set(i.key, new Set([i.viewer]));
  }
  if (groups.length === 0 && !state.transfers.some((t) => t.covert && t.active)) {
    state.intel = [];
    return events;
  }
  const index = actorIndex(state);
  const watching = watchers(state, index);
  /**
   * Those who watch `a` or `b`, or already know or fight them (`knew`, `fight`), as indexes in the state's actors'
   * order: the watchers' lists are kept in that order, so the cost is the group's watchers, not all the actors.
   */
  const lookouts = (a: string, b: string, knew: Iterable<string> = NONE, fight: Iterable<string> = NONE) => {
    const at = union(watching[index.get(a) ?? -1] ?? NONE, watching[index.get(b) ?? -1] ?? NONE);
    for (const id of knew) insert(at, index.get(id)!);
    for (const id of fight) insert(at, index.get(id)!);
    return at;
  };
  const next: IntelState[] = [];
  for (const g of groups) {
    const key = g.key;
    const knew = knownBy.get(key);
    for (const i of lookouts(g.actor, g.for, knew, g.inCombatWith)) {
      const viewer = state.actors[i]!;
      if (viewer.id === g.actor || viewer.id === g.for) continue;
      const had = knew?.has(viewer.id) ?? false;
      // Each watcher's look at each group from a stream of its own: one more group or watcher shifts no other's.
      const rng = Rng.named(seed, `${viewer.id}|${key}`);
      const found = had || g.inCombatWith.has(viewer.id) || rng.chance(viewer.intelligence);
      if (!found) continue;
      const estimate = estimateOf(g.troops, rng);
      next.push({ viewer: viewer.id, key, actor: g.actor, for: g.for, front: g.front, estimate });
      if (!had) events.push({ type: 'detected', viewer: viewer.id, actor: g.actor, for: g.for, front: g.front, estimate });
    }
  }
  state.intel = next;
  // Covert transfers: each outsider with a stake in either party finds a flow it does not know of with its
  // intelligence probability.
  for (const t of state.transfers) {
    if (!t.covert || !t.active) continue;
    const known = new Set(t.knownTo);
    for (const i of lookouts(t.from, t.to)) {
      const viewer = state.actors[i]!;
      if (viewer.id === t.from || viewer.id === t.to || known.has(viewer.id)) continue;
      if (!Rng.named(seed, `${viewer.id}|${t.id}`).chance(viewer.intelligence)) continue;
      t.knownTo.push(viewer.id);
      events.push({ type: 'transfer_detected', viewer: viewer.id, transfer: t.id, from: t.from, to: t.to, kind: t.kind });
    }
  }
  return events;
}
