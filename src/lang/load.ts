/**
 * Reading a scenario: text -> YAML document (JSON is YAML too) -> schema -> semantic checks.
 * Every problem comes back located as `file:line:col: path: message`; nothing throws on bad input.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLError } from 'yaml';
import type { Issue, Scenario } from '../core/model.ts';
import { checkScenario } from '../core/scenario/check.ts';
import { unsourcedNumbers } from '../core/scenario/provenance.ts';
import { fromZod } from './issues.ts';
import { LIMITS, scenarioSchema } from './schema.ts';
import type { z } from 'zod';

export interface Problem {
  file: string;
  line: number;
  col: number;
  /** The path of the offending node, e.g. `actors[2].capabilities.active` (empty for the whole file). */
  path: string;
  message: string;
}

export type LoadResult = { ok: true; scenario: Scenario; problems: [] } | { ok: false; problems: Problem[] };

export function formatPath(path: readonly (string | number)[]): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s === '' ? seg : `.${seg}`;
  return s;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.path === '' ? '(file)' : p.path}: ${p.message}`;
}

/** The node at `path`, or the deepest existing node on the way to it; `atKey` prefers the map key. */
function locate(doc: Document, path: readonly (string | number)[], atKey: boolean): Node | null {
  let node: unknown = doc.contents;
  let last: Node | null = (doc.contents as Node | null) ?? null;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return last;
      if (i === path.length - 1 && atKey && isScalar(pair.key)) return pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
    } else {
      return last;
    }
    if (node && typeof node === 'object' && 'range' in node) last = node as Node;
    else return last;
  }
  return last;
}

/** The first node nested deeper than `limit` levels, if any. */
function tooDeep(node: unknown, limit: number, depth = 0): Node | null {
  if (!isMap(node) && !isSeq(node)) return null;
  if (depth > limit) return node as Node;
  for (const item of node.items) {
    const found = tooDeep(isPair(item) ? item.value : item, limit, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Nesting the YAML parser must not even see: it recurses per level, and a few thousand `[` overflow its
 * stack. Scans flow brackets (outside quotes and comments) and block indentation before parsing. Returns -1,
 * or, for text nested beyond what the parser may safely take, the offset of the first node deeper than the
 * language allows (where the check on the parsed tree would put it).
 */
function nestingBeyondParser(source: string): number {
  // A JSON file's outer `{` is level 0 of the tree: count brackets from level 1 then.
  const base = /^\s*[[{]/.test(source) ? 1 : 0;
  let depth = 0;
  let quote = '';
  let firstTooDeep = -1;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\n') {
      const indent = /^[ -]*/.exec(source.slice(i + 1, i + 2 + MAX_INDENT))![0].length;
      if (indent > MAX_INDENT) return i + 1 + MAX_INDENT;
      continue;
    }
    if (quote) {
      if (c === quote && !(quote === '"' && source[i - 1] === '\\')) quote = '';
    } else if (c === '"' || (c === "'" && /[\s[{,:]/.test(source[i - 1] ?? ' '))) {
      quote = c;
    } else if (c === '#' && /\s/.test(source[i - 1] ?? ' ')) {
      const eol = source.indexOf('\n', i);
      i = (eol < 0 ? source.length : eol) - 1;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth - base === LIMITS.depth + 1 && firstTooDeep < 0) firstTooDeep = i;
      if (depth > PARSER_SAFE_DEPTH) return firstTooDeep;
    } else if ((c === ']' || c === '}') && depth > 0) {
      depth--;
    }
  }
  const firstIndent = /^[ -]*/.exec(source.slice(0, MAX_INDENT + 1))![0].length;
  return firstIndent > MAX_INDENT ? MAX_INDENT : -1;
}

/** Flow nesting the YAML parser handles without trouble (it overflows somewhere past a thousand). */
const PARSER_SAFE_DEPTH = 200;
/** Block indentation beyond any scenario's needs (LIMITS.depth levels of generous 4-column indents). */
const MAX_INDENT = LIMITS.depth * 4 + 16;

/**
 * Keys that name a JavaScript object's machinery rather than data: `__proto__` would be dropped (or set the
 * object's prototype) on the way from YAML to objects, and `constructor` and `prototype` read as inherited members.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Every mapping key of the document that is one of PROTOTYPE_KEYS, as issues at the key. */
function prototypeKeys(node: unknown, path: (string | number)[] = [], out: Issue[] = []): Issue[] {
  if (isMap(node))
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : null;
      if (key !== null && PROTOTYPE_KEYS.has(key))
        out.push({
          path: [...path, key],
          message: `the key "${key}" is refused: it names a JavaScript object's prototype machinery, not data`,
          atKey: true,
        });
      else prototypeKeys(pair.value, [...path, key ?? '?'], out);
    }
  else if (isSeq(node)) node.items.forEach((item, i) => prototypeKeys(item, [...path, i], out));
  return out;
}

