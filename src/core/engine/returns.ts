/**
 * `returns(state)`: a utility per actor, and `isTerminal(state)` (docs/model.md §10). An actor's return is the sum
 * of its interest weights (the scenario's `interests`, 0..1) times terms that measure, each in [-1, 1], what it
 * has gained or paid since the start (0 then) — the seed article's ledger:
 *
 *   territory          ten times the share of its wars' contested area gained (lost on its side's soil counts
 *                      against; a tenth of the contested area counts as the most)
 *   regime_security    support gained or lost since the start; a collapsed government loses 0.5 more
 *   casualties         minus killed and wounded as a share of the soldiers who fought (the most it had in combat at
 *                      once and those lost since: a public counts losses against the force sent, not the whole army;
 *                      a bloc counts its members' losses, and stands at their rungs for escalation_risk)
 *   economy            ten times the output lost to sanctions and given away (money and weapons counted in dollars,
 *                      as a share of its output over the same days; a 10 % loss counts as the worst)
 *   credibility        reputation lost by reneging (reputation − 1)
 *   technology         technology programmes absorbed, 0.2 each, up to 1
 *   leverage           what those it supplies would lose without it (Hirschman 1945): the sum over its recipients
 *                      of its share of their supply channels, gained or lost since the start (`dependence`)
 *   escalation_risk    minus the risk run: the rise in the cost of the highest Kahn rung it stands at (escalation.ts
 *                      RUNG_COST, a stated mapping with Kahn's thresholds as anchors) over the cost left to the top,
 *                      averaged over the turns played (a threat that faded still counts for the weeks it stood)
 *   battle_experience  person-days of fighting per soldier who fought (the most it had in combat at once), over a
 *                      year, up to 1
 *   backed_territory   the territory term of the actors it backs (`backs`), averaged: NATO counts Ukraine's ground
 *                      lost, and so Russia's gains, against itself
 *   rival_gains        minus what its rivals (`rivals`) have gained in technology and battle experience (the mean of
 *                      their two terms, averaged over the rivals): South Korea counts North Korea's gains as its threat
 *
 * The terms are the engine's first measure; the AI (docs/ai.md, issue 4) builds its utilities on them.
 */
import type { Id } from '../model.ts';
import { RUNG } from './escalation.ts';
import { moneyScale } from './economy.ts';
import { dependence, leverageOf, type Dependence } from './leverage.ts';
import { INTEREST_TERMS, sideOf, soldiersWhoFought, type ActorState, type GameState, type InterestTerm } from './state.ts';

/** The ladder's last rung (Kahn 1965, "spasm or insensate war"): nothing is left to play for. */
const LAST_RUNG = RUNG.top;

/** The game is over at the horizon, or when the escalation ladder has been climbed to its end. */
export function isTerminal(state: GameState): boolean {
  return state.turn >= state.horizon || state.maxRung >= LAST_RUNG;
}

/** Each actor's return: Σ weight · term. */
export function returns(state: GameState): Record<Id, number> {
  const out: Record<Id, number> = {};
  const dep = dependence(state);
  for (const a of state.actors) out[a.id] = sumOf(weightedTerms(a, returnTerms(state, a, dep)));
  return out;
}

/** What each term adds to the actor's return, weight · term, in INTEREST_TERMS order: the return's reasons. */
export function weightedTerms(a: ActorState, terms: Readonly<Record<InterestTerm, number>>): number[] {
  return INTEREST_TERMS.map((term) => a.interests[term] * terms[term]);
}

/** The return from its weighted terms (summed in INTEREST_TERMS order, so every caller gets the same number). */
export function sumOf(weighted: readonly number[]): number {
  let total = 0;
  for (const x of weighted) total += x;
  return total;
}

/** The terms of one actor's return, each in [-1, 1] (see the module comment). */
export function returnTerms(state: GameState, a: ActorState, dep: Dependence = dependence(state)): Record<InterestTerm, number> {
  const clamp = (x: number) => Math.max(-1, Math.min(1, x));
  // A bloc counts its members' losses as the alliance's (and stands at their rungs: escalation.ts).
  const us = new Set([a.id, ...a.members]);
  let lost = 0;
  let fought = 0;
  for (const x of state.actors)
    if (us.has(x.id)) {
      lost += x.casualties.killed + x.casualties.wounded + x.casualties.returned;
      fought += soldiersWhoFought(x);
    }
  let backed = 0;
  for (const b of a.backs) backed += territoryTerm(state, b);
  return {
    territory: territoryTerm(state, a.id),
    regime_security: clamp(a.support - a.startSupport - (a.collapsed ? 0.5 : 0)),
    casualties: fought > 0 && lost > 0 ? -Math.min(1, lost / fought) : 0,
    economy: clamp(10 * (a.output - 1 - givenShare(state, a))),
    credibility: clamp(a.reputation - 1),
    technology: technologyTerm(a),
    leverage: clamp(leverageOf(dep, a.id) - a.startLeverage),
    escalation_risk: state.turn > 0 && a.exposure !== 0 ? clamp(-a.exposure / state.turn) : 0,
    battle_experience: experienceTerm(a),
    backed_territory: a.backs.length > 0 ? backed / a.backs.length : 0,
    rival_gains: a.rivals.length > 0 ? 0 - rivalGains(state, a.rivals) || 0 : 0,
  };
}

/**
 * What it has given in money and in weapons counted in dollars since the start, as a share of its output over the
 * same days (0 when its GDP is unknown): arms and aid are paid for.
 */
function givenShare(state: GameState, a: ActorState): number {
  const output = (a.gdp * 1000 * state.turn * state.turnDays) / 365; // USD million
  if (output <= 0) return 0;
  let given = 0;
  for (const t of state.transfers) if (t.from === a.id && t.delivered > 0) given += (moneyScale(t.unit) ?? 0) * t.delivered;
  return given / output;
}

/** Technology programmes absorbed, 0.2 each, up to 1. */
function technologyTerm(a: ActorState): number {
  return Math.min(1, 0.2 * a.technology);
}

/** Person-days of fighting per soldier who fought, over a year, up to 1. */
function experienceTerm(a: ActorState): number {
  return a.fought > 0 ? Math.min(1, a.experience / (a.fought * 365)) : 0;
}

/** The mean over `rivals` of the mean of their technology and battle-experience terms, 0..1. */
function rivalGains(state: GameState, rivals: readonly Id[]): number {
  let sum = 0;
  for (const id of rivals) {
    const r = state.actors.find((x) => x.id === id);
    if (r) sum += (technologyTerm(r) + experienceTerm(r)) / 2;
  }
  return sum / rivals.length;
}

/** Ten times the share of `actor`'s wars' contested area its side gained (lost on its side's soil counts against). */
function territoryTerm(state: GameState, actor: Id): number {
  let gained = 0;
  let area = 0;
  for (const f of state.fronts) {
    const war = state.wars.find((w) => w.id === f.conflict);
    const side = war ? sideOf(war, actor) : -1;
    if (!war || side === -1) continue;
    const ownerSide = sideOf(war, f.territory);
    if (ownerSide === -1) continue;
    const sign = ownerSide === side ? 1 : -1;
    gained += sign * (f.control - f.startControl) * f.areaKm2;
    area += f.areaKm2;
  }
  return area > 0 ? Math.max(-1, Math.min(1, (10 * gained) / area)) : 0;
}
