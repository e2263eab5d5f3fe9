// Forecasts over a queue (PRODUCT.md: `forecast --queue REDIS_URL`, `worker --queue REDIS_URL`): a real Redis server
// and real `yourmove worker` processes; the same seed gives the same bytes through the queue as on local threads,
// when Redis restarts mid-forecast (with its data or without) and when a worker is killed mid-chunk.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PACKAGE_ROOT } from '../src/lang/builtins.ts';
import { scenarioHash } from '../src/core/engine/game.ts';
import { runForecast } from '../src/sim/forecast.ts';
import { QUEUE, QueueExecutor, serveQueue } from '../src/sim/queue.ts';
import { loadBuiltin } from './helpers/scenarios.ts';
import type { CliRun } from './helpers/cli.ts';
import { freePort, startRedis, type RedisServer } from './helpers/redis.ts';

const BIN = join(PACKAGE_ROOT, 'bin', 'yourmove.js');

interface WorkerProcess {
  child: ChildProcess;
  /** BullMQ's name for it, which the jobs it takes carry (`processedBy`). */
  name: string;
  log: () => string;
}

/** A `yourmove worker` process; resolves once it says it is serving. */
async function startWorker(url: string, threads: number): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [BIN, 'worker', '--queue', url, '--workers', String(threads)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start: ${err}`)), 15_000);
    const check = () => {
      if (err.includes('serving forecasts')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stderr!.on('data', check);
    child.once('exit', (code) => reject(new Error(`the worker exited with ${code}: ${err}`)));
  });
  return { child, name: `${hostname()}-${child.pid}`, log: () => err };
}

const stopped = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

const args = ['forecast', 'korea-russia-2024', '--runs', '400', '--turns', '8', '--seed', '7', '--json'];

/** `yourmove ...` in the background (`yourmove` of helpers/cli.ts waits for it): several at once. */
function cli(argv: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [BIN, ...argv], { timeout: 20_000 }, (error, stdout, stderr) =>
      error && typeof error.code !== 'number' ? reject(error) : resolve({ status: error ? (error.code as number) : 0, stdout, stderr }),
    ),
  );
}

let local: Promise<string> | undefined;
/** The forecast's JSON on local threads, which every forecast through the queue must give byte for byte. */
function onThreads(): Promise<string> {
  local ??= cli([...args, '--workers', '2']).then((r) => {
    expect(r.status).toBe(0);
    return r.stdout;
  });
  return local;
}

/** `yourmove forecast ... --queue url` in the background: 8 chunks of 50 runs. */
function forecastProcess(url: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args, '--queue', url], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/**
 * What a forecast that went well says on stderr: its progress (as lines, stderr not being a terminal), then the one
 * line of its summary; no trace of the trouble it went through.
 */
function expectQuiet(stderr: string): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines.at(-1)).toMatch(/^yourmove: 400 runs in [\d.]+ s through the queue at redis:\/\/\S+$/);
  for (const line of lines.slice(0, -1)) expect(line).toMatch(/^forecast: \d+ of 400 runs \(\d+ %\)$/);
}

/** Every line a worker wrote is one of its sentences: no stack traces, no "[ioredis] Unhandled error event". */
function expectSentences(log: string): void {
  for (const line of log.trimEnd().split('\n')) expect(line).toMatch(/^yourmove worker: \S/);
  expect(log).not.toMatch(/^\s+at |Unhandled error|ioredis/m);
}

/** The test's own view of the queue's events, for waiting on what it needs before it acts. */
async function watchQueue(url: string) {
  const events = new QueueEvents(QUEUE, { connection: { url } });
  events.on('error', () => undefined); // the server may restart under it
  await events.waitUntilReady();
  return {
    /** The id of the `count`-th job whose event `name` passes `test`. */
    next: (name: 'active' | 'completed' | 'stalled', test: (jobId: string) => boolean | Promise<boolean> = () => true, count = 1) =>
      new Promise<string>((resolve) => {
        let n = 0;
        const on = async ({ jobId }: { jobId: string }) => {
          if ((await test(jobId)) && ++n === count) {
            events.off(name, on);
            resolve(jobId);
          }
        };
        events.on(name, on);
      }),
    close: () => events.close(),
  };
}

/** Keys in Redis besides the queue's own bookkeeping (its event stream, meta, id counter, stalled-check mark). */
async function leftovers(url: string): Promise<string[]> {
  const db = new Redis(url);
  const keys = await db.keys('*');
  await db.quit();
  const own = new RegExp(`^bull:${QUEUE}:(events|meta|id|stalled-check|marker)$`);
  return keys.filter((k) => !own.test(k)).sort();
}

describe('forecast through a queue on Redis', () => {
  let redis: RedisServer;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    // Two worker processes, as on two machines.
    workers.push(...(await Promise.all([startWorker(redis.url, 1), startWorker(redis.url, 1)])));
  }, 40_000);

  afterAll(async () => {
    for (const w of workers) await stopped(w.child);
    await redis?.stop();
  });

  it('gives byte-identical JSON through the queue and on local threads', async () => {
    const [queued, threads] = await Promise.all([cli([...args, '--queue', redis.url]), onThreads()]);
    expectQuiet(queued.stderr);
    expect(queued.status).toBe(0);
    expect(queued.stdout).toBe(threads);
    expect(JSON.parse(queued.stdout)).toMatchObject({ scenario: 'korea-russia-2024', runs: 400, seed: 7, partial: false });
  });

  it('survives Redis restarting empty mid-forecast: the lost chunks are played again, the bytes are the same', async () => {
    const events = await watchQueue(redis.url);
    const forecast = forecastProcess(redis.url);
    await events.next('completed', () => true, 2); // two chunks in, others under way and waiting
    await events.close();
    await redis.restart();
    const back = Date.now();
    const r = await forecast;
    const recovery = Date.now() - back;
    expectQuiet(r.stderr);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(await onThreads());
    // Each worker said it lost Redis and that it is back, in sentences; the chunks it held when it went it gave up.
    for (const w of workers) {
      expectSentences(w.log());
      expect(w.log()).toContain(`lost Redis at ${redis.url}; waiting for it to come back`);
      expect(w.log()).toContain(`Redis at ${redis.url} is back; serving forecasts`);
    }
    expect(workers.map((w) => w.log()).join('')).toContain('this worker lost its hold on it');
    expect(await leftovers(redis.url)).toEqual([]);
    expect(recovery).toBeLessThan(30_000); // the 6 chunks left, and a poll or two to find the lost ones
  }, 60_000);

  it('loses a few seconds, not a minute, to a worker killed with SIGKILL mid-chunk', async () => {
    const events = await watchQueue(redis.url);
    const db = new Redis(redis.url);
    const victim = workers.shift()!;
    const forecast = forecastProcess(redis.url);
    // A chunk the victim has just taken (BullMQ writes its name on the job as it hands it over).
    const held = await events.next('active', async (id) => (await db.hget(`bull:${QUEUE}:${id}`, 'pb')) === victim.name);
    victim.child.kill('SIGKILL');
    const killed = Date.now();
    await events.next('stalled', (id) => id === held); // its lock lapsed, and another worker took the chunk back
    const cost = Date.now() - killed;
    await events.close();
    await db.quit();
    const r = await forecast;
    expectQuiet(r.stderr);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(await onThreads());
    expect(await leftovers(redis.url)).toEqual([]);
    expect(cost).toBeLessThan(10_000); // the lock (4 s) and a stalled check (every 2 s); BullMQ's defaults: 30 s each
  }, 60_000);

  it('leaves no jobs and no results behind, and keeps results out of the event stream', async () => {
    expect(await leftovers(redis.url)).toEqual([]);
    const r = new Redis(redis.url);
    const events = Number(await r.call('MEMORY', 'USAGE', `bull:${QUEUE}:events`));
    await r.quit();
    expect(events).toBeLessThan(100_000); // a chunk's results are ~340 KB: none of them went into the stream
  });

  it('stops on Ctrl-C with a partial result, and takes its waiting jobs off the queue', async () => {
    const events = await watchQueue(redis.url);
    const child = spawn(process.execPath, [BIN, 'forecast', 'korea-russia-2024', '--runs', '50000', '--json', '--queue', redis.url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await events.next('completed');
    await events.close();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(130);
    const r = JSON.parse(out) as { runs: number; requested: number; partial: boolean };
    expect(r).toMatchObject({ requested: 50000, partial: true });
    expect(r.runs).toBeLessThan(50000);
    expect(r.runs % 50).toBe(0); // whole chunks, in run order
    const db = new Redis(redis.url);
    expect(await db.llen(`bull:${QUEUE}:wait`)).toBe(0);
    expect(await db.keys('yourmove:forecast:*')).toEqual([]); // the workers drop what they still hold of it
    await db.quit();
  }, 30_000);

  it('stops a worker on SIGTERM after its chunks', async () => {
    const w = workers.pop()!;
    expect(await stopped(w.child)).toBe(0);
    expect(w.log()).toContain('stopped');
    expectSentences(w.log());
  });

  it('refuses a Redis it cannot reach, and wrong usage', async () => {
    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    const [r, worker, bare, http, both] = await Promise.all([
      cli(['forecast', 'korea-russia-2024', '--runs', '10', '--queue', nowhere]),
      cli(['worker', '--queue', nowhere]),
      cli(['worker']),
      cli(['forecast', 'korea-russia-2024', '--queue', 'http://x']),
      cli(['forecast', 'korea-russia-2024', '--queue', redis.url, '--workers', '2']),
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`cannot reach Redis at ${nowhere}: connect ECONNREFUSED`);
    expect(worker.status).toBe(1);
    expect(bare.stderr).toContain('--queue REDIS_URL is required');
    expect(http.status).toBe(2);
    expect(both.status).toBe(2);
  });

  it('refuses, at once, a Redis it cannot write to', async () => {
    const replica = await startRedis({ extra: ['--replicaof', '127.0.0.1', String(await freePort())] }); // read-only
    try {
      const [f, w] = await Promise.all([
        cli(['forecast', 'korea-russia-2024', '--runs', '10', '--queue', replica.url]),
        cli(['worker', '--queue', replica.url]),
      ]);
      expect(f.status).toBe(1);
      expect(f.stderr).toContain(`Redis at ${replica.url} refused to open the queue: READONLY`);
      expect(w.status).toBe(1);
      expect(w.stderr).toContain(`Redis at ${replica.url} refused to serve the queue: READONLY`);
    } finally {
      await replica.stop();
    }
  });
});

describe('a Redis that keeps its data (append-only file) restarting mid-forecast', () => {
  it('keeps the jobs it had, and the forecast goes on to the same bytes', async () => {
    const redis = await startRedis({ persist: true });
    const worker = await startWorker(redis.url, 2);
    try {
      const events = await watchQueue(redis.url);
      const forecast = forecastProcess(redis.url);
      await events.next('completed', () => true, 2);
      await events.close();
      await redis.restart();
      const db = new Redis(redis.url);
      const kept = await db.llen(`bull:${QUEUE}:wait`); // of the 6 chunks left, those not yet under way
      await db.quit();
      const r = await forecast;
      expectQuiet(r.stderr);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(await onThreads());
      expect(kept).toBeGreaterThan(0);
      expectSentences(worker.log());
      expect(worker.log()).toContain(`Redis at ${redis.url} is back; serving forecasts`);
      expect(await leftovers(redis.url)).toEqual([]);
    } finally {
      await stopped(worker.child);
      await redis.stop();
    }
  }, 60_000);
});

describe('a Redis that does not come back', () => {
  it('fails the forecast in bounded time with one sentence, and its worker still stops', async () => {
    const redis = await startRedis();
    const said = vi.spyOn(console, 'error'); // where ioredis and BullMQ print errors nobody listens to
    const lines: string[] = [];
    const stop = new AbortController();
    const worker = serveQueue(redis.url, 1, stop.signal, (line) => lines.push(line));
    const scenario = loadBuiltin('korea-russia-2024');
    const executor = await QueueExecutor.open(redis.url, scenario, scenarioHash(scenario), { patienceMs: 3_000 });
    let gone = 0;
    let printed: unknown[][] = [];
    try {
      const forecast = runForecast({
        scenario,
        runs: 400,
        seed: 1,
        turns: 2,
        executor,
        // At the first chunk in, Redis goes for good.
        onProgress: () => {
          if (gone) return;
          gone = Date.now();
          void redis.stop();
        },
      });
      await expect(forecast).rejects.toThrow(
        new RegExp(`^lost Redis at ${redis.url}: no answer for 3 s \\(connect ECONNREFUSED 127\\.0\\.0\\.1:${redis.port}\\)$`),
      );
      expect(Date.now() - gone).toBeLessThan(10_000); // the patience (3 s), a poll either side (2 s), and slack
    } finally {
      await executor.close();
      stop.abort();
      await worker;
      await redis.stop();
      printed = [...said.mock.calls];
      said.mockRestore();
    }
    expect(lines).toContain(`lost Redis at ${redis.url}; waiting for it to come back`);
    expect(lines.at(-1)).toBe('stopped');
    expect(printed).toEqual([]);
  }, 30_000);
});

describe('a queue no worker serves', () => {
  it('fails the forecast with the reason once nobody has served the queue for the set time, and leaves no jobs', async () => {
    const redis = await startRedis();
    try {
      const scenario = loadBuiltin('korea-russia-2024');
      const executor = await QueueExecutor.open(redis.url, scenario, scenarioHash(scenario), { patienceMs: 3_000 });
      const t0 = Date.now();
      try {
        await expect(runForecast({ scenario, runs: 100, seed: 1, turns: 2, executor })).rejects.toThrow(
          `no \`yourmove worker\` has served queue ${QUEUE} at ${redis.url} for 3 s`,
        );
      } finally {
        await executor.close();
      }
      expect(Date.now() - t0).toBeGreaterThanOrEqual(3_000); // the polls counted the time, not fewer
      expect(await leftovers(redis.url)).toEqual([]);
    } finally {
      await redis.stop();
    }
  }, 20_000);
});
