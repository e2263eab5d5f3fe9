// The published JSON Schema: generated from the validator's own schema, kept in sync, and usable by any
// JSON Schema validator (Ajv here) to check the built-in scenarios, as an editor would.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { builtinIds, findScenario, PACKAGE_ROOT } from '../src/lang/builtins.ts';
import { scenarioJsonSchemaText } from '../src/lang/json-schema.ts';

const schemaFile = join(PACKAGE_ROOT, 'schema', 'scenario.schema.json');
const committed = readFileSync(schemaFile, 'utf8');

function ajvValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return ajv.compile(JSON.parse(committed) as object);
}

describe('schema/scenario.schema.json', () => {
  it('is what `npm run schema` generates from src/lang/schema.ts (run it after changing the language)', () => {
    expect(committed).toBe(scenarioJsonSchemaText());
  });

  it.each(builtinIds())('validates the built-in %s', (id) => {
    const validate = ajvValidator();
    const doc = parse(readFileSync(findScenario(id)!.path, 'utf8')) as unknown;
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects what the validator rejects: wrong types, unknown fields, bad enums, out-of-range numbers', () => {
    const validate = ajvValidator();
    const base = parse(readFileSync(findScenario('tutorial')!.path, 'utf8')) as Record<string, unknown>;
    const actors = base.actors as Record<string, unknown>[];
    const variants: Record<string, unknown>[] = [
      { ...base, horizon: 'long' },
      { ...base, colour: 'red' },
      { ...base, actors: [{ ...actors[0], kind: 'empire' }, ...actors.slice(1)] },
      { ...base, actors: [{ ...actors[0], domestic: { support: 1.5, casualty_sensitivity: 0.1 } }, ...actors.slice(1)] },
      { ...base, actors: [{ ...actors[0], capabilities: { active: { dist: 'gaussian', mean: 1 } } }, ...actors.slice(1)] },
      { ...base, questions: [{ id: 'q', text: 'q', when: { actor_at_wa: { actor: 'red' } } }] },
      { ...base, actors: [{ ...actors[0], capabilities: { munitions: { production: 1e308 } } }, ...actors.slice(1)] },
    ];
    for (const v of variants) expect(validate(v)).toBe(false);
  });

  // Valid means runnable: a number without a bound validated at 1e308 and overflowed the engine. Distribution
  // parameters are bounded by their quantity's refinements (test/broken/bound-*.yaml), not in the shared definition.
  it('gives every number outside a distribution a finite range', () => {
    const schema = JSON.parse(committed) as { $defs: Record<string, unknown> };
    const unbounded: string[] = [];
    let numbers = 0;
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${path}[${i}]`));
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (o.type === 'number' || o.type === 'integer') {
          numbers++;
          const lower = typeof o.minimum === 'number' || typeof o.exclusiveMinimum === 'number';
          if (!lower || typeof o.maximum !== 'number' || !Number.isFinite(o.maximum)) unbounded.push(path);
        }
        for (const [k, v] of Object.entries(o)) if (!(path === '$defs' && k === 'Distribution')) walk(v, path === '' ? k : `${path}.${k}`);
      }
    };
    walk(schema, '');
    expect(unbounded).toEqual([]);
    expect(numbers).toBeGreaterThan(30);
  });

  it('names every field of the language in docs/scenario-language.md', () => {
    const doc = readFileSync(join(PACKAGE_ROOT, 'docs', 'scenario-language.md'), 'utf8');
    const names = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'properties' && v && typeof v === 'object') Object.keys(v).forEach((n) => names.add(n));
          walk(v);
        }
      }
    };
    walk(JSON.parse(committed));
    names.delete('$schema');
    const missing = [...names].filter((n) => !doc.includes('`' + n + '`')).sort();
    expect(missing).toEqual([]);
    expect(names.size).toBeGreaterThan(100);
  });
});
