// `yourmove play` end to end, and game records that replay bit for bit.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { playGame, replayGame, type GameRecord } from '../src/core/engine/game.ts';
import { loadBuiltin } from './helpers/scenarios.ts';
import { yourmove } from './helpers/cli.ts';

const ORDERS = 'examples/nato-orders.yaml';

describe('yourmove play', () => {
  const run = (seed: number) =>
    yourmove(['play', 'korea-russia-2024', '--as', 'nato', '--orders', ORDERS, '--turns', '12', '--seed', String(seed), '--json']);

  it('gives identical JSON for the same seed and different JSON for another', () => {
    const a = run(7);
    expect(a.status).toBe(0);
    expect(a.stderr).toBe('');
    expect(run(7).stdout).toBe(a.stdout);
    expect(run(8).stdout).not.toBe(a.stdout);
  });

  it('reports per-turn metrics: casualties by actor, front control, escalation, support, wars, treaties, munitions', () => {
    const out = JSON.parse(run(7).stdout) as {
      turns: {
        turn: number;
        casualties: Record<string, { all: number }>;
        control: Record<string, number>;
        maxRung: number;
        support: Record<string, number>;
        wars: unknown[];
        treaties: { id: string; inForce: boolean; rejected: boolean; calls: { obliged: string; answer: string }[] }[];
        munitions: Record<string, number>;
      }[];
      record: GameRecord;
    };
    expect(out.turns).toHaveLength(12);
    const last = out.turns[11]!;
    expect(last.turn).toBe(12);
    expect(last.casualties.rus!.all).toBeGreaterThan(last.casualties.ukr!.all);
    expect(last.casualties.prk!.all).toBeGreaterThan(0);
    expect(Object.keys(last.control)).toEqual(['kursk', 'ukraine']);
    expect(last.maxRung).toBeGreaterThanOrEqual(12);
    expect(last.support.rus).toBeLessThan(1);
    expect(out.record.orders).toHaveLength(12);
    expect(last.treaties.map((t) => t.id)).toEqual(['nato-1949', 'rus-prk-2024', 'us-rok-1953', 'chn-prk-1961']);
    expect(last.treaties.find((t) => t.id === 'nato-1949')!.inForce).toBe(true);
    expect(last.munitions.rus).toBeGreaterThan(0);
    expect(Object.keys(last.munitions)).toEqual(['rus']);
  });

  it('its record replays to the same state hashes', () => {
    const record = (JSON.parse(run(3).stdout) as { record: GameRecord }).record;
    const korea = loadBuiltin('korea-russia-2024');
    expect(replayGame(korea, record)).toEqual({ ok: true, turns: 12 });
    const tampered = { ...record, hashes: record.hashes.map((h, i) => (i === 5 ? '0'.repeat(14) : h)) };
    expect(replayGame(korea, tampered)).toMatchObject({ ok: false, reason: expect.stringContaining('turn 6') });
    expect(replayGame(korea, { ...record, engine: '0.0.0' })).toMatchObject({ ok: false });
  });

  it('prints turn reports as the player knows them', () => {
    const r = yourmove(['play', 'korea-russia-2024', '--as', 'nato', '--orders', ORDERS, '--turns', '4', '--seed', '7']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Turn 1 — 2024-11-15 (as NATO knows it)');
    expect(r.stdout).toMatch(/Kursk salient: Russia lost [\d,]+ \([\d,]+ killed\); North Korea \(for Russia\) lost/);
  });

  it('hides what the player has not found: China starts without knowledge of the DPRK contingent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yourmove-'));
    const file = join(dir, 'none.yaml');
    writeFileSync(file, '1: [{ type: pass }]\n');
    const before = yourmove(['play', 'korea-russia-2024', '--as', 'chn', '--orders', file, '--turns', '1', '--seed', '1', '--json']);
    const events = (JSON.parse(before.stdout) as { turns: { events: { type: string; viewer?: string }[] }[] }).turns[0]!.events;
    const found = events.some((e) => e.type === 'detected');
    const combat = events.filter((e) => e.type === 'combat') as unknown as { losses: { actor: string }[] }[];
    const seesPrk = combat.some((c) => c.losses.some((l) => l.actor === 'prk'));
    expect(seesPrk).toBe(found);
  });

  it('locates problems in the orders file and refuses to play', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yourmove-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, ['1:', '  - { type: deploy, front: kursk, troops: many }', '3: [{ type: surrender }]', ''].join('\n'));
    const r = yourmove(['play', 'korea-russia-2024', '--as', 'nato', '--orders', file, '--turns', '4']);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')).toEqual([
      `${file}:2:43: 1[0].troops: expected a number, got the text "many"`,
      `${file}:3:13: 3[0].type: expected one of "pass", "mobilise", "deploy", "withdraw", "posture", "declare_war", "invade", "join_war", "propose_ceasefire", "accept_ceasefire", "reject_ceasefire", "nuclear_signal", "escalate", "message", "propose_treaty", "ratify", "reject_treaty", "invoke_treaty", "answer_call", "transfer", "stop_transfer", "sanction", "lift_sanction", "permit", "forbid", got the text "surrender"`,
      `yourmove: ${file}: 2 problems`,
      '',
    ]);
    // Well-formed orders are then checked against the scenario and the turns played.
    writeFileSync(file, ['2:', '  atlantis: [{ type: pass }]', '9: [{ type: pass }]', ''].join('\n'));
    const again = yourmove(['play', 'korea-russia-2024', '--as', 'nato', '--orders', file, '--turns', '4']);
    expect(again.status).toBe(1);
    expect(again.stderr.split('\n').slice(0, 2)).toEqual([
      `${file}:2:3: 2.atlantis: unknown actor "atlantis"`,
      `${file}:3:1: 9: turn 9 is beyond the 4 turns played (raise --turns)`,
    ]);
  });

  it('refuses wrong usage with exit 2', () => {
    expect(yourmove(['play', 'korea-russia-2024', '--as', 'atlantis', '--orders', ORDERS]).status).toBe(2);
    expect(yourmove(['play', 'korea-russia-2024', '--as', 'nato', '--orders', ORDERS, '--turns', '999']).status).toBe(2);
    expect(yourmove(['play', 'korea-russia-2024', '--as', 'nato', '--orders', ORDERS, '--seed', 'x']).status).toBe(2);
    expect(yourmove(['play', 'korea-russia-2024', '--as', 'nato', '--json']).status).toBe(2); // interactive play has no JSON
    expect(yourmove(['play', 'korea-russia-2024', '--as', 'nato', '--orders', ORDERS, '--budget', '0']).status).toBe(2);
  });
});

describe('game records', () => {
  it('a refused order is reported, not dropped, and the record still replays', () => {
    const tutorial = loadBuiltin('tutorial');
    const game = playGame(tutorial, 4, [{ blu: [{ type: 'deploy', front: 'east-province', troops: 10_000_000 }] }], 3);
    expect(game.turns[0]!.violations.map((v) => v.code)).toEqual(['not_enough_troops']);
    expect(replayGame(tutorial, game.record)).toEqual({ ok: true, turns: 3 });
  });
});
