/**
 * `initialState(scenario, seed)`: the state at the scenario's start, with every uncertain value drawn once
 * from the stream `Rng.derive(seed, 0)` in a fixed order (actors, then fronts, in file order), so a seed
 * names one possible world.
 */
import type { MobilisationLevel, Num, Scenario, Val } from '../model.ts';
import { Rng } from '../rng.ts';
import { sample } from '../sample.ts';
import { compareDates, toDay } from '../scenario/dates.ts';
import { estimateOf } from './intel.ts';
import {
  covertKey,
  RAISE_SHARE,
  dyad,
  type ActorState,
  type ForceState,
  type FrontState,
  type GameState,
  type IntelState,
  type TransitState,
} from './state.ts';

/** Defaults for figures a scenario may leave out; documented in docs/model.md. */
/** Rounds per soldier a day that count as firepower 1: Ukraine's ~14,600 a day for ~525,000 troops (mid-2024). */
export const FIRE_REFERENCE = 0.03;

export const DEFAULTS = {
  quality: 1,
  support: 0.5,
  casualtySensitivity: 0.5,
  /** Without a figure, a host counts an auxiliary's deaths like its own. */
  auxiliaryWeight: 1,
  intelligence: 0.5,
  reputation: 1,
} as const;

const levelOf = (level: Val<MobilisationLevel> | undefined): MobilisationLevel =>
  (typeof level === 'object' ? level.value : level) ?? 'none';

export function initialState(s: Scenario, seed: number): GameState {
  const rng = Rng.derive(seed, 0);
  const turnOf = (date: string) => Math.floor((toDay(date) - toDay(s.start)) / s.turn_days) + 1;
  const draw = (n: Num | undefined, fallback: number) => (n === undefined ? fallback : sample(n, rng));

  const actors: ActorState[] = s.actors.map((a) => {
    const c = a.capabilities ?? {};
    const active = Math.round(draw(c.active, 0));
    const level = c.mobilisation?.level;
    return {
      id: a.id,
      kind: a.kind,
      regions: [...(a.regions ?? [])],
      greatPower: a.great_power ?? false,
      pool: active,
      reserve: Math.round(draw(c.reserve, 0)),
      mobilisation: levelOf(level),
      // The scenario's rate is what the actor raises at its current level; the state keeps the general rate.
      mobilisationRate: Math.round(draw(c.mobilisation?.rate, 0) / (RAISE_SHARE[levelOf(level)] || 1)),
      mobilisationCap: Math.round(draw(c.mobilisation?.cap, active)),
      raised: active,
      casualties: { killed: 0, wounded: 0, returned: 0 },
      quality: draw(c.quality, DEFAULTS.quality),
      firepower: 1,
      munitions: draw(c.munitions?.stock, 0),
      munitionsProduction: draw(c.munitions?.production, 0),
      support: draw(a.domestic?.support, DEFAULTS.support),
      casualtySensitivity: draw(a.domestic?.casualty_sensitivity, DEFAULTS.casualtySensitivity),
      auxiliaryWeight: draw(a.domestic?.auxiliary_weight, DEFAULTS.auxiliaryWeight),
      reputation: DEFAULTS.reputation,
      experience: 0,
      intelligence: draw(c.intelligence, DEFAULTS.intelligence),
    };
  });
  const byId = new Map(actors.map((a) => [a.id, a]));

  const transit: TransitState[] = [];
  const intel: IntelState[] = [];
  const fronts: FrontState[] = (s.fronts ?? []).map((f) => {
    const forces: ForceState[] = [];
    for (const d of f.forces) {
      const owner = byId.get(d.actor)!;
      const troops = Math.min(owner.pool, Math.round(draw(d.troops, 0)));
      const quality = draw(d.quality, owner.quality);
      if (troops === 0) continue; // an empty slot (the tutorial's placeholder for a contingent) holds no force
      owner.pool -= troops;
      const side = d.for ?? d.actor;
      const covert = d.covert ?? false;
      // Whoever already knows of covert forces starts with an estimate of them (MODEL.md §7).
      for (const viewer of d.known_to ?? [])
        intel.push({
          viewer,
          key: covertKey(d.actor, side, f.id),
          actor: d.actor,
          for: side,
          front: f.id,
          estimate: estimateOf(troops, rng),
        });
      if (d.arrives !== undefined && compareDates(d.arrives, s.start) > 0) {
        transit.push({
          actor: d.actor,
          for: side,
          front: f.id,
          troops,
          covert,
          // A date on the first day of turn t arrives at the start of turn t.
          arrives: turnOf(d.arrives),
        });
        continue;
      }
      forces.push({ actor: d.actor, for: side, troops, posture: d.posture ?? 'hold', covert, quality });
    }
    const area = draw(f.area_km2, 1000);
    return {
      id: f.id,
      conflict: f.conflict,
      territory: f.territory,
      control: draw(f.control, 1),
      areaKm2: area,
      // Without a published length, a compact front: a line twice the side of a square of its area.
      lengthKm: draw(f.length_km, 2 * Math.sqrt(area)),
      terrain: f.terrain ?? 'mixed',
      forces,
    };
  });

  // Fire support per soldier: the scenario's rounds fired per turn over the troops on its fronts at the start.
  for (const a of s.actors) {
    const consumption = a.capabilities?.munitions?.consumption;
    if (consumption === undefined) continue;
    const state = byId.get(a.id)!;
    const troops = fronts
      .flatMap((f) => f.forces)
      .filter((x) => x.actor === a.id)
      .reduce((acc, x) => acc + x.troops, 0);
    const perSoldierDay = troops > 0 ? draw(consumption, 0) / s.turn_days / troops : 0;
    if (perSoldierDay > 0) state.firepower = Math.min(3, Math.max(0.5, Math.sqrt(perSoldierDay / FIRE_REFERENCE)));
  }

  const rungs: Record<string, number> = {};
  let maxRung = 0;
  for (const c of s.conflicts ?? []) {
    const rung = Math.round(draw(c.rung, 12));
    for (const a of c.sides[0]) for (const b of c.sides[1]) rungs[dyad(a, b)] = Math.max(rungs[dyad(a, b)] ?? 0, rung);
    maxRung = Math.max(maxRung, rung);
  }

  return {
    scenario: s.id,
    turn: 0,
    date: s.start,
    turnDays: s.turn_days,
    horizon: s.horizon,
    actors,
    fronts,
    transit,
    wars: (s.conflicts ?? []).map((c) => {
      const aggressorSide = c.aggressor === undefined ? -1 : c.sides[0].includes(c.aggressor) ? 0 : 1;
      const declarations = aggressorSide === -1 ? [] : c.sides[1 - aggressorSide]!.map((on) => ({ by: c.aggressor!, on }));
      return {
        id: c.id,
        sides: [[...c.sides[0]], [...c.sides[1]]] as [string[], string[]],
        aggressor: c.aggressor ?? null,
        declarations,
        active: true,
      };
    }),
    treaties: (s.treaties ?? []).map((t) => ({
      id: t.id,
      parties: [...t.parties],
      inForce: t.status === 'in_force',
      inForceTurn: t.status !== 'in_force' && t.in_force_from !== undefined ? turnOf(t.in_force_from) : null,
      ratifiedBy: [],
      // The rules only, without the quoted text and citations (they stay in the scenario): a lean state copies fast.
      obligations: t.obligations.map(({ text: _text, source: _source, note: _note, ...rule }) => structuredClone(rule)),
    })),
    triggers: [],
    calls: [],
    rungs,
    maxRung,
    intel,
  };
}
