// Forecasts over a queue (PRODUCT.md: `forecast --queue REDIS_URL`, `worker --queue REDIS_URL`): a real Redis server
// and real `yourmove worker` processes; the same seed gives the same bytes through the queue as on local threads.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/lang/builtins.ts';
import { scenarioHash } from '../src/core/engine/game.ts';
import { runForecast } from '../src/sim/forecast.ts';
import { QUEUE, QueueExecutor } from '../src/sim/queue.ts';
import { loadBuiltin } from './helpers/scenarios.ts';
import { yourmove } from './helpers/cli.ts';
import { freePort, startRedis, type RedisServer } from './helpers/redis.ts';

/** A `yourmove worker` process; resolves once it says it is serving. */
async function startWorker(url: string, threads: number): Promise<{ child: ChildProcess; log: () => string }> {
  const child = spawn(
    process.execPath,
    [join(PACKAGE_ROOT, 'bin', 'yourmove.js'), 'worker', '--queue', url, '--workers', String(threads)],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
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
  return { child, log: () => err };
}

const stopped = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

describe('forecast through a queue on Redis', () => {
  let redis: RedisServer;
  const workers: { child: ChildProcess; log: () => string }[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    // Two worker processes, as on two machines.
    workers.push(await startWorker(redis.url, 1), await startWorker(redis.url, 1));
  }, 40_000);

  afterAll(async () => {
    for (const w of workers) await stopped(w.child);
    await redis?.stop();
  });

  const args = ['forecast', 'korea-russia-2024', '--runs', '400', '--turns', '8', '--seed', '7', '--json'];

  it('gives byte-identical JSON through the queue and on local threads', () => {
    const queued = yourmove([...args, '--queue', redis.url]);
    expect(queued.stderr).toContain(`through the queue at ${redis.url}`);
    expect(queued.status).toBe(0);
    const local = yourmove([...args, '--workers', '2']);
    expect(local.status).toBe(0);
    expect(queued.stdout).toBe(local.stdout);
    expect(JSON.parse(queued.stdout)).toMatchObject({ scenario: 'korea-russia-2024', runs: 400, seed: 7, partial: false });
  });

  it('leaves no jobs and no results behind, and keeps results out of the event stream', async () => {
    const { Redis } = await import('ioredis');
    const r = new Redis(redis.url);
    const waiting = await r.llen(`bull:${QUEUE}:wait`);
    const completed = await r.zcard(`bull:${QUEUE}:completed`);
    const results = await r.keys('yourmove:result:*');
    const events = Number(await r.call('MEMORY', 'USAGE', `bull:${QUEUE}:events`));
    await r.quit();
    expect([waiting, completed, results.length]).toEqual([0, 0, 0]);
    expect(events).toBeLessThan(100_000); // a chunk's results are ~340 KB: none of them went into the stream
  });

  it('stops on Ctrl-C with a partial result, and takes its waiting jobs off the queue', async () => {
    const child = spawn(
      process.execPath,
      [join(PACKAGE_ROOT, 'bin', 'yourmove.js'), 'forecast', 'korea-russia-2024', '--runs', '50000', '--json', '--queue', redis.url],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(130);
    const r = JSON.parse(out) as { runs: number; requested: number; partial: boolean };
    expect(r).toMatchObject({ requested: 50000, partial: true });
    expect(r.runs).toBeLessThan(50000);
    expect(r.runs % 50).toBe(0); // whole chunks, in run order
    const { Redis } = await import('ioredis');
    const db = new Redis(redis.url);
    expect(await db.llen(`bull:${QUEUE}:wait`)).toBe(0);
    await db.quit();
  }, 20_000);

  it('stops a worker on SIGTERM after its chunks', async () => {
    const w = workers.pop()!;
    expect(await stopped(w.child)).toBe(0);
    expect(w.log()).toContain('stopped');
  });

  it('refuses a Redis it cannot reach, and wrong usage', async () => {
    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    const r = yourmove(['forecast', 'korea-russia-2024', '--runs', '10', '--queue', nowhere]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`cannot reach Redis at ${nowhere}: connect ECONNREFUSED`);
    expect(yourmove(['worker', '--queue', nowhere]).status).toBe(1);
    expect(yourmove(['worker']).stderr).toContain('--queue REDIS_URL is required');
    expect(yourmove(['forecast', 'korea-russia-2024', '--queue', 'http://x']).status).toBe(2);
    expect(yourmove(['forecast', 'korea-russia-2024', '--queue', redis.url, '--workers', '2']).status).toBe(2);
  });

  it('refuses, at once, a Redis it cannot write to', async () => {
    const replica = await startRedis(['--replicaof', '127.0.0.1', String(await freePort())]); // read-only
    try {
      const f = yourmove(['forecast', 'korea-russia-2024', '--runs', '10', '--queue', replica.url]);
      expect(f.status).toBe(1);
      expect(f.stderr).toContain(`Redis at ${replica.url} refused to open the queue: READONLY`);
      const w = yourmove(['worker', '--queue', replica.url]);
      expect(w.status).toBe(1);
      expect(w.stderr).toContain(`Redis at ${replica.url} refused to serve the queue: READONLY`);
    } finally {
      await replica.stop();
    }
  });
});

describe('a queue no worker serves', () => {
  it('fails the forecast with the reason once nobody has served the queue for the set time, and leaves no jobs', async () => {
    const redis = await startRedis();
    try {
      const scenario = loadBuiltin('korea-russia-2024');
      const executor = await QueueExecutor.open(redis.url, scenario, scenarioHash(scenario), { noWorkerMs: 3_000 });
      const t0 = Date.now();
      try {
        await expect(runForecast({ scenario, runs: 100, seed: 1, turns: 2, executor })).rejects.toThrow(
          `no \`yourmove worker\` has served queue ${QUEUE} at ${redis.url} for 3 s`,
        );
      } finally {
        await executor.close();
      }
      expect(Date.now() - t0).toBeGreaterThanOrEqual(3_000); // the polls counted the time, not fewer
      const { Redis } = await import('ioredis');
      const db = new Redis(redis.url);
      expect(await db.llen(`bull:${QUEUE}:wait`)).toBe(0);
      await db.quit();
    } finally {
      await redis.stop();
    }
  }, 20_000);
});