/** 1-based line and column of each offset, counted on the text itself (not on the parser's tokens). */
function positions(source: string) {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') starts.push(i + 1);
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  };
}

/** A YAML syntax error in the language's words. */
function syntaxMessage(e: YAMLError, source: string, what: string): string {
  if (e.code === 'MULTIPLE_DOCS') return `${what} file holds one YAML document, but a second one starts here`;
  if (e.code === 'DUPLICATE_KEY') return `duplicate key "${/^[^:\n]*/.exec(source.slice(e.pos[0]))![0].trim()}"`;
  return e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** A YAML (or JSON) file parsed and checked against a schema, or its located problems. */
export type Parsed<T> = { ok: true; value: T; place: (issues: Issue[]) => Problem[] } | { ok: false; problems: Problem[] };

/**
 * Read YAML or JSON text against a zod schema, with every problem located as `file:line:col: path`. The
 * limits (size, nesting, aliases) and the syntax rules are the scenario language's; `what` names the kind
 * of file in messages ("a scenario", "an orders file"). `place` locates later (semantic) issues in the
 * same document.
 */
export function parseYaml<T>(source: string, file: string, schema: z.ZodType<T>, what: string): Parsed<T> {
  const at = positions(source);
  const fail = (offset: number, message: string): Parsed<T> => ({ ok: false, problems: [{ file, ...at(offset), path: '', message }] });
  const deep = `nesting is deeper than ${LIMITS.depth} levels`;

  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > LIMITS.bytes) return fail(0, `file is ${bytes} bytes; ${what} may be at most ${LIMITS.bytes} bytes`);
  const tooNested = nestingBeyondParser(source);
  if (tooNested >= 0) return fail(tooNested, deep);

  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true, strict: true });
  // Only the first syntax error: those after it are mostly the parser losing its footing.
  const first = [...doc.errors, ...doc.warnings].sort((a, b) => a.pos[0] - b.pos[0])[0];
  if (first) return fail(first.pos[0], syntaxMessage(first, source, what));
  if (doc.contents === null) return fail(0, `the file is empty; ${what} is a mapping`);
  const deepNode = tooDeep(doc.contents, LIMITS.depth);
  if (deepNode) return fail(deepNode.range?.[0] ?? 0, deep);

  const place = (issues: Issue[]): Problem[] =>
    sortProblems(
      issues.map((i) => {
        const node = locate(doc, i.path, i.atKey ?? false);
        return { file, ...at(node?.range?.[0] ?? 0), path: formatPath(i.path), message: i.message };
      }),
    );
  const reserved = prototypeKeys(doc.contents);
  if (reserved.length > 0) return { ok: false, problems: place(reserved) };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.aliases });
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    if (/alias count/i.test(text))
      return fail(
        0,
        `the YAML aliases expand too far (${what} may use at most ${LIMITS.aliases} alias expansions): refused as a resource-exhaustion risk`,
      );
    return fail(0, text);
  }

  const parsed = schema.safeParse(data, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: place(fromZod(parsed.error.issues)) };
  return { ok: true, value: parsed.data, place };
}

export interface LoadOptions {
  /** Also report every number without a source (built-in scenarios must pass this). */
  strict?: boolean;
}

/** Parse and check scenario text. `file` is only used to label the problems. */
export function loadScenarioText(source: string, file: string, options: LoadOptions = {}): LoadResult {
  const parsed = parseYaml(source, file, scenarioSchema, 'a scenario');
  if (!parsed.ok) {
    // The scenario's empty-file message names what a scenario holds.
    const problems = parsed.problems.map((p) =>
      p.message === 'the file is empty; a scenario is a mapping'
        ? { ...p, message: 'the file is empty; a scenario is a mapping with id, title, actors, ...' }
        : p,
    );
    return { ok: false, problems };
  }
  const { $schema: _editorHint, ...scenario } = parsed.value;
  const semantic = [...checkScenario(scenario), ...(options.strict ? unsourcedNumbers(scenario) : [])];
  if (semantic.length > 0) return { ok: false, problems: parsed.place(semantic) };
  return { ok: true, scenario, problems: [] };
}

function sortProblems(ps: Problem[]): Problem[] {
  return ps.sort((a, b) => a.line - b.line || a.col - b.col || a.message.localeCompare(b.message));
}
