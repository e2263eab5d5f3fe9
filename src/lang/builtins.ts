/**
 * Built-in scenarios: the YAML files in the package's scenarios/ folder, addressed by id.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenarioText, type LoadOptions, type LoadResult } from './load.ts';

/** The package root: two levels above this file, from src/lang/ and from dist/lang/ alike. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCENARIO_DIR = join(PACKAGE_ROOT, 'scenarios');
export const DEFAULT_SCENARIO = 'korea-russia-2024';

const EXTENSIONS = ['.yaml', '.yml', '.json'];

/** Ids of the built-in scenarios, the default first. */
export function builtinIds(): string[] {
  const ids = readdirSync(SCENARIO_DIR)
    .filter((f) => EXTENSIONS.some((e) => f.endsWith(e)))
    .map((f) => basename(f).replace(/\.(ya?ml|json)$/, ''))
    .sort();
  return [DEFAULT_SCENARIO, ...ids.filter((i) => i !== DEFAULT_SCENARIO)].filter((i) => ids.includes(i));
}

export interface ScenarioFile {
  /** The path to show in messages: as given for a user's file, `scenarios/<id>.yaml` for a built-in. */
  label: string;
  path: string;
}

/** Find a scenario by file path or built-in id; `null` when neither exists. */
export function findScenario(ref: string): ScenarioFile | null {
  if (existsSync(ref) && statSync(ref).isFile()) return { label: ref, path: ref };
  for (const ext of EXTENSIONS) {
    const path = join(SCENARIO_DIR, ref + ext);
    if (/^[a-z0-9-]+$/.test(ref) && existsSync(path)) return { label: `scenarios/${ref}${ext}`, path };
  }
  return null;
}

export function loadScenarioFile(file: ScenarioFile, options: LoadOptions = {}): LoadResult {
  return loadScenarioText(readFileSync(file.path, 'utf8'), file.label, options);
}
