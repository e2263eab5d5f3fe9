// End-to-end tests of the `yourmove` command: the built binary, its exit statuses and output contracts
// (PRODUCT.md: 0 success, 1 invalid input, 2 wrong usage; --json alone on stdout).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { yourmove } from './helpers/cli.ts';
import { PACKAGE_ROOT } from '../src/lang/builtins.ts';

const BUILTINS = ['korea-russia-2024', 'july-1914', 'tutorial'];

describe('yourmove validate', () => {
  it.each(BUILTINS)('accepts the built-in %s, with a source on every number', (id) => {
    const r = yourmove(['validate', '--strict', id]);
    expect(r.stderr).toMatch(/valid/);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('reports each problem as file:line:col: path: message and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yourmove-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'id: bad',
        'title: Bad',
        'description: two problems',
        'start: 2024-11-08',
        'turn_days: 7',
        'horizon: 4',
        'player: nobody',
        'actors:',
        '  - { id: aa, name: A, kind: state, domestic: { support: 1.5, casualty_sensitivity: 0.1 } }',
        '',
      ].join('\n'),
    );
    const r = yourmove(['validate', file]);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(`${file}:9:58: actors[0].domestic.support: must be <= 1, got 1.5`);
    expect(r.stderr).not.toMatch(/ at .*\.js:\d+/);
  });

  it('reports a YAML syntax error the same way, without a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yourmove-'));
    const file = join(dir, 'syntax.yaml');
    writeFileSync(file, 'id: x\nactors: [unclosed\n');
    const r = yourmove(['validate', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: \\(file\\): `));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('accepts JSON as well as YAML', () => {
    const show = yourmove(['show', '--json', 'tutorial']);
    const dir = mkdtempSync(join(tmpdir(), 'yourmove-'));
    const file = join(dir, 'tutorial.json');
    writeFileSync(file, show.stdout);
    expect(yourmove(['validate', file]).status).toBe(0);
  });

  it('says which scenarios exist when asked for one that does not', () => {
    const r = yourmove(['validate', 'no-such-scenario']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no scenario file or built-in scenario "no-such-scenario"');
    expect(r.stderr).toContain('korea-russia-2024');
  });

  it('exits 2 on wrong usage', () => {
    expect(yourmove(['validate']).status).toBe(2);
    expect(yourmove(['validate', 'tutorial', '--no-such-flag']).status).toBe(2);
    expect(yourmove(['no-such-command']).status).toBe(2);
  });
});

describe('yourmove scenarios and show', () => {
  it('lists the built-ins, the default first', () => {
    const r = yourmove(['scenarios', '--json']);
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; default: boolean; player: string }[];
    expect(list.map((s) => s.id)).toEqual(BUILTINS);
    expect(list[0]).toMatchObject({ id: 'korea-russia-2024', default: true, player: 'nato' });
  });

  it('shows the default scenario as JSON with the actors tests rely on', () => {
    const r = yourmove(['show', 'korea-russia-2024', '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const s = JSON.parse(r.stdout) as { actors: { id: string }[]; treaties: { id: string }[] };
    expect(s.actors.map((a) => a.id)).toEqual(expect.arrayContaining(['rus', 'ukr', 'prk', 'kor', 'chn', 'usa', 'nato']));
    expect(s.treaties).toHaveLength(4);
  });

  it('shows a scenario as tables for people', () => {
    const r = yourmove(['show', 'korea-russia-2024']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Kursk salient');
    expect(r.stdout).toMatch(/prk 11k \(10k–12k\) for rus \(covert\)/);
    expect(r.stdout).toContain('defense (all means) if attack on territory');
  });
});

describe('yourmove (no command): the "your move" screen', () => {
  it('shows the default scenario and hands the move to NATO', () => {
    const r = yourmove([]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2024-11-08: turn 1 of 52');
    expect(r.stdout).toContain('prk for rus');
    expect(r.stdout.trimEnd()).toMatch(/Your move, NATO\.\n/);
  });

  it('can be played as another actor', () => {
    const r = yourmove(['--as', 'kor']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Your move, South Korea.');
    expect(r.stdout).toContain('Treaties binding South Korea:\n  US–ROK Mutual Defense Treaty');
  });

  it('refuses an unknown actor with exit 2', () => {
    const r = yourmove(['--as', 'atlantis']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--as atlantis: no such actor');
  });
});

describe('yourmove cinc', () => {
  it('computes CINC from the NMC components and prints the published value beside it', () => {
    const r = yourmove(['cinc', '--year', '2016', 'PRK', 'usa', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { states: { state: string; cinc: number; published: number }[] };
    expect(out.states.map((s) => s.state)).toEqual(['PRK', 'USA']);
    expect(out.states[0]!.cinc).toBeCloseTo(0.013444724, 8);
    expect(out.states[1]!.cinc).toBeCloseTo(out.states[1]!.published, 8);
  });

  it('rejects a year outside the data and an unknown state', () => {
    expect(yourmove(['cinc', '--year', '2030']).status).toBe(2);
    const r = yourmove(['cinc', '--year', '2016', 'XXX']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no NMC row for XXX in 2016');
  });
});

describe("the README's examples", () => {
  it('show what the scripted game prints: the lines given, in order, at the start of its output', () => {
    const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
    const block = /```\n\$ npx yourmove (play [^\n]*)\n([\s\S]*?)```/.exec(readme);
    expect(block, 'the README has a "$ npx yourmove play ..." example').not.toBeNull();
    const args = block![1]!.split(' ');
    const shown = block![2]!.split('\n').filter((l) => l.trim() !== '' && l.trim() !== '...');
    expect(shown.length, 'the example shows some of the output').toBeGreaterThan(2);
    const r = yourmove(args);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, shown.length)).toEqual(shown);
  });
});
