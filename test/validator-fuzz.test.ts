/**
 * Fuzzing the validator: take every valid scenario (the built-in ones under scenarios/ and the base fixture),
 * break it at random, as data and as text, and check that the loader always answers sensibly: it never
 * throws, it either accepts the text or reports at least one problem, and every problem is located inside
 * the text with a message.
 *
 * The runs use a fixed seed so that CI is reproducible; a failure prints the seed, the path and the shrunk
 * counterexample. To explore further, change the seed (or drop it) locally.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { formatPath, formatProblem, loadScenarioText, type LoadResult } from '../src/lang/load.ts';
import { BOUNDS } from '../src/lang/bounds.ts';

const SCENARIOS = fileURLToPath(new URL('../scenarios/', import.meta.url));
const BASE_FILE = fileURLToPath(new URL('./fixtures/valid-minimal.yaml', import.meta.url));

/** Fixed seed for reproducible CI; ~300 runs per property (about 10 s in all with the built-in scenarios). */
const RUNS = { seed: 42, numRuns: 300 } as const;

interface Valid {
  name: string;
  text: string;
  data: unknown;
}

/** The valid scenarios to start from; built-in scenarios that do not load are left to their own tests. */
function validScenarios(): Valid[] {
  const files = [
    ...readdirSync(SCENARIOS)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort()
      .map((f) => SCENARIOS + f),
    BASE_FILE,
  ];
  const out: Valid[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const name = file.slice(file.lastIndexOf('/') + 1);
    if (loadScenarioText(text, name).ok) out.push({ name, text, data: parse(text) as unknown });
  }
  return out;
}

const valid = validScenarios();

/**
 * The invariants every answer of the loader must meet. With `columns`, also that each problem's column lies
 * on the line it names (or just past its end: the end of the file, a missing closing bracket).
 */
function checkAnswer(text: string, name: string, columns = false): LoadResult {
  let result: LoadResult | undefined;
  expect(() => {
    result = loadScenarioText(text, name);
  }).not.toThrow();
  const r = result!;
  if (r.ok) {
    expect(r.problems).toEqual([]);
    expect(r.scenario).toBeDefined();
    // Valid means runnable: every number it holds is within the largest of the language's bounds.
    expect(numbersBeyond(r.scenario, LARGEST_BOUND)).toEqual([]);
    return r;
  }
  expect(r.problems.length).toBeGreaterThanOrEqual(1);
  const lines = text.split('\n');
  for (const p of r.problems) {
    const where = formatProblem(p);
    expect(p.file, where).toBe(name);
    expect(Number.isInteger(p.line) && p.line >= 1, where).toBe(true);
    expect(Number.isInteger(p.col) && p.col >= 1, where).toBe(true);
    expect(p.line, where).toBeLessThanOrEqual(lines.length + 1);
    if (columns) expect(p.col, where).toBeLessThanOrEqual((lines[p.line - 1] ?? '').length + 1);
    expect(typeof p.path, where).toBe('string');
    expect(p.message.trim(), where).not.toBe('');
  }
  return r;
}

/** The largest bound of any quantity (rounds and transfer amounts). */
const LARGEST_BOUND = Math.max(...Object.values(BOUNDS));

/** The paths of numbers in `node` beyond ±`limit` (or not finite). */
function numbersBeyond(node: unknown, limit: number, at = '', out: string[] = []): string[] {
  if (typeof node === 'number' && !(Math.abs(node) <= limit)) out.push(`${at}: ${node}`);
  else if (Array.isArray(node)) node.forEach((v, i) => numbersBeyond(v, limit, `${at}[${i}]`, out));
  else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) numbersBeyond(v, limit, `${at}.${k}`, out);
  return out;
}

// --- Mutations of the parsed document -------------------------------------------------------------------

type Path = (string | number)[];
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path in the document, the root first (so index 0 always exists). */
function pathsOf(node: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(node)) node.forEach((v, i) => pathsOf(v, [...at, i], out));
  else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) pathsOf(v, [...at, k], out);
  return out;
}

function get(root: unknown, path: Path): unknown {
  let node = root;
  for (const seg of path) node = (node as Record<string | number, unknown>)[seg];
  return node;
}

