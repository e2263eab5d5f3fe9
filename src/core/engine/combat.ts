/**
 * Combat on a front for one turn (docs/model.md §3): Helmbold-type attrition between the two sides, stochastic
 * around its deterministic rate, split into killed and wounded, spread over each side's forces in proportion
 * to their strength; control of the front moves with the force ratio.
 *
 * Each side's effective strength E = Σ troops · quality · firepower · posture factor. Per day, with w = COMBAT.mixing,
 * a force of A troops on side a loses
 *
 *     lossRate · intensity · exposure(posture) · A · (E_b / E_a)^w
 *
 * a share of itself that grows with the enemy's relative strength (`intensity`: the front's own, 1 unless the scenario
 * sets it), where w = 0 is pure attrition, w = 1 the
 * square law's dependence on the ratio (Helmbold 1965's exponents, docs/model.md §3). The turn's total is multiplied by a log-normal
 * factor (σ = COMBAT.noise). The line moves toward the weaker side at `advanceRate` · ln(E_strong / E_weak)
 * km a day along the front's length (its area over that length is the share of the front that changes hands) — if
 * a side attacks there (an attack that fails is thrown back); where both hold or defend the line stands still;
 * control stays in [0, 1].
 */
import type { Rng } from '../rng.ts';
import { SWITCHES } from '../switches.ts';
import { standardNormal } from '../sample.ts';
import type { Event } from './orders.ts';
import { sideOf, type ActorState, type ForceState, type FrontState, type WarState } from './state.ts';

export const COMBAT = {
  /**
   * Daily loss share at parity, calibrated so that with no new orders Russia loses ~1,250 killed and wounded
   * a day in Ukraine (UK MoD: 41,980 in October 2024, ~1,354 a day, a war high; docs/calibration.md).
   */
  lossRate: SWITCHES.combat_loss_rate.default,
  /** Weight of the enemy's relative strength in one's losses (0 pure attrition .. 1 square-law ratio). */
  mixing: 0.5,
  /** An attacking force loses this many times its base rate (Russia's losses run ~1.5× Ukraine's, SCENARIO-FACTS). */
  attackExposure: SWITCHES.combat_attack_exposure.default,
  /** A holding force. */
  holdExposure: 0.5,
  /** Defending adds strength (the defender's advantage of prepared positions). */
  defenceBonus: SWITCHES.combat_defence_bonus.default,
  /** Log-normal spread of a turn's losses around their rate (judgement; see docs/calibration.md). */
  noise: 0.25,
  /** Share of casualties killed: WSJ Sep 2024, up to ~200,000 dead of ~600,000 Russian killed and wounded. */
  killedShare: 0.33,
  /** Share of the wounded not yet returned who return to duty each week (judgement). */
  woundedReturnPerWeek: 0.08,
  /**
   * Advance in km a day per unit of ln(effective strength ratio). In Ukraine (1,040 km of active front) Russia
   * took 15-18 km² a day in Aug-Oct 2024 (ISW/AFP) at an effective ratio near 1.25 (troops 1.16 : 1, firepower
   * 1.6 : 1, the defender's 1.5) — 16.5 / 1,040 / ln 1.25 ≈ 0.07 — and the Kursk recapture, ~12 km² a day on a ~72 km
   * line at ~7.8 : 1, ~0.08: one law fits both scales; 0.08 is fitted by docs/calibration.md.
   */
  advanceRate: SWITCHES.combat_advance_rate.default,
} as const;

/** The constants a front is fought with: COMBAT's, or a game's switches in their place (src/core/switches.ts). */
export type CombatRules = Readonly<Record<'lossRate' | 'advanceRate' | 'defenceBonus' | 'attackExposure', number>>;

const postureFactor = (r: CombatRules, p: ForceState['posture']) => (p === 'defend' ? r.defenceBonus : 1);
const exposure = (r: CombatRules, p: ForceState['posture']) => (p === 'attack' ? r.attackExposure : p === 'hold' ? COMBAT.holdExposure : 1);

/**
 * Fight one turn on `front`. Mutates the front and the owners' casualty counts (the caller passes copies);
 * returns the combat event, or null when only one side is present. `firepower` gives an actor's fire support
 * on this front (economy.ts: what its stock allows, deep strikes included).
 */
export function fightFront(
  front: FrontState,
  war: WarState,
  actors: Map<string, ActorState>,
  days: number,
  rng: Rng,
  firepower: (front: FrontState, actor: string) => number = (_, actor) => actors.get(actor)!.firepower,
  rules: CombatRules = COMBAT,
): Event | null {
  const sides: [typeof front.forces, typeof front.forces] = [[], []];
  for (const f of front.forces) {
    const side = sideOf(war, f.for);
    if (side !== -1 && f.troops > 0) sides[side].push(f);
  }
  if (sides[0].length === 0 || sides[1].length === 0) return null;

  const effective = (s: readonly ForceState[]) =>
    s.reduce((acc, f) => acc + f.troops * f.quality * firepower(front, f.actor) * postureFactor(rules, f.posture), 0);
  const strength = [effective(sides[0]), effective(sides[1])]; // a literal, not a map: packed (src/core/packed.ts)
  const losses: { actor: string; for: string; covert: boolean; killed: number; wounded: number }[] = [];

  for (const k of [0, 1] as const) {
    const enemy = strength[1 - k]!;
    const own = strength[k]!;
    const noise = Math.exp(COMBAT.noise * standardNormal(rng) - (COMBAT.noise * COMBAT.noise) / 2);
    for (const f of sides[k]) {
      const rate = rules.lossRate * front.intensity * exposure(rules, f.posture) * Math.pow(enemy / own, COMBAT.mixing);
      const lost = Math.min(f.troops, Math.round(f.troops * (1 - Math.pow(1 - Math.min(1, rate), days)) * noise));
      const killed = Math.round(lost * COMBAT.killedShare);
      const wounded = lost - killed;
      f.troops -= lost;
      const owner = actors.get(f.actor)!;
      owner.casualties.killed += killed;
      owner.casualties.wounded += wounded;
      owner.experience += f.troops * days;
      losses.push({ actor: f.actor, for: f.for, covert: f.covert, killed, wounded });
    }
  }

  const ownerSide = sideOf(war, front.territory);
  if (ownerSide !== -1) {
    const km = rules.advanceRate * days * Math.log(strength[ownerSide]! / strength[1 - ownerSide]!);
    // A front where nobody attacks stands still: the line moves (toward the weaker side) only where a side attacks.
    if (sides[0].some((f) => f.posture === 'attack') || sides[1].some((f) => f.posture === 'attack'))
      front.control = Math.min(1, Math.max(0, front.control + (km * front.lengthKm) / front.areaKm2));
  }
  front.forces = front.forces.filter((f) => f.troops > 0);
  return { type: 'combat', front: front.id, losses, control: front.control };
}

/** Wounded returning to duty over a turn of `days` days. Mutates the actor; returns how many returned. */
export function returnWounded(actor: ActorState, days: number): number {
  const share = 1 - Math.pow(1 - COMBAT.woundedReturnPerWeek, days / 7);
  // Rounded up, so that a handful of wounded come back too rather than staying wounded for ever.
  const back = Math.min(actor.casualties.wounded, Math.ceil(actor.casualties.wounded * share));
  actor.casualties.wounded -= back;
  actor.casualties.returned += back;
  actor.pool += back;
  return back;
}
