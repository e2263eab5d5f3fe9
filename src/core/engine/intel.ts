/**
 * Intelligence (MODEL.md §7): covert forces — on a front or travelling to one — are seen by another actor
 * only once it detects them. Each turn, every actor that is not the forces' owner or host detects each
 * covert group it has not yet found with probability equal to its `intelligence` capability; an enemy
 * fighting them on their front finds them at once (it is being shot at). A detected group's size is known
 * only as an estimate, drawn afresh each turn: the truth times a log-normal error (σ = ESTIMATE_NOISE),
 * rounded to the nearest ESTIMATE_ROUNDING. Covert transfers are found the same way, once, and then known.
 */
import type { Rng } from '../rng.ts';
import { standardNormal } from '../sample.ts';
import type { Event } from './orders.ts';
import { covertKey, sideOf, type GameState, type IntelState } from './state.ts';

/** Spread of intelligence estimates (judgement: published estimates of the DPRK contingent ran 3,000-12,000). */
export const ESTIMATE_NOISE = 0.3;
export const ESTIMATE_ROUNDING = 500;

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
  const add = (actor: string, forId: string, front: string, troops: number, fighting: boolean) => {
    const key = covertKey(actor, forId, front);
    const g = groups.get(key) ?? { key, actor, for: forId, front, troops: 0, inCombatWith: new Set<string>() };
    g.troops += troops;
    if (fighting) {
      const f = state.fronts.find((x) => x.id === front)!;
      const war = state.wars.find((w) => w.id === f.conflict);
      const side = war ? sideOf(war, forId) : -1;
      // Those who fight them: enemies with forces of their own on the same front.
      if (war && side !== -1)
        for (const x of f.forces) if (war.sides[1 - side]!.includes(x.for) && x.troops > 0) g.inCombatWith.add(x.actor);
    }
    groups.set(key, g);
  };
  for (const f of state.fronts)
    for (const force of f.forces) if (force.covert) add(force.actor, force.for, f.id, force.troops, combatFronts.has(f.id));
  for (const t of state.transit) if (t.covert) add(t.actor, t.for, t.front, t.troops, false);
  return [...groups.values()];
}

/** Run the intelligence stage: mutates `state.intel`, returns the detection events. */
export function gatherIntelligence(state: GameState, combatFronts: ReadonlySet<string>, rng: Rng): Event[] {
  const events: Event[] = [];
  const groups = covertGroups(state, combatFronts);
  // Who has already found each group (a group no longer there is forgotten with it).
  const knownBy = new Map<string, Set<string>>();
  for (const i of state.intel) {
    const viewers = knownBy.get(i.key);
    if (viewers) viewers.add(i.viewer);
    else knownBy.set(i.key, new Set([i.viewer]));
  }
  const next: IntelState[] = [];
  for (const g of groups) {
    const key = g.key;
    const knew = knownBy.get(key);
    for (const viewer of state.actors) {
      if (viewer.id === g.actor || viewer.id === g.for) continue;
      const had = knew?.has(viewer.id) ?? false;
      const found = had || g.inCombatWith.has(viewer.id) || rng.chance(viewer.intelligence);
      if (!found) continue;
      const estimate = estimateOf(g.troops, rng);
      next.push({ viewer: viewer.id, key, actor: g.actor, for: g.for, front: g.front, estimate });
      if (!had) events.push({ type: 'detected', viewer: viewer.id, actor: g.actor, for: g.for, front: g.front, estimate });
    }
  }
  state.intel = next;
  // Covert transfers: each outsider finds each flow it does not know of with its intelligence probability.
  for (const t of state.transfers) {
    if (!t.covert || !t.active) continue;
    for (const viewer of state.actors) {
      if (viewer.id === t.from || viewer.id === t.to || t.knownTo.includes(viewer.id) || !rng.chance(viewer.intelligence)) continue;
      t.knownTo.push(viewer.id);
      events.push({ type: 'transfer_detected', viewer: viewer.id, transfer: t.id, from: t.from, to: t.to, kind: t.kind });
    }
  }
  return events;
}
