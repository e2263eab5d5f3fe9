// End-to-end tests of the `yourmove` command: the built binary, its exit statuses and output contracts
// (PRODUCT.md: 0 success, 1 invalid input, 2 wrong usage; --json alone on stdout).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startYourmove, yourmove } from './helpers/cli.ts';
import { PACKAGE_ROOT } from '../src/lang/builtins.ts';

const BUILTINS = ['korea-russia-2024', 'july-1914', 'korea-russia-2024-06', 'tutorial'];

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

// Refusals the probes of issue 13 found: each exits 2 (usage) or 1 (invalid input) with one sentence, never a stack.
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |internal error/);

describe('unknown commands', () => {
  it('are called unknown commands, with commander\'s "Did you mean" when a command is near', () => {
    const r = yourmove(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("error: unknown command 'frobnicate'");
    expect(r.stderr).not.toContain('too many arguments');
    const near = yourmove(['scenarioz']);
    expect(near.status).toBe(2);
    expect(near.stderr.split('\n').slice(0, 2)).toEqual(["error: unknown command 'scenarioz'", '(Did you mean scenarios?)']);
    // Also after the default command's own options.
    expect(yourmove(['--as', 'kor', 'forcast']).stderr).toContain("error: unknown command 'forcast'\n(Did you mean forecast?)");
    expect(yourmove(['stat']).stdout).toBe(''); // the hidden default command is no suggestion, and did not run
  });

  it('the help lists every command, replay among them', () => {
    const r = yourmove(['--help']);
    expect(r.status).toBe(0);
    for (const c of ['scenarios', 'validate', 'show', 'play', 'forecast', 'worker', 'cascade', 'advise', 'cinc', 'replay'])
      expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it("the program's module imports no command's module: each loads when its command runs (a fast --help)", () => {
    const main = readFileSync(join(PACKAGE_ROOT, 'src', 'cli', 'main.ts'), 'utf8');
    const statics = [...main.matchAll(/^import [^;]*? from '([^']+)'/gms)].map((m) => m[1]);
    expect(statics).toEqual(['commander', 'node:fs', './errors.ts']);
  });
});

describe('whole numbers', () => {
  it('are decimal digits (a minus only where negatives are allowed): not hexadecimal, exponents or blanks', () => {
    for (const runs of ['0x10', '1e1', '', '+5', '5.0', '-5']) {
      const r = yourmove(['forecast', 'tutorial', '--runs', runs, '--turns', '1']);
      expect(r.status, `--runs ${JSON.stringify(runs)}`).toBe(2);
      expect(r.stderr).toBe(`yourmove: --runs ${runs}: expected a whole number from 1 to 10000000\n`);
    }
    expect(yourmove(['forecast', 'tutorial', '--runs', '2', '--turns', '0x1']).stderr).toContain('--turns 0x1: expected a whole number');
    expect(yourmove(['cinc', '--year', '0x7e0']).status).toBe(2);
    const negative = yourmove(['forecast', 'tutorial', '--runs', '1', '--turns', '1', '--workers', '1', '--seed', '-3', '--json']);
    expect(negative.status).toBe(0);
    expect(JSON.parse(negative.stdout)).toMatchObject({ runs: 1, seed: -3 });
  }, 90_000);
});

describe('yourmove cascade: refusals', () => {
  const cascade = (...args: string[]) => yourmove(['cascade', 'korea-russia-2024', ...args]);

  it('refuses a date that does not exist, rather than rolling it over into the next month', () => {
    const r = yourmove(['cascade', 'july-1914', '--trigger', 'aut declares war on srb', '--at', '1914-07-32']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('yourmove: --at 1914-07-32: there is no such day in the calendar\n');
    const feb = cascade('--trigger', 'kor declares war on prk', '--at', '2025-02-30');
    expect(feb.status).toBe(2);
    expect(feb.stderr).toContain('--at 2025-02-30: there is no such day in the calendar');
    expect(yourmove(['cascade', 'july-1914', '--trigger', 'aut declares war on srb', '--at', '1914-7-28']).stderr).toContain(
      'expected a date as YYYY-MM-DD',
    );
    // A real day in the scenario's time is taken as it is written.
    const r2 = yourmove([
      'cascade',
      'july-1914',
      '--trigger',
      'aut declares war on srb',
      '--at',
      '1914-07-31',
      '--runs',
      '2',
      '--after',
      '1',
      '--json',
    ]);
    expect(r2.status).toBe(0);
    expect(JSON.parse(r2.stdout)).toMatchObject({ at: '1914-07-31' });
  }, 90_000);

  it.each([
    ['rus declares war on rus', 'an actor cannot declare war on itself'],
    ['prk invades prk', 'an actor cannot invade itself'],
    ['rus declares war on ukr', '"rus" is at war with "ukr" from the start of korea-russia-2024'],
    ['atlantis declares war on rus', 'no actor "atlantis" in korea-russia-2024'],
    ['rus deploys troops to ukr', '"rus" fights against "ukr" in war'],
    ['nato deploys troops to ukr', '"nato" is a bloc: its member states deploy forces'],
    ['gbr permits usa-deep-strike', 'permission "usa-deep-strike" is "usa"\'s to give, not "gbr"\'s'],
    ['usa permits usa-border-counterfire', '"usa-border-counterfire" is allowed from the start'],
  ])('refuses a trigger that cannot happen: "%s"', (trigger, why) => {
    const r = cascade('--trigger', trigger);
    expect(r.status).toBe(2);
    const [line, ...rest] = r.stderr.trimEnd().split('\n');
    expect(line!.startsWith(`yourmove: --trigger "${trigger}": ${why}`), line).toBe(true);
    expect(rest).toEqual([]);
    expect(r.stdout).toBe('');
  });

  it('refuses a --dot file it cannot write, before the runs start (a million would outlast the test)', () => {
    const missing = cascade('--trigger', 'kor declares war on prk', '--runs', '1000000', '--dot', '/no/such/dir/x.dot');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('yourmove: --dot /no/such/dir/x.dot: cannot write there: the folder /no/such/dir does not exist\n');
    const dir = mkdtempSync(join(tmpdir(), 'yourmove-'));
    const folder = cascade('--trigger', 'kor declares war on prk', '--runs', '1000000', '--dot', dir);
    expect(folder.status).toBe(1);
    expect(folder.stderr).toBe(`yourmove: --dot ${dir}: cannot write there: it is a folder\n`);
    noStack(missing.stderr + folder.stderr);
    // A path it can write gets the graph.
    const ok = cascade('--trigger', 'kor declares war on prk', '--runs', '2', '--after', '1', '--dot', join(dir, 'chain.dot'));
    expect(ok.status).toBe(0);
    expect(readFileSync(join(dir, 'chain.dot'), 'utf8')).toMatch(/^digraph/);
  }, 90_000);
});

describe('a reader that stops reading', () => {
  it('(yourmove ... | head) ends the command quietly, with no trace', async () => {
    const cli = startYourmove(['play', 'korea-russia-2024', '--as', 'nato', '--orders', 'examples/nato-orders.yaml', '--turns', '12']);
    await new Promise((resolve) => cli.child.stdout!.once('data', resolve));
    cli.child.stdout!.destroy();
    expect(await cli.ended()).toBe(0);
    expect(cli.stderr()).not.toMatch(/EPIPE|Unhandled|at /);
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
