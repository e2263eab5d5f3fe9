/**
 * `initialState(scenario, seed)`: the state at the scenario's start, with every uncertain value drawn once
 * from the stream `Rng.derive(seed, 0)` in a fixed order (actors, then fronts, in file order), so a seed
 * names one possible world.
 */
import { DEFAULT_SWITCHES, SWITCHES, SWITCH_NAMES, switchesOf, type SwitchName } from '../switches.ts';
import { standingRungs } from './escalation.ts';
import { dependence, leverageOf } from './leverage.ts';
import type { Interests, MobilisationLevel, Num, RegimeType, Scenario, Val } from '../model.ts';
import { Rng } from '../rng.ts';
import { sample } from '../sample.ts';
import { compareDates, toDay } from '../scenario/dates.ts';
import { weaponsAid, firepowerFor } from './economy.ts';
import { estimateOf } from './intel.ts';
import { mapPacked } from '../packed.ts';
import {
  INTEREST_TERMS,
  cloneActor,
  covertKey,
  RAISE_SHARE,
  dyad,
  type ActorState,
  type ForceState,
  type FrontState,
  type GameState,
  type InterestTerm,
  type IntelState,
  type TransitState,
} from './state.ts';

/** Defaults for figures a scenario may leave out; documented in docs/model.md. */
export const DEFAULTS = {
  quality: 1,
  support: 0.5,
  casualtySensitivity: 0.5,
  /** Without a figure, a host counts an auxiliary's deaths like its own. */
  auxiliaryWeight: 1,
  intelligence: 0.5,
  reputation: 1,
  economicSensitivity: 0.5,
  rally: 0,
  /** The area of a front, in km², when the scenario gives none. */
  frontAreaKm2: 1000,
} as const;

/** Without a published length, a compact front: a line twice the side of a square of its area. */
export const compactLength = (areaKm2: number): number => 2 * Math.sqrt(areaKm2);

const levelOf = (level: Val<MobilisationLevel> | undefined): MobilisationLevel =>
  (typeof level === 'object' ? level.value : level) ?? 'none';

/**
 * Casualty sensitivity when the scenario gives none, by regime type (selectorate theory, Bueno de Mesquita et
 * al. 2003: the larger the winning coalition, the more a leader must answer for losses; the values are judgement).
 */
export const REGIME_SENSITIVITY: Record<RegimeType, number> = {
  democracy: 0.8,
  hybrid: 0.5,
  monarchy: 0.5,
  military: 0.3,
  single_party: 0.3,
  personalist: 0.2,
};

/**
 * Support a government loses at home when it reneges on a call to arms, by regime type: the audience cost of a
 * broken commitment (Fearon 1994, "Domestic Political Audiences and the Escalation of International Disputes",
 * APSR 88(3)), highest where leaders answer to voters and least where no audience can punish them (Weeks 2008,
 * "Autocratic Audience Costs", International Organization 62(1): single-party regimes face them, personalist ones
 * hardly). For breaking "all means"; a weaker word costs in proportion to its reputation cost (RENEGE_COST, so a
 * lapsed consultation costs a fifteenth), a partial answer half. The values are judgement.
 */
export const AUDIENCE_COST: Record<RegimeType, number> = {
  democracy: 0.05,
  hybrid: 0.03,
  monarchy: 0.02,
  military: 0.02,
  single_party: 0.02,
  personalist: 0.01,
};

function regimeSensitivity(type: Val<RegimeType> | undefined): number {
  if (type === undefined) return DEFAULTS.casualtySensitivity;
  return REGIME_SENSITIVITY[typeof type === 'object' ? type.value : type];
}

/**
 * Utility weights: the scenario's `interests` (a term left out weighs 0); an actor with no interests at all
 * weighs every term 0.5, so that it still cares about something.
 */
function interestWeights(
  interests: Interests | undefined,
  draw: (n: Num | undefined, fallback: number) => number,
): Record<InterestTerm, number> {
  const out = {} as Record<InterestTerm, number>;
  for (const term of INTEREST_TERMS) out[term] = interests ? draw(interests[term], 0) : 0.5;
  return out;
}

