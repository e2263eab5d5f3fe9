// npm run bench:engine — how fast the engine plays the default scenario: turns per second, microseconds per
// turn, a 52-week game in milliseconds, and the peak memory. Prints figures; asserts nothing.
// Usage: npm run bench:engine [-- --games N]
import { performance } from 'node:perf_hooks';
// The compiled engine (dist/, as shipped), not the sources through tsx, whose helpers wrap every function.
import { apply } from '../dist/core/engine/apply.js';
import { initialState } from '../dist/core/engine/init.js';
import { Rng } from '../dist/core/rng.js';
import { DEFAULT_SCENARIO, findScenario, loadScenarioFile } from '../dist/lang/builtins.js';

const args = process.argv.slice(2);
const games = Number(args[args.indexOf('--games') + 1] ?? NaN) || 2_000;

const loaded = loadScenarioFile(findScenario(DEFAULT_SCENARIO)!);
if (!loaded.ok) throw new Error(`${DEFAULT_SCENARIO} does not load`);
const scenario = loaded.scenario;

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

function playOne(seed: number): number {
  let state = initialState(scenario, seed);
  const rng = Rng.derive(seed, 1);
  for (let t = 0; t < scenario.horizon; t++) state = apply(state, {}, rng).state;
  return state.turn;
}

// Warm up the JIT, then measure.
for (let i = 0; i < 50; i++) playOne(-1 - i);
const start = performance.now();
let turns = 0;
for (let g = 0; g < games; g++) {
  turns += playOne(g);
  if (g % 100 === 0) sample();
}
const ms = performance.now() - start;
sample();

const perTurnUs = (ms * 1000) / turns;
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(34)} ${value}\n`);
process.stdout.write(
  `yourmove engine benchmark: ${DEFAULT_SCENARIO}, ${games} games of ${scenario.horizon} weekly turns, no orders, one core\n`,
);
line('node', process.version);
line('turns', String(turns));
line('turns per second', Math.round(turns / (ms / 1000)).toLocaleString('en-GB'));
line('microseconds per turn', perTurnUs.toFixed(2));
line(`one ${scenario.horizon}-turn game (ms)`, ((perTurnUs * scenario.horizon) / 1000).toFixed(3));
line('peak resident memory (MiB)', (peakRss / 2 ** 20).toFixed(1));
line('target (issue 3)', '>= 20,000 turns/s; a 52-week game in < 3 ms');
