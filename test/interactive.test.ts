// Interactive play, end to end through standard input, as a person at a terminal would type: the situation,
// "Your move, NATO." with the legal orders as a menu, amounts asked for, the other actors' answers with their
// reasons, the turn report; bad input is answered, not fatal; q and the end of input quit.
import { describe, expect, it } from 'vitest';
import { yourmove } from './helpers/cli.ts';

const play = (input: string, extra: string[] = []) =>
  yourmove(['play', 'korea-russia-2024', '--as', 'nato', '--seed', '7', '--turns', '2', ...extra], { input });

describe('yourmove play (interactive)', () => {
  it('shows the situation and the menu, takes an order with an amount, and reports the answers', () => {
    // Turn 1: pick the first "sanction" order on the menu, set its intensity, end the turn. Turn 2: end the turn.
    const menu = play('q\n').stdout;
    expect(menu).toContain('=== Turn 1, from 2024-11-08: the situation as NATO knows it ===');
    expect(menu).toMatch(/Kursk salient: Russia holds \d+ %; Russia [\d,]+, North Korea \(for Russia\) ~[\d,]+, Ukraine [\d,]+/);
    expect(menu).toContain('Your move, NATO.');
    expect(menu).toContain('   0  end the turn');
    const line = menu.split('\n').find((l) => /^\s+\d+ {2}sanction China/.test(l))!;
    const k = line.trim().split(/\s+/)[0]!;
    const r = play(`${k}\n0.2\n0\n0\n`);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('intensity [0.1]:');
    expect(r.stdout).toContain('Ordered so far: sanction China (20 % of its trade).');
    expect(r.stdout).toContain('NATO sanctions China (20 % of its trade)');
    expect(r.stdout).toContain('Turn 1 — 2024-11-15 (as NATO knows it)');
    expect(r.stdout).toContain('Their answers:');
    expect(r.stdout).toMatch(/ {2}Russia (reinforces|does nothing|rejects|invokes|mobilises)/);
    expect(r.stdout).toContain('=== Turn 2, from 2024-11-15');
    expect(r.stdout).toContain('The game ends after turn 2.');
  });

  it('answers input that is not on the menu and goes on', () => {
    const r = play('banana\n999\n0\nq\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('"banana" is not on the menu: type a number from 0 to');
    expect(r.stdout).toContain('"999" is not on the menu');
    expect(r.stdout).toContain('Turn 1 — 2024-11-15 (as NATO knows it)');
    expect(r.stdout).not.toContain('The game ends');
  });

  it('quits cleanly at the end of the input', () => {
    const r = play('');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('refuses --json without --orders, and an unknown bot kind', () => {
    expect(play('', ['--json']).status).toBe(2);
    const r = play('', ['--bots', 'genius']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--bots genius: expected one of heuristic, mcts, none');
  });
});
