/**
 * A game: a scenario, a seed and the orders of every turn. That record is all a replay needs: the initial
 * state is drawn from `Rng.derive(seed, 0)` and every turn's chance from `Rng.derive(seed, 1)`, so replaying
 * the record reproduces every state hash (MODEL.md §10; boardgame.io's "the log is the replay").
 */
import type { Id, Scenario } from '../model.ts';
import { Rng } from '../rng.ts';
import { apply, type TurnResult } from './apply.ts';
import { hashState, hashText } from './hash.ts';
import { initialState } from './init.ts';
import type { TurnOrders } from './orders.ts';
import type { GameState } from './state.ts';

/** Bumped whenever a rule change alters any outcome: a record replays only on the engine that made it. */
export const ENGINE_VERSION = '0.2.0';

export interface GameRecord {
  engine: string;
  scenario: Id;
  scenarioHash: string;
  seed: number;
  /** Orders of turns 1, 2, ... (index 0 is turn 1). */
  orders: TurnOrders[];
  /** The state hash after each turn, for checking a replay. */
  hashes: string[];
}

export interface PlayedTurn extends TurnResult {
  orders: TurnOrders;
  hash: string;
}

export function scenarioHash(s: Scenario): string {
  return hashText(JSON.stringify(s));
}

/** Play `orders.length` turns (or `turns`, passing where no orders are given) from the scenario's start. */
export function playGame(
  s: Scenario,
  seed: number,
  orders: readonly TurnOrders[],
  turns = orders.length,
): { initial: GameState; turns: PlayedTurn[]; record: GameRecord } {
  const initial = initialState(s, seed);
  const rng = Rng.derive(seed, 1);
  const played: PlayedTurn[] = [];
  let state = initial;
  for (let t = 0; t < turns; t++) {
    const turnOrders = orders[t] ?? {};
    const result = apply(state, turnOrders, rng);
    state = result.state;
    played.push({ ...result, orders: turnOrders, hash: hashState(state) });
  }
  return {
    initial,
    turns: played,
    record: {
      engine: ENGINE_VERSION,
      scenario: s.id,
      scenarioHash: scenarioHash(s),
      seed,
      orders: played.map((p) => p.orders),
      hashes: played.map((p) => p.hash),
    },
  };
}

export type ReplayCheck = { ok: true; turns: number } | { ok: false; reason: string };

/** Replay a record against a scenario and check every state hash. */
export function replayGame(s: Scenario, record: GameRecord): ReplayCheck {
  if (record.engine !== ENGINE_VERSION)
    return { ok: false, reason: `the record was made by engine ${record.engine}; this is engine ${ENGINE_VERSION}` };
  if (record.scenarioHash !== scenarioHash(s)) return { ok: false, reason: `the scenario "${s.id}" has changed since the record was made` };
  const { turns } = playGame(s, record.seed, record.orders);
  for (let t = 0; t < turns.length; t++)
    if (turns[t]!.hash !== record.hashes[t])
      return { ok: false, reason: `turn ${t + 1}: state hash ${turns[t]!.hash}, the record has ${record.hashes[t]}` };
  return { ok: true, turns: turns.length };
}

/** Per-turn figures for analysis output (the umpire's truth, not a viewer's estimate). */
export interface TurnMetrics {
  turn: number;
  date: string;
  casualties: Record<Id, { killed: number; wounded: number; all: number }>;
  control: Record<Id, number>;
  support: Record<Id, number>;
  maxRung: number;
  wars: { id: Id; active: boolean; sides: [Id[], Id[]] }[];
}

export function turnMetrics(state: GameState): TurnMetrics {
  const casualties: TurnMetrics['casualties'] = {};
  const support: TurnMetrics['support'] = {};
  for (const a of state.actors) {
    const all = a.casualties.killed + a.casualties.wounded + a.casualties.returned;
    if (all > 0) casualties[a.id] = { killed: a.casualties.killed, wounded: a.casualties.wounded + a.casualties.returned, all };
    support[a.id] = round(a.support, 4);
  }
  return {
    turn: state.turn,
    date: state.date,
    casualties,
    control: Object.fromEntries(state.fronts.map((f) => [f.id, round(f.control, 4)])),
    support,
    maxRung: state.maxRung,
    wars: state.wars.map((w) => ({ id: w.id, active: w.active, sides: w.sides })),
  };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
