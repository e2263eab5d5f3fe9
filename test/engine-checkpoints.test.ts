/**
 * Checkpoints (issue 3, "checkpoints let a long game resume fast"): a game resumed from a checkpoint — even one
 * written to JSON and read back — ends in the same state hashes as the game played through; a checkpoint of
 * another seed, engine or a doctored state is refused with the reason.
 */
import { describe, expect, it } from 'vitest';
import { playGame, resumeGame, type Checkpoint } from '../src/core/engine/game.ts';
import { legalOrders } from '../src/core/engine/legal.ts';
import type { TurnOrders } from '../src/core/engine/orders.ts';
import { Rng } from '../src/core/rng.ts';
import { loadBuiltin } from './helpers/scenarios.ts';

describe('checkpoints', () => {
  const korea = loadBuiltin('korea-russia-2024');

  // A 52-week game with random legal orders, chosen turn by turn from the state reached.
  function randomGame(seed: number) {
    const chooser = Rng.derive(seed, 9);
    const orders: TurnOrders[] = [];
    let state = playGame(korea, seed, []).initial;
    for (let t = 0; t < 52; t++) {
      const turn: TurnOrders = {};
      for (const a of state.actors) {
        if (!chooser.chance(0.2)) continue;
        const menu = legalOrders(state, a.id);
        turn[a.id] = [menu[chooser.int(menu.length)]!];
      }
      orders.push(turn);
      state = playGame(korea, seed, orders, orders.length).turns.at(-1)!.state;
    }
    return playGame(korea, seed, orders, 52, { checkpointEvery: 10 });
  }
  const game = randomGame(11);

  it('keeps one every N turns, with the state hash of that turn', () => {
    expect(game.checkpoints.map((c) => c.turn)).toEqual([10, 20, 30, 40, 50]);
    for (const c of game.checkpoints) expect(c.hash).toBe(game.record.hashes[c.turn - 1]);
  });

  it('resumes to the same hashes as the game played through, also after a JSON round trip', () => {
    for (const c of game.checkpoints) expect(resumeGame(korea, game.record, c)).toEqual({ ok: true, turns: 52 });
    const stored = JSON.parse(JSON.stringify(game.checkpoints[2])) as Checkpoint;
    expect(resumeGame(korea, game.record, stored)).toEqual({ ok: true, turns: 52 });
  });

  it('refuses a checkpoint of another seed, engine or a doctored state', () => {
    const c = game.checkpoints[1]!;
    const other = playGame(korea, 12, game.record.orders, 52, { checkpointEvery: 10 }).checkpoints[1]!;
    expect(resumeGame(korea, game.record, other)).toMatchObject({ ok: false, reason: expect.stringContaining('seed') });
    expect(resumeGame(korea, game.record, { ...c, engine: '0.0.0' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('engine'),
    });
    const doctored = JSON.parse(JSON.stringify(c)) as Checkpoint;
    doctored.state.actors[0]!.pool += 1;
    expect(resumeGame(korea, game.record, doctored)).toMatchObject({ ok: false, reason: expect.stringContaining('turn 20') });
  });

  it('catches a different chance stream: a checkpoint whose generator words were changed ends in other hashes', () => {
    const c = game.checkpoints[3]!;
    const r = resumeGame(korea, game.record, { ...c, rng: [c.rng[0] ^ 1, c.rng[1], c.rng[2], c.rng[3]] });
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/^turn 4\d: state hash/) });
  });
});
