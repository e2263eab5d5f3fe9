/**
 * The validator's error tests, DATC-style: the rules are tested as data. Each file in test/broken/ is a
 * small scenario broken in one (occasionally two) ways; its leading comments state the problems the loader
 * must report, exactly and in order:
 *
 *   # expect: LINE:COL: PATH: MESSAGE     (one line per problem; the file name is left out)
 *   # why: what the case is about
 *
 * Cases too big to commit (over the size limits) are generated below.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatProblem, loadScenarioText, type LoadResult } from '../src/lang/load.ts';
import { LIMITS } from '../src/lang/schema.ts';

const BROKEN = fileURLToPath(new URL('./broken/', import.meta.url));
const BASE_FILE = fileURLToPath(new URL('./fixtures/valid-minimal.yaml', import.meta.url));
const LOADER = fileURLToPath(new URL('../src/lang/load.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BASE = readFileSync(BASE_FILE, 'utf8');

/** Load without letting an exception escape: a throw is itself a failure. */
function load(text: string, name: string): LoadResult {
  let result: LoadResult | undefined;
  expect(() => {
    result = loadScenarioText(text, name);
  }).not.toThrow();
  return result!;
}

/** The problems as `line:col: path: message`, checked to carry the file name that `formatProblem` prints. */
function reported(result: LoadResult, name: string): string[] {
  expect(result.ok, 'the loader accepted a broken scenario').toBe(false);
  return result.problems.map((p) => {
    const line = formatProblem(p);
    expect(line.startsWith(`${name}:`)).toBe(true);
    return line.slice(name.length + 1);
  });
}

interface Case {
  name: string;
  text: string;
  expected: string[];
  why: string | undefined;
}

function readCases(): Case[] {
  return readdirSync(BROKEN)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((name) => {
      const text = readFileSync(BROKEN + name, 'utf8');
      const lines = text.split('\n');
      const expected = lines.filter((l) => l.startsWith('# expect: ')).map((l) => l.slice('# expect: '.length));
      const why = lines.find((l) => l.startsWith('# why: '));
      return { name, text, expected, why };
    });
}

const cases = readCases();

describe('the base fixture', () => {
  it('valid-minimal.yaml loads', () => {
    const r = load(BASE, 'valid-minimal.yaml');
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([]);
    expect(r.ok).toBe(true);
  });
});

describe('broken scenarios (test/broken/)', () => {
  it('has enough cases, each stating its expectations and its reason', () => {
    expect(cases.length).toBeGreaterThanOrEqual(117);
    for (const c of cases) {
      expect(c.expected.length, `${c.name} has no "# expect:" line`).toBeGreaterThan(0);
      expect(c.why, `${c.name} has no "# why:" line`).toBeDefined();
    }
  });

  for (const c of cases)
    it(c.name, () => {
      expect(reported(load(c.text, c.name), c.name)).toEqual(c.expected);
    });
});

/** The base fixture with `extra` appended at the top level (it ends in a block collection, so any new key fits). */
const withTopLevel = (extra: string) => `${BASE.trimEnd()}\n${extra}\n`;

/** A small scenario built from lines: the required header, then `body` (which must include `actors`). */
const scenario = (body: string[]) =>
  [
    'id: gen',
    'title: Generated',
    'description: A generated case.',
    'start: 2024-06-01',
    'turn_days: 7',
    'horizon: 10',
    'player: aaa',
    ...body,
    '',
  ].join('\n');

/** `n` states, the first one `aaa` (the player). */
const actorLines = (n: number) => [
  'actors:',
  ...Array.from({ length: n }, (_, i) => `  - { id: ${i === 0 ? 'aaa' : `a${i}`}, name: State ${i}, kind: state }`),
];

/** The 1-based line of the first line equal to `line`. */
const lineOf = (text: string, line: string) => text.split('\n').indexOf(line) + 1;

