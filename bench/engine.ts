// npm run bench:engine — how fast the engine plays the default scenario: turns per second, microseconds per
// turn, a 52-week game in milliseconds, and the peak memory. Prints figures; asserts nothing.
// Usage: npm run bench:engine [-- --games N]
//        npm run bench:engine -- --scale   how a turn's cost grows with the number of actors: forecast runs (bots
//        and all) on 1, 2, 4 and 8 disjoint copies of the default scenario, and the growth exponent
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
// The compiled engine (dist/, as shipped), not the sources through tsx, whose helpers wrap every function.
import { apply } from '../dist/core/engine/apply.js';
import { initialState } from '../dist/core/engine/init.js';
import { Rng } from '../dist/core/rng.js';
import { inputTemplate } from '../dist/core/forecast/inputs.js';
import { DEFAULT_SCENARIO, findScenario, loadScenarioFile } from '../dist/lang/builtins.js';
import { loadScenarioText } from '../dist/lang/load.js';
import { simulateRun } from '../dist/sim/run.js';
import { copiesOf } from './copies.ts';

const args = process.argv.slice(2);
const games = Number(args[args.indexOf('--games') + 1] ?? NaN) || 2_000;

const file = findScenario(DEFAULT_SCENARIO)!;
const loaded = loadScenarioFile(file);
if (!loaded.ok) throw new Error(`${DEFAULT_SCENARIO} does not load`);
const scenario = loaded.scenario;
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(34)} ${value}\n`);

if (args.includes('--scale')) {
  scale();
  process.exit(0);
}

/**
 * Forecast runs on k = 1, 2, 4, 8 copies: turns per second and microseconds per turn and copy, and the exponent b of
 * cost per turn ~ k^b (least squares on the logarithms; 1 is linear). Runs alternate over k in rounds, so a slow
 * spell of the machine falls on every k alike; each figure is the median over rounds.
 */
function scale(): void {
  const ks = [1, 2, 4, 8];
  const turns = 26;
  const rounds = 7;
  const template = ks.map((k) => {
    const r = loadScenarioText(copiesOf(readFileSync(file.path, 'utf8'), k), `${DEFAULT_SCENARIO} x${k}`);
    if (!r.ok) throw new Error(`${k} copies do not load: ${r.problems[0]?.message}`);
    return { template: inputTemplate(r.scenario), actors: r.scenario.actors.length };
  });
  // Runs per round: about the same number of actor-turns for every k (a second or so of work each).
  const runsOf = (k: number) => Math.max(4, Math.round(160 / k));
  const perTurn: number[][] = ks.map(() => []);
  // Warm-up: the same work as a round, so the compiler has settled before anything is timed.
  for (let i = 0; i < ks.length; i++) for (let r = 0; r < runsOf(ks[i]!); r++) simulateRun(template[i]!.template, 99, r, { turns });
  // The process's CPU time, not the wall clock: on a shared machine another process's work is not this one's cost.
  const cpuUs = () => {
    const c = process.cpuUsage();
    return c.user + c.system;
  };
  for (let round = 0; round < rounds; round++)
    for (let i = 0; i < ks.length; i++) {
      const runs = runsOf(ks[i]!);
      const t0 = cpuUs();
      for (let r = 0; r < runs; r++) simulateRun(template[i]!.template, round, r, { turns });
      perTurn[i]!.push((cpuUs() - t0) / (runs * turns));
    }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const us = perTurn.map(median);
  process.stdout.write(
    `yourmove scale benchmark: forecast runs (heuristic bots) on k copies of ${DEFAULT_SCENARIO}, ${turns} turns, one core\n`,
  );
  process.stdout.write(`CPU time of this process, medians of ${rounds} interleaved rounds\n`);
  line('node', process.version);
  ks.forEach((k, i) => {
    const range = `${Math.min(...perTurn[i]!).toFixed(0)}-${Math.max(...perTurn[i]!).toFixed(0)}`;
    line(
      `k = ${k} (${template[i]!.actors} actors)`,
      `${Math.round(1e6 / us[i]!).toLocaleString('en-GB')} turns/s, ${us[i]!.toFixed(1)} us a turn (range ${range}), ${(us[i]! / k).toFixed(1)} us per copy`,
    );
  });
  const x = ks.map(Math.log);
  const y = us.map(Math.log);
  const mx = x.reduce((a, b) => a + b) / x.length;
  const my = y.reduce((a, b) => a + b) / y.length;
  const b = x.reduce((acc, xi, i) => acc + (xi - mx) * (y[i]! - my), 0) / x.reduce((acc, xi) => acc + (xi - mx) ** 2, 0);
  line('growth exponent (1 = linear)', b.toFixed(2));
  line('8 copies against 1, per turn', `${(us[3]! / us[0]!).toFixed(1)}x (linear: 8x)`);
  line('target (issue 13)', 'exponent <= 1.15');
}

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
