/**
 * The inverse of `observe` (observe.ts) for search under hidden information: a full state drawn consistent with what
 * one actor observes. The two live side by side and a property test (test/fog.test.ts) holds one to the other.
 */
import type { Id, Scenario } from '../model.ts';
import type { Rng } from '../rng.ts';
import { initialState } from './init.ts';
import type { Observation } from './observe.ts';
import { covertKey, type ForceState, type GameState, type IntelState, type TreatyState } from './state.ts';

/**
 * A full state consistent with `viewer`'s observation: `observe(determinize(o), viewer)` is `o` again (a property
 * test holds it to that over random play in every scenario). What the viewer observes is copied, fronts opened in
 * play and forces on their way to them included; what it cannot see comes from a world drawn from the scenario with
 * `rng` (the searcher's generator): other actors' pools, reserves, stocks and casualties, their red lines (as not
 * yet crossed), the postures and quality of forces (as the scenario gives them, else the owner's quality), and any
 * covert forces the viewer has not found (none: it does not know of them). A working copy for search, never shown.
 */
export function determinize(scenario: Scenario, o: Observation, viewer: Id, rng: Rng): GameState {
  const s = initialState(scenario, rng.nextU32());
  s.turn = o.turn;
  s.date = o.date;
  s.wars = o.wars.map((w) => ({
    ...w,
    sides: [[...w.sides[0]], [...w.sides[1]]],
    declarations: w.declarations.map((d) => ({ ...d })),
    offers: [...w.offers],
  }));
  s.rungs = { ...o.rungs };
  s.raisedRungs = Object.fromEntries(Object.entries(o.raisedRungs).map(([k, v]) => [k, { ...v }]));
  s.maxRung = o.maxRung;
  s.switches = o.switches;
  s.actors = s.actors.map((a) => {
    if (a.id === viewer && o.self) return structuredClone(o.self);
    const seen = o.actors.find((x) => x.id === a.id);
    return seen ? { ...a, mobilisation: seen.mobilisation, support: seen.support, reputation: seen.reputation } : a;
  });
  const quality = new Map(s.actors.map((a) => [a.id, a.quality]));
  const scenarioFronts = new Map(s.fronts.map((f) => [f.id, f]));
  const intel = new Map<string, IntelState>();
  // One estimate covers a covert group on its front and on its way there (intel.ts): the world holds it once, shared
  // among the places it is seen, not once in each.
  const places = new Map<string, number>();
  const keyOf = (x: { actor: Id; for: Id }, front: Id) => covertKey(x.actor, x.for, front);
  for (const f of o.fronts) for (const x of f.forces) if (x.estimated) places.set(keyOf(x, f.id), (places.get(keyOf(x, f.id)) ?? 0) + 1);
  for (const t of o.transit) if (t.estimated) places.set(keyOf(t, t.front), (places.get(keyOf(t, t.front)) ?? 0) + 1);
  /** The troops a world puts at one place a covert group is seen (its estimate, split among the places). */
  const estimated = (x: { actor: Id; for: Id; troops: number }, front: Id): number => {
    const key = keyOf(x, front);
    intel.set(key, { viewer, key, actor: x.actor, for: x.for, front, estimate: x.troops });
    return Math.max(1, Math.round(x.troops / (places.get(key) ?? 1)));
  };
  s.fronts = o.fronts.map((f) => {
    const prior = scenarioFronts.get(f.id)?.forces ?? [];
    const forces: ForceState[] = f.forces.map((x) => {
      const troops = x.estimated ? estimated(x, f.id) : x.troops;
      const like = prior.find((p) => p.actor === x.actor && p.for === x.for);
      return {
        actor: x.actor,
        for: x.for,
        troops,
        posture: x.posture ?? like?.posture ?? 'attack',
        covert: x.covert,
        quality: like?.quality ?? quality.get(x.actor) ?? 1,
      };
    });
    const { forces: _seen, ...geography } = f;
    return { ...geography, forces };
  });
  s.transit = o.transit.map((t) => {
    const troops = t.estimated ? estimated(t, t.front) : t.troops;
    return { actor: t.actor, for: t.for, front: t.front, troops, covert: t.covert, arrives: t.arrives };
  });
  s.intel = [...intel.values()];
  const priorTransfers = new Map(s.transfers.map((t) => [t.id, t]));
  s.transfers = o.transfers.map((t) => {
    const prior = priorTransfers.get(t.id);
    return {
      ...t,
      amount: t.amount ?? prior?.amount ?? 1,
      delivered: t.delivered ?? 0,
      knownTo: [viewer],
      absorbedFrom: prior?.absorbedFrom ?? null,
      while: prior?.while ?? null,
    };
  });
  s.sanctions = o.sanctions.map((x) => ({ ...x, by: [...x.by] }));
  s.permissions = o.permissions.map((p) => ({ ...p }));
  s.stationed = o.stationed.map((x) => ({ ...x }));
  const visibleTreaties = new Map(o.treaties.map((t) => [t.id, t]));
  const treaty = (t: Observation['treaties'][number], inForceTurn: number | null): TreatyState => ({
    ...t,
    parties: [...t.parties],
    ratifiedBy: [...t.ratifiedBy],
    obligations: [...t.obligations],
    inForceTurn,
  });
  s.treaties = [
    ...s.treaties.map((t) => {
      const seen = visibleTreaties.get(t.id);
      return seen ? treaty(seen, t.inForceTurn) : t;
    }),
    ...o.treaties.filter((t) => !s.treaties.some((x) => x.id === t.id)).map((t) => treaty(t, null)),
  ];
  // The viewer's triggers, and those its calls to arms came from (else the world would trigger them again).
  s.triggers = o.triggers.map((t) => ({ ...t }));
  for (const c of o.calls)
    if (!s.triggers.some((t) => t.key === c.trigger))
      s.triggers.push({
        key: c.trigger,
        treaty: c.treaty,
        obligation: c.obligation,
        protects: c.protects,
        war: c.war,
        turn: c.issued,
        invoked: true,
      });
  s.calls = o.calls.map((c) => ({ ...c }));
  const ownRedLines = new Map(o.redLines.map((r) => [r.id, r]));
  s.redLines = s.redLines.map((r) => {
    const mine = ownRedLines.get(r.id);
    return mine ? { ...mine } : r;
  });
  s.pending = o.pending.map((p) => ({ ...p }));
  return s;
}
