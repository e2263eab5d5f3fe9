/**
 * A forecast worker (piscina): plays a chunk of runs and returns their results. The scenario's input template is
 * built once per scenario and kept.
 */
import { inputTemplate, type InputTemplate } from '../core/forecast/inputs.ts';
import type { TurnOrders } from '../core/engine/orders.ts';
import type { Scenario } from '../core/model.ts';
import { simulateRun, type RunResult } from './run.ts';

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

export function runChunk(c: Chunk): RunResult[] {
  if (cached?.key !== c.key) cached = { key: c.key, template: inputTemplate(c.scenario) };
  const out: RunResult[] = [];
  for (let i = c.start; i < c.end; i++)
    out.push(simulateRun(cached.template, c.seed, i, c.script ? { turns: c.turns, script: c.script } : { turns: c.turns }));
  return out;
}

export default runChunk;
