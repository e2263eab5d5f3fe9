// npm run bench:forecast — Monte Carlo speed on the default scenario (52 weekly turns, every actor a heuristic bot):
// runs per second with 1 and with 2 workers at N = 10,000, the parallel speed-up, and the peak memory at N = 10,000
// and N = 100,000 — each measurement in a fresh process, so peaks do not mix. Next to it, the machine's own
// ceiling: the speed-up of a pure arithmetic loop on 2 threads (what the cores give when memory is not in the way);
// the sustained speed-up over 100,000 runs; and the speed-up with V8's helper threads off.
// Prints figures; asserts nothing. Usage: npm run bench:forecast [-- --runs N] [-- --big N] [-- --repeat K]
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return (i >= 0 && Number(args[i + 1])) || fallback;
};
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(44)} ${value}\n`);

// A child: one forecast in a fresh plain-Node process (no tsx loader, as `yourmove forecast` runs), then its wall
// time, peak resident memory (all threads) and where the CPU went, as JSON on stdout. CPU per thread comes from
// Linux's /proc (null elsewhere), read when the last run is in, before the pool's threads exit: the main thread; the
// runs' threads (with 2 workers, the 2 busiest others; with 1, the main thread itself); and V8's helper threads, the
// rest (the optimising compiler and the garbage collector's parallel and concurrent tasks).
const CHILD = `
import { readdirSync, readFileSync } from 'node:fs';
import { runForecast } from '${new URL('../dist/sim/forecast.js', import.meta.url).href}';
import { DEFAULT_SCENARIO, findScenario, loadScenarioFile } from '${new URL('../dist/lang/builtins.js', import.meta.url).href}';
const [workers, runs] = process.argv.slice(-2).map(Number);
const { scenario } = loadScenarioFile(findScenario(DEFAULT_SCENARIO));
const threads = () => {
  try {
    return Object.fromEntries(readdirSync('/proc/self/task').map((tid) => {
      const stat = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return [tid, (Number(fields[11]) + Number(fields[12])) / 100]; // utime + stime, in clock ticks of 10 ms
    }));
  } catch { return null; }
};
const before = threads();
let after = null;
const t0 = performance.now();
await runForecast({ scenario, runs, seed: 1, turns: scenario.horizon, workers, onProgress: (d) => {
  process.stderr.write('\\r  ' + d + '/' + runs);
  if (d === runs) after = threads();
} });
const seconds = (performance.now() - t0) / 1000;
let cpu = null;
if (before && after) {
  const used = Object.entries(after).map(([tid, s]) => [tid, s - (before[tid] ?? 0)]);
  const main = used.find(([tid]) => tid === String(process.pid))[1];
  const others = used.filter(([tid]) => tid !== String(process.pid)).map(([, s]) => s).sort((a, b) => b - a);
  const runners = workers > 1 ? others.slice(0, workers) : [];
  const helpers = others.slice(runners.length);
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  cpu = { main, runs: workers > 1 ? sum(runners) : main, helpers: sum(helpers) };
}
process.stderr.write('\\n');
process.stdout.write(JSON.stringify({ seconds, peakMiB: process.resourceUsage().maxRSS / 1024, cpu }) + '\\n');
`;

interface Measure {
  seconds: number;
  peakMiB: number;
  cpu: { main: number; runs: number; helpers: number } | null;
}

function measure(workers: number, runs: number, v8Flags: string[] = []): Measure {
  process.stderr.write(`bench:forecast: ${runs} runs on ${workers} worker${workers === 1 ? '' : 's'} ${v8Flags.join(' ')}\n`);
  const r = spawnSync(process.execPath, [...v8Flags, '--input-type=module', '-e', CHILD, String(workers), String(runs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`the measurement of ${runs} runs on ${workers} workers failed`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Measure;
}

/** The machine's ceiling: an arithmetic loop (no allocation) on 1 thread, then on 2 at once. */
async function ceiling(): Promise<number> {
  const code = `let x = 0; for (let i = 0; i < 4e8; i++) x = (x + i * 7) % 1000003; require('node:worker_threads').parentPort.postMessage(x);`;
  const time = async (n: number) => {
    const t0 = performance.now();
    await Promise.all(Array.from({ length: n }, () => new Promise((resolve) => new Worker(code, { eval: true }).once('message', resolve))));
    return performance.now() - t0;
  };
  const one = await time(1);
  const two = await time(2);
  return (2 * one) / two;
}

/**
 * The same simulation in two separate processes at once, half the runs each: what two cores give this workload
 * when nothing is shared but the machine (the ceiling for threads of one process).
 */
async function twoProcesses(runs: number): Promise<number> {
  const { spawn } = await import('node:child_process');
  const half = Math.floor(runs / 2);
  const t0 = performance.now();
  await Promise.all(
    [0, 1].map(
      () =>
        new Promise<void>((resolve, reject) =>
          spawn(process.execPath, ['--input-type=module', '-e', CHILD, '1', String(half)], { stdio: 'ignore' }).on('close', (code) =>
            code === 0 ? resolve() : reject(new Error('a child failed')),
          ),
        ),
    ),
  );
  return (performance.now() - t0) / 1000;
}

const runs = option('--runs', 10_000);
const big = option('--big', 100_000);
// This VM's timings vary by a tenth from one process to the next: the 10,000-run figures are the median of
// `--repeat` measurements (3 by default), taken alternately so that a slow spell hits both.
const repeat = option('--repeat', 3);
const singles: Measure[] = [];
const doubles: Measure[] = [];
for (let i = 0; i < repeat; i++) {
  singles.push(measure(1, runs));
  doubles.push(measure(2, runs));
}
const median = (xs: Measure[]) => [...xs].sort((a, b) => a.seconds - b.seconds)[Math.floor(xs.length / 2)]!;
const single = median(singles);
const double = median(doubles);
const large = measure(2, big);
// V8 without its helper threads (garbage collection, optimising compiler): then one worker cannot borrow the
// second core, and the ratio is the workers' own parallel efficiency.
const singleBare = measure(1, runs, ['--single-threaded']);
const doubleBare = measure(2, runs, ['--single-threaded']);
const loop = await ceiling();
process.stderr.write(`bench:forecast: ${runs} runs in two processes at once\n`);
const apart = await twoProcesses(runs);
const fmt = (x: number) => Math.round(x).toLocaleString('en-GB');
process.stdout.write(`yourmove forecast benchmark: korea-russia-2024, 52 weekly turns a run, heuristic bots for every actor\n`);
line('command', 'npm run bench:forecast');
line('machine', `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`);
line(`${fmt(runs)} runs, 1 worker (s)`, single.seconds.toFixed(1));
line(`${fmt(runs)} runs, 2 workers (s)`, double.seconds.toFixed(1));
line('runs per second, 1 worker', fmt(runs / single.seconds));
line('runs per second, 2 workers', fmt(runs / double.seconds));
line(
  'speed-up 1 -> 2 workers',
  `${(single.seconds / double.seconds).toFixed(2)}x (target >= 1.7x; ratio of the median times of ${repeat} pairs; each pair ${singles.map((s, i) => (s.seconds / doubles[i]!.seconds).toFixed(2)).join(', ')})`,
);
line(
  `sustained: ${fmt(big)} runs on 2 vs ${fmt(runs)} on 1`,
  `${(single.seconds / runs / (large.seconds / big)).toFixed(2)}x (runs per second)`,
);
line(
  'V8 without helper threads (--single-threaded)',
  `${(singleBare.seconds / doubleBare.seconds).toFixed(2)}x (${singleBare.seconds.toFixed(1)} s / ${doubleBare.seconds.toFixed(1)} s)`,
);
line('machine ceiling: arithmetic loop, 2 threads', `${loop.toFixed(2)}x`);
line('same runs in 2 processes at once', `${(single.seconds / apart).toFixed(2)}x (${apart.toFixed(1)} s)`);
const cpuLine = (m: Measure, workers: number) =>
  !m.cpu
    ? 'not measured (no /proc)'
    : workers === 1
      ? `runs and aggregate on the main thread ${m.cpu.main.toFixed(1)} s, V8 helpers ${m.cpu.helpers.toFixed(1)} s`
      : `runs ${m.cpu.runs.toFixed(1)} s, main thread ${m.cpu.main.toFixed(1)} s, V8 helpers ${m.cpu.helpers.toFixed(1)} s`;
line('CPU, 1 worker (the median run)', cpuLine(single, 1));
line('CPU, 2 workers (the median run)', cpuLine(double, 2));
line(`peak memory, ${fmt(runs)} runs, 2 workers (MiB)`, double.peakMiB.toFixed(0));
line(`peak memory, ${fmt(big)} runs, 2 workers (MiB)`, large.peakMiB.toFixed(0));
line(`${fmt(big)} runs, 2 workers (s)`, large.seconds.toFixed(1));
line('target (issue 5)', '10,000 runs in < 20 s on 2 workers; memory flat in N');
