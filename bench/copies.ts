// k disjoint copies of a scenario in one scenario: every id (actors, regions, conflicts, fronts, treaties,
// transfers, sanctions, permissions, red lines, questions, metrics) gets the suffix `_i` in copy i, so the copies
// share nothing and each plays as the original would, side by side. For measuring how cost grows with actors.
import { parse } from 'yaml';

const LISTS = [
  'regions',
  'actors',
  'conflicts',
  'fronts',
  'treaties',
  'transfers',
  'sanctions',
  'permissions',
  'red_lines',
  'questions',
  'metrics',
];

type Yaml = null | boolean | number | string | Yaml[] | { [key: string]: Yaml };

function renamed(x: Yaml, ids: ReadonlySet<string>, suffix: string): Yaml {
  if (typeof x === 'string') return ids.has(x) ? x + suffix : x;
  if (Array.isArray(x)) return x.map((v) => renamed(v, ids, suffix));
  if (x !== null && typeof x === 'object') {
    const out: { [key: string]: Yaml } = {};
    // `sources` and `source` name source keys (some spelled as an id is), not ids; other values may name ids.
    for (const [k, v] of Object.entries(x)) out[k] = k === 'sources' || k === 'source' ? v : renamed(v, ids, suffix);
    return out;
  }
  return x;
}

/** The scenario text (YAML) of `k` disjoint copies of `source`, as JSON (which the scenario language accepts). */
export function copiesOf(source: string, k: number): string {
  const doc = parse(source) as { [key: string]: Yaml };
  const ids = new Set<string>();
  for (const list of LISTS) for (const item of (doc[list] as { id: string }[] | undefined) ?? []) ids.add(item.id);
  const copies = Array.from({ length: k }, (_, i) => renamed(doc, ids, `_${i}`) as { [key: string]: Yaml });
  const out: { [key: string]: Yaml } = { ...copies[0]!, id: `${String(doc.id)}-x${k}`, sources: doc.sources ?? null };
  for (const list of LISTS) if (doc[list] !== undefined) out[list] = copies.flatMap((c) => c[list] as Yaml[]);
  if (doc.sources === undefined) delete out.sources;
  return JSON.stringify(out);
}
