/**
 * Provenance: every number a simulation starts from must be traceable to a source. A number is sourced
 * when it, or an object that encloses it, carries `source`. Definitions the author chooses rather than
 * facts (turn length, horizon, forecast questions and metrics, red-line conditions) need none.
 */
import type { Issue, Scenario } from '../model.ts';

type Path = (string | number)[];

/** Paths (relative to the scenario) whose numbers are definitions, not facts. */
const DEFINITIONS = new Set(['turn_days', 'horizon', 'questions', 'metrics', 'sources', 'when']);

export function unsourcedNumbers(s: Scenario): Issue[] {
  const out: Issue[] = [];
  const walk = (node: unknown, path: Path, sourced: boolean) => {
    if (typeof node === 'number') {
      if (!sourced) out.push({ path, message: `number ${node} has no source: add source (here or on an enclosing object)` });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((n, i) => walk(n, [...path, i], sourced));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    // The scenario's own `source` describes the file, not each figure in it.
    const here = sourced || (path.length > 0 && typeof (node as { source?: unknown }).source === 'string');
    if (!here && 'dist' in node) {
      out.push({
        path,
        message: `${String((node as { dist: unknown }).dist)} distribution has no source: add source (here or on an enclosing object)`,
      });
      return;
    }
    for (const [k, v] of Object.entries(node)) {
      if (DEFINITIONS.has(k)) continue;
      walk(v, [...path, k], here);
    }
  };
  walk(s, [], false);
  return out;
}
