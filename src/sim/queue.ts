/**
 * Forecasts spread over machines (PRODUCT.md, Scale): the chunks of runs become BullMQ jobs on Redis, done by
 * `yourmove worker` processes anywhere that reach it, each with worker threads of its own. The scenario goes to
 * Redis once (by its hash); each job names the scenario, the master seed and its runs, and comes back with its
 * runs' results, which the forecast merges in run order as it does for local threads — the same seed gives the
 * same bytes whichever machines did the work.
 */
import { randomUUID } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Scenario } from '../core/model.ts';
import type { RunResult } from './run.ts';
import { localPool } from './pool.ts';
import type { Chunk } from './worker.ts';

/** The queue's name on Redis. */
export const QUEUE = 'yourmove-forecast';
/** How long a scenario, or a job nobody collected, stays in Redis (seconds). */
const SCENARIO_TTL = 86_400;
const scenarioKey = (hash: string) => `yourmove:scenario:${hash}`;

/** A job: a chunk of runs without its scenario, which the worker fetches by hash (and keeps). */
type ChunkJob = Omit<Chunk, 'scenario'>;

/** Fail fast, with the reason, when nothing answers at `url` (BullMQ itself would retry for ever). */
export async function reachRedis(url: string): Promise<void> {
  const r = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 5000,
    disconnectTimeout: 0,
  });
  let cause = ''; // the socket's error ("connect ECONNREFUSED ..."), better than connect()'s "Connection is closed"
  r.on('error', (e: Error) => (cause ||= e.message));
  try {
    await r.connect();
    await r.ping();
  } catch (e) {
    throw new Error(`cannot reach Redis at ${url}: ${cause || (e as Error).message}`);
  } finally {
    r.disconnect();
  }
}

/** The forecast's side: puts chunks on the queue and resolves each with its results when a worker has done it. */
export class QueueExecutor {
  private readonly forecast = randomUUID();
  private readonly waiting = new Map<string, { resolve: (r: RunResult[]) => void; reject: (e: Error) => void }>();
  private watched: AbortSignal | undefined;

  private constructor(
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly key: string,
  ) {
    events.on('completed', ({ jobId }) => void this.collect(jobId));
    events.on('failed', ({ jobId, failedReason }) => this.settle(jobId, new Error(`a worker failed on ${jobId}: ${failedReason}`)));
  }

  static async open(url: string, scenario: Scenario, key: string): Promise<QueueExecutor> {
    await reachRedis(url);
    const connection = { url };
    const queue = new Queue(QUEUE, { connection });
    const events = new QueueEvents(QUEUE, { connection });
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    const redis = new Redis(url);
    await redis.set(scenarioKey(key), JSON.stringify(scenario), 'EX', SCENARIO_TTL);
    await redis.quit();
    return new QueueExecutor(queue, events, key);
  }

  /** The chunk's results, when a worker has played it; rejected when `signal` aborts first. */
  run(c: Chunk, signal: AbortSignal): Promise<RunResult[]> {
    const job: ChunkJob = { key: this.key, seed: c.seed, start: c.start, end: c.end, turns: c.turns };
    if (c.script) job.script = c.script;
    const id = `${this.forecast}-${c.start}`;
    return new Promise<RunResult[]>((resolve, reject) => {
      if (signal.aborted) return reject(new Error('the forecast was stopped'));
      this.waiting.set(id, { resolve, reject });
      this.watch(signal);
      // Read and removed by this forecast when done; one that nobody reads (the forecast stopped) expires.
      const expire = { age: SCENARIO_TTL };
      this.queue.add('chunk', job, { jobId: id, removeOnComplete: expire, removeOnFail: expire }).catch((e: Error) => this.settle(id, e));
    });
  }

  /**
   * Stop: this forecast's jobs not yet taken are removed; any under way finish unread (and are removed when they
   * do, or in a day at the latest).
   */
  async close(): Promise<void> {
    this.stopWaiting();
    const mine = (await this.queue.getJobs(['waiting', 'delayed', 'prioritized'])).filter((j) => j?.id?.startsWith(`${this.forecast}-`));
    for (const j of mine) await j.remove().catch(() => undefined);
    await this.events.close();
    await this.queue.close();
  }

  /** On abort, every chunk still waiting is given up (one listener per signal, not per chunk). */
  private watch(signal: AbortSignal): void {
    if (this.watched === signal) return;
    this.watched = signal;
    signal.addEventListener('abort', () => this.stopWaiting(), { once: true });
  }

  private stopWaiting(): void {
    for (const id of [...this.waiting.keys()]) this.settle(id, new Error('the forecast was stopped'));
  }

  private async collect(id: string): Promise<void> {
    if (!this.waiting.has(id)) return; // another forecast's job
    try {
      const job = await Job.fromId(this.queue, id);
      if (!job) throw new Error(`job ${id} is gone from Redis`);
      const results = deserialize(Buffer.from(job.returnvalue as string, 'base64')) as RunResult[];
      await job.remove();
      this.settle(id, results);
    } catch (e) {
      this.settle(id, e as Error);
    }
  }

  private settle(id: string, outcome: RunResult[] | Error): void {
    const w = this.waiting.get(id);
    if (!w) return;
    this.waiting.delete(id);
    if (outcome instanceof Error) w.reject(outcome);
    else w.resolve(outcome);
  }
}

/**
 * `yourmove worker`: take chunks from the queue and play them on `threads` worker threads until `signal` aborts.
 * Resolves when the worker has stopped (the chunks under way finished first).
 */
export async function serveQueue(url: string, threads: number, signal: AbortSignal, log: (line: string) => void): Promise<void> {
  await reachRedis(url);
  const pool = localPool(threads);
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  const scenarios = new Map<string, Scenario>();
  const worker = new Worker(
    QUEUE,
    async (job: Job<ChunkJob>) => {
      const d = job.data;
      let scenario = scenarios.get(d.key);
      if (!scenario) {
        const text = await redis.get(scenarioKey(d.key));
        if (text === null) throw new Error(`scenario ${d.key} is not in Redis (expired, or another Redis)`);
        scenario = JSON.parse(text) as Scenario;
        scenarios.set(d.key, scenario);
      }
      const results = (await pool.run({ ...d, scenario } satisfies Chunk)) as RunResult[];
      return serialize(results).toString('base64');
    },
    { connection: { url, maxRetriesPerRequest: null }, concurrency: threads },
  );
  worker.on('failed', (job, e) => log(`chunk ${job?.id ?? '?'} failed: ${e.message}`));
  await worker.waitUntilReady();
  log(`serving forecasts from ${url} (queue ${QUEUE}) on ${threads} thread${threads === 1 ? '' : 's'}; Ctrl-C stops`);
  await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
  await worker.close();
  redis.disconnect();
  await pool.destroy();
  log('stopped');
}
