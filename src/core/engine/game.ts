/**
 * A game: a scenario, a seed and the orders of every turn. That record is all a replay needs: the initial
 * state is drawn from `Rng.derive(seed, 0)` and every turn's chance from `Rng.derive(seed, 1)`, so replaying
 * the record reproduces every state hash (docs/model.md §10; boardgame.io's "the log is the replay").
 *
 * A checkpoint is the state after a turn with the generator's four words at that point: a long game resumes
 * from its last checkpoint instead of replaying from the start, and ends in the same hashes.
 */
import type { Id, Scenario } from '../model.ts';
import { Rng, type RngState } from '../rng.ts';
import { apply, type TurnResult } from './apply.ts';
import { hashState, hashText } from './hash.ts';
import { initialState } from './init.ts';
import type { TurnOrders } from './orders.ts';
import type { CallAnswer, GameState } from './state.ts';

/** Bumped whenever a rule change alters any outcome: a record replays only on the engine that made it. */
export const ENGINE_VERSION = '0.7.0';

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

/** Where a game stood after `turn` turns: enough to play on without the turns before. */
export interface Checkpoint {
  engine: string;
  scenarioHash: string;
  seed: number;
  turn: number;
  state: GameState;
  rng: RngState;
  hash: string;
}

export interface PlayOptions {
  /** Keep a checkpoint every this many turns (and none if left out). */
  checkpointEvery?: number;
  /** Start from this checkpoint instead of the scenario's start; `orders[0]` is then the turn after it. */
  from?: Checkpoint;
  /**
   * Complete each turn's orders before it is played (the AI actors' moves): given the state and the scripted
   * orders, returns the orders to play. The record keeps what was played, so it replays without the bots.
   */
  complete?: (state: GameState, scripted: TurnOrders) => TurnOrders;
}

export function scenarioHash(s: Scenario): string {
  return hashText(JSON.stringify(s));
}

/**
 * Play `orders.length` turns (or `turns`, passing where no orders are given) from the scenario's start, or
 * from `options.from` (a checkpoint of the same engine, scenario and seed).
 */
export function playGame(
  s: Scenario,
  seed: number,
  orders: readonly TurnOrders[],
  turns = orders.length,
  options: PlayOptions = {},
): { initial: GameState; turns: PlayedTurn[]; record: GameRecord; checkpoints: Checkpoint[] } {
  const from = options.from;
  const initial = from ? from.state : initialState(s, seed);
  const rng = from ? Rng.fromState(from.rng) : Rng.derive(seed, 1);
  const scenarioHashValue = scenarioHash(s);
  const played: PlayedTurn[] = [];
  const checkpoints: Checkpoint[] = [];
  let state = initial;
  for (let t = 0; t < turns; t++) {
    const scripted = orders[t] ?? {};
    const turnOrders = options.complete ? options.complete(state, scripted) : scripted;
    const result = apply(state, turnOrders, rng);
    state = result.state;
    const hash = hashState(state);
    played.push({ ...result, orders: turnOrders, hash });
    if (options.checkpointEvery && state.turn % options.checkpointEvery === 0)
      checkpoints.push({ engine: ENGINE_VERSION, scenarioHash: scenarioHashValue, seed, turn: state.turn, state, rng: rng.state(), hash });
  }
  return {
    initial,
    turns: played,
    checkpoints,
    record: {
      engine: ENGINE_VERSION,
      scenario: s.id,
      scenarioHash: scenarioHashValue,
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

/**
 * Play on from a checkpoint to the end of a record (the record's orders after the checkpoint's turn), checking
 * the checkpoint belongs to this engine, scenario and seed and that every later hash matches the record.
 */
export function resumeGame(s: Scenario, record: GameRecord, checkpoint: Checkpoint): ReplayCheck {
  if (checkpoint.engine !== ENGINE_VERSION)
    return { ok: false, reason: `the checkpoint was made by engine ${checkpoint.engine}; this is engine ${ENGINE_VERSION}` };
  if (checkpoint.scenarioHash !== scenarioHash(s) || checkpoint.seed !== record.seed)
    return { ok: false, reason: `the checkpoint is of another scenario or seed than the record` };
  if (hashState(checkpoint.state) !== checkpoint.hash || record.hashes[checkpoint.turn - 1] !== checkpoint.hash)
    return { ok: false, reason: `the checkpoint's state at turn ${checkpoint.turn} is not the record's` };
  const { turns } = playGame(s, record.seed, record.orders.slice(checkpoint.turn), undefined, { from: checkpoint });
  for (let t = 0; t < turns.length; t++) {
    const turn = checkpoint.turn + t + 1;
    if (turns[t]!.hash !== record.hashes[turn - 1])
      return { ok: false, reason: `turn ${turn}: state hash ${turns[t]!.hash}, the record has ${record.hashes[turn - 1]}` };
  }
  return { ok: true, turns: checkpoint.turn + turns.length };
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
  /** Each treaty: in force or not, and its calls to arms so far with their answers. */
  treaties: { id: Id; inForce: boolean; rejected: boolean; calls: { obliged: Id; protects: Id; answer: CallAnswer }[] }[];
  /** Munitions stocks of the actors whose stocks are tracked. */
  munitions: Record<Id, number>;
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
    treaties: state.treaties.map((t) => ({
      id: t.id,
      inForce: t.inForce,
      rejected: t.rejectedBy !== null,
      calls: state.calls.filter((c) => c.treaty === t.id).map((c) => ({ obliged: c.obliged, protects: c.protects, answer: c.answer })),
    })),
    munitions: Object.fromEntries(state.actors.filter((a) => a.munitionsTracked).map((a) => [a.id, Math.round(a.munitions)])),
  };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
