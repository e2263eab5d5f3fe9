/**
 * Named switches (docs/model.md §6, "Switches"): the model's judgement constants of combat, honour, reinforcement,
 * aid and support, each with its default (the constant the engine and the bots use when a scenario says nothing),
 * the range it may take and what it means. A scenario may set any of them (`switches:`), as a value or as a
 * distribution; a forecast then draws it run by run like any uncertain input, and its sensitivity table ranks it
 * beside the scenario's own figures — so that an answer that rests on a judgement says which. KTAB's models expose
 * their modelling choices the same way, as named switches a run may set.
 *
 * The defaults live here, once; the modules that use them name them (COMBAT in combat.ts, HONOUR_BASE and the
 * reinforcement constants in heuristic.ts, AID_LAG_DAYS in economy.ts, SUPPORT_PAIN in apply.ts) and say there
 * where each comes from. This module imports nothing of the engine, so every module may read it.
 */
import type { Range } from './dist.ts';

export interface SwitchSpec {
  /** The value when the scenario gives none: the engine's or the bots' constant. */
  default: number;
  range: Range;
  /** What it sets, and where (for docs/scenario-language.md and error messages). */
  about: string;
}

export const SWITCHES = {
  combat_loss_rate: {
    default: 0.0015,
    range: { min: 0, max: 0.1, exclusiveMin: true },
    about: "a front's daily loss share at parity (combat.ts COMBAT.lossRate, calibrated on October 2024)",
  },
  combat_advance_rate: {
    default: 0.08,
    range: { min: 0, max: 10 },
    about: 'km a day the line moves per unit of ln(strength ratio) (combat.ts COMBAT.advanceRate, calibrated)',
  },
  combat_defence_bonus: {
    default: 1.5,
    range: { min: 1, max: 5 },
    about: 'the strength a defending force gains from prepared positions (combat.ts COMBAT.defenceBonus)',
  },
  combat_attack_exposure: {
    default: 1.5,
    range: { min: 0.1, max: 10 },
    about: "an attacking force's losses over the base rate (combat.ts COMBAT.attackExposure)",
  },
  honour_all_means: {
    default: 0.95,
    range: { min: 0, max: 1 },
    about: 'the bots\' base chance of honouring an "all means" obligation (heuristic.ts HONOUR_BASE)',
  },
  honour_as_deemed_necessary: {
    default: 0.7,
    range: { min: 0, max: 1 },
    about: 'the base chance of honouring an obligation "as deemed necessary" (NATO Art. 5; heuristic.ts HONOUR_BASE)',
  },
  honour_constitutional_processes: {
    default: 0.35,
    range: { min: 0, max: 1 },
    about: 'the base chance of honouring one "in accordance with constitutional processes" (heuristic.ts HONOUR_BASE)',
  },
  reinforce_share: {
    default: 0.075,
    range: { min: 0, max: 1 },
    about: 'the share of its pool a side sends to a front in a turn (heuristic.ts REINFORCE_SHARE, calibrated)',
  },
  counter_ratio: {
    default: 2,
    range: { min: 0, max: 100, exclusiveMin: true },
    about: 'soldiers per enemy at which a defending or holding force goes over to the attack (heuristic.ts COUNTER_RATIO)',
  },
  aid_lag_days: {
    default: 90,
    range: { min: 0, max: 3650, exclusiveMin: true },
    about: 'days for the weapons aid in hand to follow a change in deliveries (economy.ts AID_LAG_DAYS)',
  },
  support_pain: {
    default: 1,
    range: { min: 0, max: 100 },
    about: 'support lost per share of the fighting force lost, before casualty sensitivity (apply.ts SUPPORT_PAIN)',
  },
} as const satisfies Record<string, SwitchSpec>;

export type SwitchName = keyof typeof SWITCHES;
export const SWITCH_NAMES = Object.keys(SWITCHES) as SwitchName[];

/** The switches of a game: every one with its value (shared by every state of the game, never changed). */
export type Switches = Readonly<Record<SwitchName, number>>;

/** Every switch at its default. */
export const DEFAULT_SWITCHES: Switches = Object.fromEntries(SWITCH_NAMES.map((k) => [k, SWITCHES[k].default])) as Switches;

/** A game's switches: the values given (already drawn), the defaults for the rest. */
export function switchesOf(given: Partial<Record<SwitchName, number>>): Switches {
  const out = { ...DEFAULT_SWITCHES } as Record<SwitchName, number>;
  for (const k of SWITCH_NAMES) if (given[k] !== undefined) out[k] = given[k];
  return out;
}