/** Set a property without ever touching a prototype (keys such as `__proto__` are data here). */
function put(target: object, key: string | number, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Replace the node at `path` (the root when `path` is empty); returns the new root. */
function replace(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = get(root, path.slice(0, -1)) as object;
  put(parent, path[path.length - 1]!, value);
  return root;
}

const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Ids used in the document: every string under a key named `id`. */
function idsOf(root: unknown): string[] {
  return pathsOf(root)
    .filter((p) => p[p.length - 1] === 'id')
    .map((p) => get(root, p))
    .filter((v): v is string => typeof v === 'string');
}

const jsonValue = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>;
/** Values of each JSON type, so a replacement can be forced to change the type. */
const valueOfKind: Record<string, fc.Arbitrary<Json>> = {
  null: fc.constant(null),
  boolean: fc.boolean(),
  number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  string: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('aaa', 'bbb', 'state', 'bloc', '2024-06-01', 'normal', '')),
  array: fc.array(jsonValue, { maxLength: 4 }),
  object: fc.dictionary(fc.string({ maxLength: 8 }), jsonValue, { maxKeys: 4 }),
};
const KINDS = Object.keys(valueOfKind);

type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'retype'; at: number; kind: number; values: Json[] }
  | { op: 'duplicate'; at: number; item: number }
  | { op: 'reid'; at: number; id: number }
  | { op: 'unknown-key'; at: number; key: string; value: Json }
  | { op: 'nest'; at: number; depth: number; asList: boolean }
  | { op: 'extreme'; at: number; value: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('retype' as const),
    at: fc.nat(),
    kind: fc.nat({ max: KINDS.length - 1 }),
    // One candidate per kind; the mutation uses the first whose kind differs from the value it replaces.
    values: fc.tuple(...KINDS.map((k) => valueOfKind[k]!)),
  }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), item: fc.nat() }),
  fc.record({ op: fc.constant('reid' as const), at: fc.nat(), id: fc.nat() }),
  fc.record({
    op: fc.constant('unknown-key' as const),
    at: fc.nat(),
    key: fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('titel', 'activ', '__proto__', 'constructor', 'dist', 'value', 'source', '<<'),
    ),
    value: jsonValue,
  }),
  // Modest depths: thousands of levels overflow the YAML parser's stack (see test/broken.test.ts).
  fc.record({ op: fc.constant('nest' as const), at: fc.nat(), depth: fc.integer({ min: 1, max: 30 }), asList: fc.boolean() }),
  // A number pushed to an extreme: past a bound, tiny, the largest double.
  fc.record({
    op: fc.constant('extreme' as const),
    at: fc.nat(),
    value: fc.constantFrom(1e308, -1e308, Number.MAX_VALUE, 5e-324, 1e-300, 1e11 + 1, 1e12 + 1, 1e15, 0.04, 501),
  }),
);

function mutate(root: unknown, m: Mutation): unknown {
  const paths = pathsOf(root);
  const pick = <T>(xs: readonly T[], n: number) => xs[n % xs.length]!;
  switch (m.op) {
    case 'delete': {
      const path = pick(paths, m.at);
      if (path.length === 0) return root;
      const parent = get(root, path.slice(0, -1));
      const key = path[path.length - 1]!;
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, unknown>)[key];
      return root;
    }
    case 'retype': {
      const path = pick(paths, m.at);
      const old = kindOf(get(root, path));
      const order = [...KINDS.slice(m.kind), ...KINDS.slice(0, m.kind)];
      const i = order.findIndex((k) => k !== old);
      return replace(root, path, m.values[KINDS.indexOf(order[i]!)]);
    }
    case 'duplicate': {
      const lists = paths.filter((p) => {
        const v = get(root, p);
        return Array.isArray(v) && v.length > 0;
      });
      if (lists.length === 0) return root;
      const list = get(root, pick(lists, m.at)) as unknown[];
      const i = m.item % list.length;
      list.splice(i, 0, structuredClone(list[i]));
      return root;
    }
    case 'reid': {
      const ids = idsOf(root);
      const targets = paths.filter((p) => typeof get(root, p) === 'string');
      if (ids.length === 0 || targets.length === 0) return root;
      return replace(root, pick(targets, m.at), pick(ids, m.id));
    }
    case 'unknown-key': {
      const maps = paths.filter((p) => kindOf(get(root, p)) === 'object');
      if (maps.length === 0) return root;
      put(get(root, pick(maps, m.at)) as object, m.key, m.value);
      return root;
    }
    case 'extreme': {
      const numbers = paths.filter((p) => typeof get(root, p) === 'number');
      return numbers.length === 0 ? root : replace(root, pick(numbers, m.at), m.value);
    }
    case 'nest': {
      const path = pick(paths, m.at);
      let value = get(root, path);
      for (let i = 0; i < m.depth; i++) value = m.asList ? [value] : { a: value };
      return replace(root, path, value);
    }
  }
}

