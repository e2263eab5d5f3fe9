import type { Scenario } from '../../src/core/model.ts';
import { findScenario, loadScenarioFile } from '../../src/lang/builtins.ts';
import { formatProblem, loadScenarioText, type LoadOptions } from '../../src/lang/load.ts';

/** A built-in scenario, or an error listing its problems. */
export function loadBuiltin(id: string, options: LoadOptions = {}): Scenario {
  const file = findScenario(id);
  if (!file) throw new Error(`no built-in scenario "${id}"`);
  const r = loadScenarioFile(file, options);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.scenario;
}

/** A scenario written in a test, loaded like a user's file, or an error listing its problems. */
export function scenarioFromYaml(yaml: string, file = 'test.yaml', options: LoadOptions = {}): Scenario {
  const r = loadScenarioText(yaml, file, options);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.scenario;
}
