/**
 * A scenario's uncertain inputs: every number given as a distribution (docs/model.md §6). A forecast run draws
 * them first, each from a stream of its own named by its path (`Rng.named`), then plays the scenario with those
 * values — so the values of each run are known (for sensitivity analysis), and run i draws the same value for an
 * input whatever else changes: another input added, removed or moved in the document leaves it alone.
 */
import { isDist } from '../dist.ts';
import type { Dist, Scenario } from '../model.ts';
import { Rng } from '../rng.ts';
import { sampleDist } from '../sample.ts';

export interface UncertainInput {
  /** Where it is in the scenario: `actors[0].capabilities.active` with ids for readability (`actors.rus...`). */
  path: string;
  dist: Dist;
}

/** A scenario copy whose distributions can be replaced by values run after run, and the list of them. */
export interface InputTemplate {
  inputs: UncertainInput[];
  /** Set the values (in `inputs` order) into the copy and return it; the copy is reused, never shared. */
  resolve(values: readonly number[]): Scenario;
}

export function inputTemplate(scenario: Scenario): InputTemplate {
  const copy = structuredClone(scenario);
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const inputs: UncertainInput[] = [];
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        // List items by their id (actors, fronts, red lines) or, for deployments, their actor.
        const named = child !== null && typeof child === 'object' ? (child as { id?: unknown; actor?: unknown }) : {};
        const label = typeof named.id === 'string' ? named.id : typeof named.actor === 'string' ? named.actor : String(i);
        visit(node, i, child, `${path}.${label}`);
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [k, child] of Object.entries(node)) visit(node as Record<string, unknown>, k, child, path === '' ? k : `${path}.${k}`);
    }
  };
  const visit = (parent: Record<string, unknown> | unknown[], key: string | number, child: unknown, path: string) => {
    if (child !== null && typeof child === 'object' && !Array.isArray(child) && 'dist' in child && isDist(child as Dist)) {
      slots.push({ parent, key });
      inputs.push({ path, dist: child as Dist });
    } else walk(child, path);
  };
  walk(copy, '');
  return {
    inputs,
    resolve(values) {
      slots.forEach((s, i) => ((s.parent as Record<string | number, unknown>)[s.key] = values[i]));
      return copy;
    },
  };
}

/** Draw every input, in order, from `rng`. */
export function sampleInputs(inputs: readonly UncertainInput[], seed: number): number[] {
  return inputs.map((x) => sampleDist(x.dist, Rng.named(seed, x.path)));
}