describe('generated cases: limits and parser edge cases', () => {
  it('a file over LIMITS.bytes is refused by its size', () => {
    const text = withTopLevel(`note: ${'x'.repeat(LIMITS.bytes)}`);
    const bytes = Buffer.byteLength(text, 'utf8');
    expect(reported(load(text, 'big.yaml'), 'big.yaml')).toEqual([
      `1:1: (file): file is ${bytes} bytes; a scenario may be at most ${LIMITS.bytes} bytes`,
    ]);
  });

  it('the size limit counts bytes, not characters', () => {
    // 3-byte characters: well under LIMITS.bytes characters, over LIMITS.bytes bytes.
    const text = withTopLevel(`note: ${'€'.repeat(Math.ceil(LIMITS.bytes / 3) + 1)}`);
    expect(text.length).toBeLessThan(LIMITS.bytes);
    const bytes = Buffer.byteLength(text, 'utf8');
    expect(reported(load(text, 'euro.yaml'), 'euro.yaml')).toEqual([
      `1:1: (file): file is ${bytes} bytes; a scenario may be at most ${LIMITS.bytes} bytes`,
    ]);
  });

  it('nesting deeper than LIMITS.depth is refused, at the bracket that goes too deep', () => {
    const n = LIMITS.depth + 1;
    const line = `note: ${'['.repeat(n)}x${']'.repeat(n)}`;
    const text = withTopLevel(line);
    const col = 'note: '.length + LIMITS.depth + 1;
    expect(reported(load(text, 'deep.yaml'), 'deep.yaml')).toEqual([
      `${lineOf(text, line)}:${col}: (file): nesting is deeper than ${LIMITS.depth} levels`,
    ]);
  });

  it('nesting deeper than LIMITS.depth is refused in block style too', () => {
    const n = LIMITS.depth + 1;
    const lines = Array.from({ length: n }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`);
    const text = withTopLevel(`note:\n${lines.join('\n')} x`);
    // The mapping at depth LIMITS.depth + 1 starts at the key of the last line.
    const last = lines[lines.length - 1]!;
    expect(reported(load(text, 'deep-block.yaml'), 'deep-block.yaml')).toEqual([
      `${lineOf(text, last + ' x')}:${last.indexOf('k') + 1}: (file): nesting is deeper than ${LIMITS.depth} levels`,
    ]);
  });

  // 5000 nested brackets (a 10 KB file) would overflow the YAML parser's stack: the loader must refuse
  // them before parsing.
  it('very deep flow nesting (5000 levels) is refused by the nesting limit, not a stack overflow', () => {
    const n = 5000;
    const line = `note: ${'['.repeat(n)}x${']'.repeat(n)}`;
    const text = withTopLevel(line);
    expect(reported(load(text, 'very-deep.yaml'), 'very-deep.yaml')).toEqual([
      `${lineOf(text, line)}:${'note: '.length + LIMITS.depth + 1}: (file): nesting is deeper than ${LIMITS.depth} levels`,
    ]);
  });

  // Without the pre-parse nesting scan, loading a 60 KB file of 30000 nested brackets a few times in one
  // process killed node ("FATAL ERROR: RegExpCompiler Allocation failed"). Run in a child process so a
  // regression cannot take the test runner down with it.
  it('very deep flow nesting does not crash the process when loaded repeatedly', () => {
    const script = `
      import { loadScenarioText } from ${JSON.stringify(pathToFileURL(LOADER).href)};
      const text = 'note: ' + '['.repeat(30000) + 'x' + ']'.repeat(30000) + '\\n';
      const out = [];
      for (let i = 0; i < 5; i++) out.push(loadScenarioText(text, 'crash.yaml').problems.map((p) => p.message));
      console.log(JSON.stringify(out));
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.stderr.split('\n').find((l) => /FATAL|Error/.test(l)) ?? '').toBe('');
    expect(child.status).toBe(0);
    const messages = JSON.parse(child.stdout) as string[][];
    expect(messages).toEqual(Array.from({ length: 5 }, () => [`nesting is deeper than ${LIMITS.depth} levels`]));
  });

  it(`more than LIMITS.actors actors are refused`, () => {
    const text = scenario(actorLines(LIMITS.actors + 1));
    expect(reported(load(text, 'actors.yaml'), 'actors.yaml')).toEqual([
      `${lineOf(text, 'actors:') + 1}:3: actors: too many items: at most ${LIMITS.actors} allowed`,
    ]);
  });

  it(`exactly LIMITS.actors actors are fine`, () => {
    const r = load(scenario(actorLines(LIMITS.actors)), 'actors.yaml');
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([]);
  });

  it('more than LIMITS.items in a list are refused', () => {
    const regions = Array.from({ length: LIMITS.items + 1 }, (_, i) => `  - { id: r${i}, name: Region ${i} }`);
    const text = scenario(['regions:', ...regions, ...actorLines(1)]);
    expect(reported(load(text, 'items.yaml'), 'items.yaml')).toEqual([
      `${lineOf(text, 'regions:') + 1}:3: regions: too many items: at most ${LIMITS.items} allowed`,
    ]);
  });

  it('a string longer than LIMITS.string is refused', () => {
    const text = BASE.replace('title: Minimal', `title: ${'x'.repeat(LIMITS.string + 1)}`);
    const line = text.split('\n').findIndex((l) => l.startsWith('title: ')) + 1;
    expect(reported(load(text, 'long.yaml'), 'long.yaml')).toEqual([
      `${line}:8: title: too long: at most ${LIMITS.string} characters allowed`,
    ]);
  });

  it('a binary alias bomb (2^30 nodes if expanded) is refused quickly', () => {
    const lines = ['a0: &a0 [lol, lol]'];
    for (let i = 1; i < 30; i++) lines.push(`a${i}: &a${i} [*a${i - 1}, *a${i - 1}]`);
    const started = performance.now();
    const problems = reported(load(lines.join('\n') + '\n', 'bomb.yaml'), 'bomb.yaml');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(problems).toEqual([
      '1:1: (file): the YAML aliases expand too far (a scenario may use at most 100 alias expansions): refused as a resource-exhaustion risk',
    ]);
  });

  // Positions are counted on the text itself: the YAML parser's LineCounter misses the line breaks inside a
  // multi-line token it skips after the first error (it put "start", at 7:1, at 5:13).
  it('syntax problems after a multi-line token are located on their own line', () => {
    const text = '# a stray indented line before the first key\n stray\nid: a\ndescription: >-\n  one\n  two\nstart: 2024-06-01\n';
    const lines = text.split('\n');
    const r = load(text, 'stray.yaml');
    for (const line of reported(r, 'stray.yaml')) {
      const [, l, c, token] = /^(\d+):(\d+): .*?(?:: "([^"\\]*)")?$/.exec(line)!;
      const rest = (lines[Number(l) - 1] ?? '').slice(Number(c) - 1);
      expect(Number(c), line).toBeLessThanOrEqual((lines[Number(l) - 1] ?? '').length + 1);
      if (token !== undefined) expect(rest.startsWith(token), `${line}: the token is not there`).toBe(true);
    }
  });

  // JSON.parse and the YAML reader both keep `__proto__` as data; the objects built from it would not.
  it('a JSON scenario with a __proto__ key is refused at the key, like a YAML one', () => {
    const base = parse(BASE) as Record<string, unknown>;
    const text = JSON.stringify(base, null, 2).replace('"id": "minimal",', '"id": "minimal",\n  "__proto__": { "horizon": 99 },');
    const line = lineOf(text, '  "__proto__": { "horizon": 99 },');
    expect(reported(load(text, 'proto.json'), 'proto.json')).toEqual([
      `${line}:3: __proto__: the key "__proto__" is refused: it names a JavaScript object's prototype machinery, not data`,
    ]);
  });

  it('an empty text and a blank text are reported as empty files', () => {
    for (const text of ['', '\n', '   \n\n  ', '# only a comment\n'])
      expect(reported(load(text, 'blank.yaml'), 'blank.yaml')).toEqual([
        '1:1: (file): the file is empty; a scenario is a mapping with id, title, actors, ...',
      ]);
  });
});
