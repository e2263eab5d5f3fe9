/**
 * A forecast worker (piscina): plays a chunk of runs and returns their results packed (RunLayout), moved to the
 * caller rather than copied. The scenario's input template is built once per scenario and kept.
 */
import { Piscina } from 'piscina';
import { inputTemplate, type InputTemplate } from '../core/forecast/inputs.ts';
import type { TurnOrders } from '../core/engine/orders.ts';
import type { Scenario } from '../core/model.ts';
import { RunLayout, simulateRun } from './run.ts';

export interface Chunk {
  key: string;
  scenario: Scenario;
  seed: number;
  start: number;
  end: number;
  turns: number;
  script?: TurnOrders[];
}

let cached: { key: string; template: InputTemplate } | null = null;

/** The chunk's runs, packed in run order. */
export function runChunk(c: Chunk): Float64Array {
  if (cached?.key !== c.key) cached = { key: c.key, template: inputTemplate(c.scenario) };
  const layout = RunLayout.of(c.scenario, cached.template.inputs.length, c.turns);
  const data = new Float64Array((c.end - c.start) * layout.size);
  for (let i = c.start; i < c.end; i++) {
    const r = simulateRun(cached.template, c.seed, i, c.script ? { turns: c.turns, script: c.script } : { turns: c.turns });
    layout.write(r, data, (i - c.start) * layout.size);
  }
  return data;
}

/** The thread's task: the packed runs, their buffer handed over to the caller (piscina's move: no copy). */
export default function (c: Chunk): Float64Array {
  // move() wraps the array in a marker piscina unwraps on the other side; the caller receives the Float64Array.
  return Piscina.move(runChunk(c)) as unknown as Float64Array;
}
