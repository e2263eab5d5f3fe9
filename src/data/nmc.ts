/**
 * Loader for the Correlates of War National Material Capabilities CSV (datasets/cow-nmc-v6.0/), and the
 * step that fills a scenario's actor capabilities from it for one year.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { computeCinc, NMC_COMPONENTS, type NmcRow } from '../core/cinc.ts';
import type { Actor, Scenario } from '../core/model.ts';
import { PACKAGE_ROOT } from '../lang/builtins.ts';

export const NMC_FILE = join(PACKAGE_ROOT, 'datasets', 'cow-nmc-v6.0', 'NMC-60-abridged.csv');
export const NMC_CITATION = 'Correlates of War, National Material Capabilities v6.0 (Singer, Bremer & Stuckey 1972)';

const MISSING = -9;

/** Parse NMC CSV text; `-9` becomes `null`. Throws with the line number on a malformed row. */
export function parseNmc(text: string): NmcRow[] {
  const records = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  return records.map((r, i) => {
    const num = (k: string) => {
      const v = Number(r[k]);
      if (r[k] === undefined || r[k] === '' || !Number.isFinite(v))
        throw new Error(`NMC line ${i + 2}: column ${k} is not a number: ${JSON.stringify(r[k])}`);
      return v;
    };
    const components = Object.fromEntries(NMC_COMPONENTS.map((c) => [c, num(c) === MISSING ? null : num(c)])) as NmcRow['components'];
    const cinc = num('cinc');
    return { stateabb: r.stateabb ?? '', ccode: num('ccode'), year: num('year'), components, cinc: cinc === MISSING ? null : cinc };
  });
}

let cached: NmcRow[] | null = null;
export function loadNmc(file: string = NMC_FILE): NmcRow[] {
  if (file !== NMC_FILE) return parseNmc(readFileSync(file, 'utf8'));
  cached ??= parseNmc(readFileSync(file, 'utf8'));
  return cached;
}

export interface Filled {
  actor: string;
  field: 'cinc' | 'active' | 'population';
  value: number;
}

/**
 * Fill capabilities the scenario leaves empty (CINC, active personnel, population) for each actor with a
 * `cow` code, from the NMC data of `year`. Values the scenario gives are kept. Returns the new scenario and
 * what was filled; actors whose code has no row that year are listed in `missing`.
 */
export function fillCapabilities(
  s: Scenario,
  rows: readonly NmcRow[],
  year: number,
): { scenario: Scenario; filled: Filled[]; missing: string[] } {
  const cinc = computeCinc(rows, year);
  const byState = new Map(rows.filter((r) => r.year === year).map((r) => [r.stateabb, r]));
  const filled: Filled[] = [];
  const missing: string[] = [];
  const source = `${NMC_CITATION}, ${year}`;
  const actors = s.actors.map((a): Actor => {
    if (!a.cow) return a;
    const row = byState.get(a.cow);
    const c = cinc.get(a.cow);
    if (!row || !c) {
      missing.push(a.id);
      return a;
    }
    const caps = { ...a.capabilities };
    if (caps.cinc === undefined) {
      caps.cinc = { value: c.cinc, source };
      filled.push({ actor: a.id, field: 'cinc', value: c.cinc });
    }
    const milper = row.components.milper;
    if (caps.active === undefined && milper !== null) {
      caps.active = { value: milper * 1000, source };
      filled.push({ actor: a.id, field: 'active', value: milper * 1000 });
    }
    const tpop = row.components.tpop;
    if (caps.population === undefined && tpop !== null) {
      caps.population = { value: tpop * 1000, source };
      filled.push({ actor: a.id, field: 'population', value: tpop * 1000 });
    }
    return { ...a, capabilities: caps };
  });
  return { scenario: { ...s, actors }, filled, missing };
}
