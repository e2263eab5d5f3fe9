/**
 * Reading a scenario: text -> YAML document (JSON is YAML too) -> schema -> semantic checks.
 * Every problem comes back located as `file:line:col: path: message`; nothing throws on bad input.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Issue, Scenario } from '../core/model.ts';
import { checkScenario } from '../core/scenario/check.ts';
import { unsourcedNumbers } from '../core/scenario/provenance.ts';
import { fromZod } from './issues.ts';
import { LIMITS, scenarioSchema } from './schema.ts';

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

function depthOf(node: unknown, limit: number, depth = 0): boolean {
  if (depth > limit) return false;
  if (isMap(node)) return node.items.every((p) => depthOf(p.value, limit, depth + 1));
  if (isSeq(node)) return node.items.every((n) => depthOf(n, limit, depth + 1));
  return true;
}

/** Parse and check scenario text. `file` is only used to label the problems. */
export interface LoadOptions {
  /** Also report every number without a source (built-in scenarios must pass this). */
  strict?: boolean;
}

export function loadScenarioText(source: string, file: string, options: LoadOptions = {}): LoadResult {
  const lines = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line, col };
  };
  const whole = (message: string): LoadResult => ({ ok: false, problems: [{ file, line: 1, col: 1, path: '', message }] });

  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > LIMITS.bytes) return whole(`file is ${bytes} bytes; a scenario may be at most ${LIMITS.bytes} bytes`);

  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  const syntax = [...doc.errors, ...doc.warnings];
  if (syntax.length > 0)
    return {
      ok: false,
      problems: syntax.map((e) => ({
        file,
        ...at(e.pos[0]),
        path: '',
        message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
      })),
    };
  if (doc.contents === null) return whole('the file is empty; a scenario is a mapping with id, title, actors, ...');
  if (!depthOf(doc.contents, LIMITS.depth)) return whole(`nesting is deeper than ${LIMITS.depth} levels`);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return whole(e instanceof Error ? e.message : String(e));
  }

  const place = (issues: Issue[]): Problem[] =>
    issues.map((i) => {
      const node = locate(doc, i.path, i.atKey ?? false);
      const pos = node?.range ? at(node.range[0]) : { line: 1, col: 1 };
      return { file, ...pos, path: formatPath(i.path), message: i.message };
    });

  const parsed = scenarioSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: sortProblems(place(fromZod(parsed.error.issues))) };
  const { $schema: _editorHint, ...scenario } = parsed.data;
  const semantic = [...checkScenario(scenario), ...(options.strict ? unsourcedNumbers(scenario) : [])];
  if (semantic.length > 0) return { ok: false, problems: sortProblems(place(semantic)) };
  return { ok: true, scenario, problems: [] };
}

function sortProblems(ps: Problem[]): Problem[] {
  return ps.sort((a, b) => a.line - b.line || a.col - b.col || a.message.localeCompare(b.message));
}