/** How a mutated document is written back: block YAML, flow YAML, or JSON (compact or indented). */
const SERIALISE = [
  (d: unknown) => stringify(d),
  (d: unknown) => stringify(d, { collectionStyle: 'flow' }),
  (d: unknown) => JSON.stringify(d),
  (d: unknown) => JSON.stringify(d, null, 2),
] as const;

// --- Mutations of the raw text ---------------------------------------------------------------------------

type Edit =
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'replace'; at: number; text: string }
  | { op: 'truncate'; at: number };

/** Text that tends to matter to YAML, plus arbitrary characters. */
const snippet = fc.oneof(
  fc.constantFrom(
    ':',
    '- ',
    '[',
    ']',
    '{',
    '}',
    ',',
    '#',
    '&a ',
    '*a',
    '!',
    '|',
    '>',
    '"',
    "'",
    '\t',
    '\n',
    '\r\n',
    '  ',
    '---\n',
    '? ',
    '%',
    '@',
    '`',
    '\u0000',
    '\uFEFF',
    '\u2028',
    '𝔸',
  ),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: snippet }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), text: snippet }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

function applyEdit(text: string, e: Edit): string {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1);
  switch (e.op) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + e.length);
    case 'insert':
      return text.slice(0, at) + e.text + text.slice(at);
    case 'replace':
      return text.slice(0, at) + e.text + text.slice(at + e.text.length);
    case 'truncate':
      return text.slice(0, at);
  }
}

// --- Properties --------------------------------------------------------------------------------------------

describe('validator fuzzing', () => {
  it('has valid scenarios to start from', () => {
    expect(valid.length).toBeGreaterThanOrEqual(1);
    for (const v of valid) expect(checkAnswer(v.text, v.name).ok).toBe(true);
  });

  it('survives mutations of the parsed document', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(mutation, { minLength: 1, maxLength: 5 }),
        fc.nat({ max: SERIALISE.length - 1 }),
        (which, mutations, how) => {
          const base = valid[which % valid.length]!;
          let doc = structuredClone(base.data);
          for (const m of mutations) doc = mutate(doc, m);
          const text = SERIALISE[how]!(doc) ?? '';
          checkAnswer(text, base.name);
        },
      ),
      RUNS,
    );
  });

  // `__proto__` vanished between YAML and objects (an actor's, a source's), `constructor` read as an inherited member.
  it('refuses a prototype key anywhere in a valid document, at that key', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        fc.constantFrom('__proto__', 'constructor', 'prototype'),
        fc.constantFrom(null, 1, 'x', {}, []),
        fc.nat({ max: SERIALISE.length - 1 }),
        (which, at, key, value, how) => {
          const base = valid[which % valid.length]!;
          const doc = structuredClone(base.data);
          const maps = pathsOf(doc).filter((p) => kindOf(get(doc, p)) === 'object');
          const path = maps[at % maps.length]!;
          put(get(doc, path) as object, key, value);
          const r = checkAnswer(SERIALISE[how]!(doc) ?? '', base.name);
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.problems.map((p) => p.path)).toContain(formatPath([...path, key]));
        },
      ),
      { ...RUNS, numRuns: 100 },
    );
  });

  it('survives edits of the raw text', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 5 }), (which, edits) => {
        const base = valid[which % valid.length]!;
        const text = edits.reduce(applyEdit, base.text);
        checkAnswer(text, base.name);
      }),
      RUNS,
    );
  });

  // After a syntax error the YAML parser's LineCounter misses line breaks inside multi-line tokens; positions
  // are counted on the text instead (see "syntax problems after a multi-line token" in broken.test.ts).
  it('locates every problem on the line it names', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 5 }), (which, edits) => {
        const base = valid[which % valid.length]!;
        checkAnswer(edits.reduce(applyEdit, base.text), base.name, true);
      }),
      RUNS,
    );
  });

  it('survives arbitrary JSON documents and arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
          fc.string({ maxLength: 200 }),
          fc.string({ unit: 'binary', maxLength: 200 }),
        ),
        (text) => {
          checkAnswer(text, 'random.yaml');
        },
      ),
      RUNS,
    );
  });
});
