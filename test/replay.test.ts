// `yourmove replay` end to end (PRODUCT.md: `replay <game-id|log-file> [--turn N] [--json]`; game ids come with the
// game service): a record `play --json` printed replays with the reports `play` printed, checked turn by turn against
// the engine; a tampered record is refused at the turn it was changed; wrong usage exits 2.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GameRecord } from '../src/core/engine/game.ts';
import { yourmove } from './helpers/cli.ts';

// NATO's orders and its members' over the first three turns; every other actor is a bot.
const ORDERS = [
  '1: [{ type: message, to: rus, text: "The DPRK contingent in Kursk makes North Korea a party to this war." }]',
  '2:',
  '  usa: [{ type: nuclear_signal, level: raised }]',
  '  pol: [{ type: mobilise, level: partial }]',
  '3:',
  '  usa: [{ type: permit, permission: usa-deep-strike }]',
  '  gbr: [{ type: transfer, to: ukr, kind: munitions, amount: 20000, unit: 155 mm shells }]',
  '',
].join('\n');

interface PlayOutput {
  as: string;
  turns: Record<string, unknown>[];
  record: GameRecord;
}

const dir = mkdtempSync(join(tmpdir(), 'yourmove-replay-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
};
/** A turn's report as `play` prints it, without the bots' answers (their reasons are not in the record). */
const reportsOf = (playText: string) => playText.replace(/^Their answers:\n(?: {2}.*\n)*/gm, '');

describe('yourmove replay', () => {
  let text: string;
  let output: PlayOutput;
  let whole: string;
  let bare: string;

  beforeAll(() => {
    const orders = file('orders.yaml', ORDERS);
    const args = ['play', 'korea-russia-2024', '--as', 'nato', '--orders', orders, '--turns', '6', '--seed', '7'];
    const played = yourmove(args);
    expect(played.status, played.stderr).toBe(0);
    text = played.stdout;
    const json = yourmove([...args, '--json']);
    expect(json.status, json.stderr).toBe(0);
    output = JSON.parse(json.stdout) as PlayOutput;
    whole = file('game.json', json.stdout);
    bare = file('record.json', output.record);
  }, 60_000);

  it("replays play --json's output with the reports play printed, every turn checked", () => {
    expect(text).toContain('Their answers:'); // what the record does not hold, and replay does not print
    const r = yourmove(['replay', whole]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(reportsOf(text));
    expect(r.stdout).toContain('Turn 6 — 2024-12-20 (as NATO knows it)');
    expect(r.stderr).toBe(`yourmove: ${whole}: 6 turns of korea-russia-2024 (seed 7) replayed, every state hash as recorded\n`);
  });

  it("replays the record alone the same way, as the scenario's player or as another actor", () => {
    expect(yourmove(['replay', bare]).stdout).toBe(reportsOf(text));
    const russia = yourmove(['replay', bare, '--as', 'rus', '--turn', '1']);
    expect(russia.status).toBe(0);
    expect(russia.stdout).toMatch(/^Turn 1 — 2024-11-15 \(as Russia knows it\)\n/);
    expect(yourmove(['replay', bare, '--as', 'atlantis']).status).toBe(2);
  });

  it("prints one turn's report with --turn, and the turns as play --json has them (and their hashes) with --json", () => {
    const third = yourmove(['replay', whole, '--turn', '3']);
    expect(third.status).toBe(0);
    const blocks = reportsOf(text).split(/(?=^Turn \d+ — )/m);
    expect(third.stdout).toBe(blocks[2]);
    const json = yourmove(['replay', whole, '--json']);
    expect(json.status).toBe(0);
    const replayed = JSON.parse(json.stdout) as { as: string; seed: number; turns: Record<string, unknown>[] };
    expect(replayed).toMatchObject({ scenario: 'korea-russia-2024', seed: 7, as: 'nato' });
    expect(replayed.turns.map(({ hash: _hash, ...t }) => t)).toEqual(output.turns.map(({ decisions: _decisions, ...t }) => t));
    expect(replayed.turns.map((t) => t.hash)).toEqual(output.record.hashes);
    const one = JSON.parse(yourmove(['replay', whole, '--json', '--turn', '6']).stdout) as { turns: { turn: number }[] };
    expect(one.turns.map((t) => t.turn)).toEqual([6]);
  });

  it('refuses a record whose order was changed, at the turn of the change', () => {
    const record = structuredClone(output.record);
    (record.orders[2]!.gbr![0] as { amount: number }).amount = 10_000;
    const r = yourmove(['replay', file('changed-order.json', record)]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^yourmove: \S+changed-order\.json: turn 3 does not replay: the engine's state hash after it is \w+, the record's \w+/,
    );
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('refuses a record whose hash was changed, at that turn; and one of another engine', () => {
    const record = structuredClone(output.record);
    record.hashes[1] = '0'.repeat(14);
    const r = yourmove(['replay', file('changed-hash.json', { ...output, record })]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("changed-hash.json: turn 2 does not replay: the engine's state hash after it is");
    expect(r.stderr).toContain("the record's 00000000000000");
    const old = yourmove(['replay', file('old-engine.json', { ...output.record, engine: '0.0.1' })]);
    expect(old.status).toBe(1);
    expect(old.stderr).toContain('the game was played on engine 0.0.1; this is engine');
  });

  it('refuses a file that is no game record, saying where', () => {
    const record = structuredClone(output.record) as unknown as { orders: Record<string, Record<string, unknown>[]>[] };
    record.orders[2]!.gbr![0]!.amount = 'many';
    const bad = file('bad-order.json', record);
    const r = yourmove(['replay', bad]);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toMatch(
      new RegExp(
        `^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: orders\\[2\\]\\.gbr\\[0\\]\\.amount: expected a number, got the text "many"$`,
      ),
    );
    expect(r.stderr).toContain(`yourmove: ${bad}: 1 problem: not a game record yourmove can replay`);
    const cut = yourmove(['replay', file('cut.json', JSON.stringify(output.record).slice(0, 200))]);
    expect(cut.status).toBe(1);
    expect(cut.stderr).toMatch(/cut\.json:1:\d+: \(file\): /);
    const missing = yourmove(['replay', join(dir, 'no-such-file.json')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(`yourmove: ${join(dir, 'no-such-file.json')}: cannot read the file: no such file\n`);
    const short = yourmove(['replay', file('short.json', { ...output.record, hashes: output.record.hashes.slice(1) })]);
    expect(short.stderr).toContain('the record has orders for 6 turns but state hashes for 5');
    for (const x of [r, cut, missing, short]) expect(x.stderr).not.toMatch(/\n\s+at |internal error/);
  });

  it('refuses a --turn out of range, or not a whole number, as wrong usage', () => {
    for (const turn of ['0', '7', '-1', '1e0', 'x']) {
      const r = yourmove(['replay', whole, '--turn', turn]);
      expect(r.status, `--turn ${turn}`).toBe(2);
      expect(r.stderr).toBe(`yourmove: --turn ${turn}: expected a whole number from 1 to 6\n`);
    }
    expect(yourmove(['replay']).status).toBe(2);
  }, 90_000);
});