export function initialState(s: Scenario, seed: number): GameState {
  const rng = Rng.derive(seed, 0);
  const turnOf = (date: string) => Math.floor((toDay(date) - toDay(s.start)) / s.turn_days) + 1;
  const draw = (n: Num | undefined, fallback: number) => (n === undefined ? fallback : sample(n, rng));

  const actors: ActorState[] = mapPacked(s.actors, (a) => {
    const c = a.capabilities ?? {};
    // Drawn in the order the fields had before the reserve's default was added, so that no world changes.
    const active = Math.round(draw(c.active, 0));
    const areaKm2 = draw(a.area_km2, DEFAULTS.frontAreaKm2);
    const level = c.mobilisation?.level;
    const reserve = c.reserve === undefined ? undefined : Math.round(draw(c.reserve, 0));
    const rate = Math.round(draw(c.mobilisation?.rate, 0) / (RAISE_SHARE[levelOf(level)] || 1));
    const cap = Math.round(draw(c.mobilisation?.cap, active));
    return {
      id: a.id,
      kind: a.kind,
      regions: [...(a.regions ?? [])],
      backs: [...(a.backs ?? [])],
      rivals: [...(a.rivals ?? [])],
      burdenSharing: 0, // drawn last, below
      members: [...(a.members ?? [])],
      cohesion: 0, // drawn last, below
      areaKm2,
      greatPower: a.great_power ?? false,
      pool: active,
      // Without a stated reserve, mobilisation may raise as many as its cap allows beyond the active forces.
      reserve: reserve ?? Math.max(0, cap - active),
      mobilisation: levelOf(level),
      // The scenario's rate is what the actor raises at its current level; the state keeps the general rate.
      mobilisationRate: rate,
      mobilisationCap: cap,
      raised: active,
      casualties: { killed: 0, wounded: 0, returned: 0 },
      quality: draw(c.quality, DEFAULTS.quality),
      firepower: 1,
      fireRate: 0,
      munitionsTracked: c.munitions?.stock !== undefined,
      munitions: Math.round(draw(c.munitions?.stock, 0)),
      munitionsProduction: draw(c.munitions?.production, 0),
      gdp: draw(c.gdp_usd_bn, 0),
      output: 1,
      technology: 0,
      defenceBudget: 0, // set below, once everything else is drawn
      aid: 0,
      aidStart: 0,
      economicSensitivity: draw(a.domestic?.economic_sensitivity, DEFAULTS.economicSensitivity),
      rally: draw(a.domestic?.rally, DEFAULTS.rally),
      // A war under way at the start has had its rally: the support the scenario gives comes after it.
      rallied: mapPacked(
        (s.conflicts ?? []).filter((c) => c.sides.some((side) => side.includes(a.id))),
        (c) => c.id,
      ),
      collapsed: false,
      bandwagon: a.bandwagon
        ? { sideWith: a.bandwagon.side_with, threshold: Math.round(draw(a.bandwagon.threshold, 0)), done: false }
        : null,
      support: draw(a.domestic?.support, DEFAULTS.support),
      casualtySensitivity: draw(a.domestic?.casualty_sensitivity, regimeSensitivity(a.regime?.type)),
      draftCost: draw(a.domestic?.draft_cost, 0),
      audienceCost:
        a.regime?.type === undefined ? 0 : AUDIENCE_COST[typeof a.regime.type === 'object' ? a.regime.type.value : a.regime.type],
      auxiliaryWeight: draw(a.domestic?.auxiliary_weight, DEFAULTS.auxiliaryWeight),
      reputation: DEFAULTS.reputation,
      experience: 0,
      fought: 0,
      // A public at war at the start is used to its war's losses (set by the first); any other expects none.
      expectedLoss: (s.conflicts ?? []).some((c) => c.sides.some((side) => side.includes(a.id))) ? null : 0,
      interests: interestWeights(a.interests, draw),
      startSupport: 0, // set below, once support is drawn
      startRung: 0,
      startLeverage: 0, // set once the state is built
      exposure: 0,
      intelligence: draw(c.intelligence, DEFAULTS.intelligence),
      expeditionary: c.expeditionary === undefined ? null : Math.round(draw(c.expeditionary, 0)),
    };
  });
  const byId = new Map(actors.map((a) => [a.id, a]));

  const transit: TransitState[] = [];
  const intel: IntelState[] = [];
  const fronts: FrontState[] = mapPacked(s.fronts ?? [], (f) => {
    const forces: ForceState[] = [];
    for (const d of f.forces) {
      const owner = byId.get(d.actor)!;
      const troops = Math.min(owner.pool, Math.round(draw(d.troops, 0)));
      const quality = draw(d.quality, owner.quality);
      if (troops === 0) continue; // an empty slot (the tutorial's placeholder for a contingent) holds no force
      owner.pool -= troops;
      const side = d.for ?? d.actor;
      const covert = d.covert ?? false;
      // Whoever already knows of covert forces starts with an estimate of them (docs/model.md §7).
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
    const area = draw(f.area_km2, DEFAULTS.frontAreaKm2);
    return {
      id: f.id,
      conflict: f.conflict,
      territory: f.territory,
      control: draw(f.control, 1),
      startControl: 0, // set below
      areaKm2: area,
      lengthKm: draw(f.length_km, compactLength(area)),
      terrain: f.terrain ?? 'mixed',
      intensity: 1, // drawn last, below
      forces,
    };
  });

  // Fire support per soldier: the scenario's rounds fired per turn over the troops on its fronts at the start.
  for (const a of s.actors) {
    const consumption = a.capabilities?.munitions?.consumption;
    if (consumption === undefined) continue;
    const state = byId.get(a.id)!;
    let troops = 0;
    for (const f of fronts) for (const x of f.forces) if (x.actor === a.id) troops += x.troops;
    const perSoldierDay = troops > 0 ? draw(consumption, 0) / s.turn_days / troops : 0;
    if (perSoldierDay > 0) {
      state.fireRate = perSoldierDay;
      state.firepower = firepowerFor(perSoldierDay);
    }
  }

  const rungs: Record<string, number> = {};
  let maxRung = 0;
  for (const c of s.conflicts ?? []) {
    const rung = Math.round(draw(c.rung, 12));
    for (const a of c.sides[0])
      for (const b of c.sides[1]) {
        rungs[dyad(a, b)] = Math.max(rungs[dyad(a, b)] ?? 0, rung);
      }
    maxRung = Math.max(maxRung, rung);
  }
  for (const a of actors) a.startSupport = a.support;
  for (const f of fronts) f.startControl = f.control;

  const state: GameState = {
    scenario: s.id,
    // Actors in the canonical field order of cloneActor, so a state hashes the same on the pure and in-place paths.
    turn: 0,
    date: s.start,
    turnDays: s.turn_days,
    horizon: s.horizon,
    actors: mapPacked(actors, cloneActor),
    fronts,
    transit,
    wars: mapPacked(s.conflicts ?? [], (c) => {
      const aggressorSide = c.aggressor === undefined ? -1 : c.sides[0].includes(c.aggressor) ? 0 : 1;
      const declarations = aggressorSide === -1 ? [] : mapPacked(c.sides[1 - aggressorSide]!, (on) => ({ by: c.aggressor!, on }));
      return {
        id: c.id,
        sides: [[...c.sides[0]], [...c.sides[1]]] as [string[], string[]],
        aggressor: c.aggressor ?? null,
        declarations,
        active: true,
        offers: [],
      };
    }),
    treaties: mapPacked(s.treaties ?? [], (t) => ({
      id: t.id,
      parties: [...t.parties],
      inForce: t.status === 'in_force',
      inForceTurn: t.status !== 'in_force' && t.in_force_from !== undefined ? turnOf(t.in_force_from) : null,
      ratifiedBy: [],
      proposedBy: null,
      rejectedBy: null,
      // The rules only, without the quoted text and citations (they stay in the scenario): a lean state copies fast.
      obligations: mapPacked(t.obligations, ({ text: _text, source: _source, note: _note, ...rule }) => structuredClone(rule)),
    })),
    triggers: [],
    calls: [],
    rungs,
    raisedRungs: {},
    maxRung,
    intel,
    // Drawn after everything above, so adding these left every earlier draw as it was.
    transfers: mapPacked(s.transfers ?? [], (t) => ({
      id: t.id,
      from: t.from,
      to: t.to,
      kind: t.kind,
      amount: draw(t.amount, 0),
      unit: t.unit,
      covert: t.covert ?? false,
      knownTo: [...(t.known_to ?? [])],
      offensive: t.offensive ?? false,
      standing: true,
      active: true,
      delivered: 0,
      startTurn: 0,
      stopTurn: null,
      absorbedFrom: null,
      while: t.while ?? null,
    })),
    sanctions: mapPacked(s.sanctions ?? [], (x) => ({ id: x.id, by: [...x.by], on: x.on, intensity: draw(x.intensity, 0), active: true })),
    stationed: [], // drawn last, below
    permissions: mapPacked(s.permissions ?? [], (p) => ({
      id: p.id,
      by: p.by,
      to: p.to,
      weapons: p.weapons,
      territory: p.territory,
      allowed: typeof p.allowed === 'object' ? p.allowed.value : p.allowed,
      allowedAtStart: typeof p.allowed === 'object' ? p.allowed.value : p.allowed,
    })),
    redLines: mapPacked(s.red_lines ?? [], (r) => ({
      id: r.id,
      holder: r.holder,
      likelihood: draw(r.likelihood, 0),
      when: r.when,
      then: r.then,
      crossed: null,
      acted: false,
      decided: null,
      reconsiderTurns: r.reconsider ? Math.max(1, Math.round(draw(r.reconsider.every_days, 1) / s.turn_days)) : null,
      reconsiderFor: r.reconsider?.for_days === undefined ? null : Math.round(draw(r.reconsider.for_days, 0) / s.turn_days),
      delayTurns: Math.round(draw(r.delay_days, 0) / s.turn_days),
      amount: null, // drawn last, below
    })),
    pending: [],
    switches: DEFAULT_SWITCHES, // drawn last, below
  };
  // Drawn last, so adding them left every earlier draw as it was: defence budgets, and the weapons aid flowing in.
  const aid = weaponsAid(state);
  state.actors.forEach((a, i) => {
    a.defenceBudget = (draw(s.actors[i]!.capabilities?.defence_budget_usd_bn, 0) * 1000 * s.turn_days) / 365;
    a.aid = a.aidStart = aid.get(a.id) ?? 0;
  });
  // Drawn after those: garrisons, blocs' cohesion, and the amounts of red lines' arms.
  state.stationed = mapPacked(s.stationed ?? [], (x) => ({
    actor: x.actor,
    on: x.on,
    troops: Math.round(draw(x.troops, 0)),
    engaged: false,
  }));
  state.actors.forEach((a, i) => {
    const c = s.actors[i]!.cohesion;
    if (a.kind === 'bloc' && c !== undefined) a.cohesion = draw(c, 0);
  });
  state.redLines.forEach((r, i) => {
    const e = s.red_lines![i]!.then;
    // Weapons in whole USD million a turn (a package's price is not known closer), programmes as drawn.
    if ('arm' in e)
      r.amount =
        e.arm.amount === undefined
          ? e.arm.kind === 'technology'
            ? 1
            : null
          : (e.arm.kind === 'technology' ? (x: number) => x : Math.round)(draw(e.arm.amount, 0));
  });
  // Drawn after those: how much of a fellow donor's lost aid each makes up; the model's switches.
  state.actors.forEach((a, i) => (a.burdenSharing = draw(s.actors[i]!.burden_sharing, 0)));
  const given: Partial<Record<SwitchName, number>> = {};
  for (const k of SWITCH_NAMES) if (s.switches?.[k] !== undefined) given[k] = draw(s.switches[k], SWITCHES[k].default);
  state.switches = switchesOf(given);
  // Drawn after those: how hard each front is fought.
  for (const [i, f] of state.fronts.entries()) f.intensity = draw(s.fronts![i]!.intensity, 1);
  // Where each stands at the start, a bloc where its members stand (the escalation term counts from there).
  const standing = standingRungs(state);
  for (const a of state.actors) a.startRung = standing.get(a.id)!;
  const dep = dependence(state);
  for (const a of state.actors) a.startLeverage = leverageOf(dep, a.id);
  return state;
}
