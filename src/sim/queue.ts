/**
 * Forecasts spread over machines (PRODUCT.md, Scale): the chunks of runs become BullMQ jobs on Redis, done by
 * `yourmove worker` processes anywhere that reach it, each with worker threads of its own.
 *
 * - The scenario goes to Redis once, under its hash; a job names it, the master seed, its runs and the turns.
 * - A worker writes a chunk's results (V8 serialisation: exact) under a key of their own, not into the job's
 *   return value, which BullMQ would copy into its event stream; the forecast reads and deletes them, and merges
 *   them in run order as it does for local threads — the same seed gives the same bytes whatever did the work.
 * - The queue's name carries the engine version, the packing of results (RUN_FORMAT) and the Node major version, so
 *   a worker of another version (whose runs could differ, or whose results this one could not read) never takes
 *   this forecast's jobs.
 * - A forecast waits for completion events, and looks for results every POLL_MS as well, so a missed event cannot
 *   stall it; with no worker serving the queue for NO_WORKER_MS it fails, saying so.
 */
import { randomUUID } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { ENGINE_VERSION } from '../core/engine/game.ts';
import type { Scenario } from '../core/model.ts';
import { localPool, type Executor } from './pool.ts';
import { RUN_FORMAT } from './run.ts';
import type { Chunk } from './worker.ts';

/** The queue's name on Redis: one per engine version, packing of results (RUN_FORMAT) and Node major version. */
export const QUEUE = `yourmove-forecast-${ENGINE_VERSION}-f${RUN_FORMAT}-node${process.versions.node.split('.')[0]}`;
/** How long a scenario, a job or a result nobody collected stays in Redis (seconds). */
const TTL = 86_400;
const POLL_MS = 2_000;
/**
 * A forecast fails when no worker has served its queue for this long (default of `QueueExecutor.open`). Counted in
 * polls of POLL_MS: it fails at the first poll at or after the time.
 */
export const NO_WORKER_MS = 30_000;
const scenarioKey = (hash: string) => `yourmove:scenario:${hash}`;
const resultKey = (job: string) => `yourmove:result:${job}`;

/** A job: a chunk of runs without its scenario, which the worker fetches by hash (and keeps). */
type ChunkJob = Omit<Chunk, 'scenario'>;

/** Redis could not be reached or refused what the queue needs: a problem of the set-up, said in a sentence. */
export class QueueError extends Error {}

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
    throw new QueueError(`cannot reach Redis at ${url}: ${cause || (e as Error).message}`);
  } finally {
    r.disconnect();
  }
}

/** Run `f`; a Redis error out of it becomes a QueueError that says what was being done. */
async function asking<T>(url: string, doing: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof QueueError) throw e;
    throw new QueueError(`Redis at ${url} refused to ${doing}: ${(e as Error).message}`);
  }
}

/** The forecast's side: puts chunks on the queue and resolves each with its results when a worker has done it. */
export class QueueExecutor implements Executor {
  /** Chunks in flight: enough for a few machines' threads, few enough to keep memory flat. */
  readonly inFlight = 64;
  private readonly forecast = randomUUID();
  private readonly waiting = new Map<string, { resolve: (r: Float64Array) => void; reject: (e: Error) => void }>();
  private readonly adding = new Set<Promise<unknown>>();
  private watched: AbortSignal | undefined;
  private readonly poll: NodeJS.Timeout;
  private workerless = 0;

  private constructor(
    private readonly url: string,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly redis: Redis,
    private readonly key: string,
    private readonly noWorkerMs: number,
  ) {
    events.on('completed', ({ jobId }) => void this.collect(jobId));
    events.on('failed', ({ jobId, failedReason }) => this.settle(jobId, new QueueError(`a worker failed on ${jobId}: ${failedReason}`)));
    this.poll = setInterval(() => void this.check(), POLL_MS);
  }

  static async open(url: string, scenario: Scenario, key: string, options: { noWorkerMs?: number } = {}): Promise<QueueExecutor> {
    await reachRedis(url);
    const connection = { url };
    const queue = new Queue(QUEUE, { connection });
    const events = new QueueEvents(QUEUE, { connection });
    const redis = new Redis(url, { maxRetriesPerRequest: 1 });
    try {
      await asking(url, 'open the queue', async () => {
        await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
        await redis.set(scenarioKey(key), JSON.stringify(scenario), 'EX', TTL);
      });
    } catch (e) {
      await Promise.allSettled([events.close(), queue.close(), redis.quit()]);
      throw e;
    }
    return new QueueExecutor(url, queue, events, redis, key, options.noWorkerMs ?? NO_WORKER_MS);
  }

  /** The chunk's results, when a worker has played it; rejected when `signal` aborts first. */
  run(c: Chunk, signal: AbortSignal): Promise<Float64Array> {
    const job: ChunkJob = { key: this.key, seed: c.seed, start: c.start, end: c.end, turns: c.turns };
    if (c.script) job.script = c.script;
    const id = `${this.forecast}-${c.start}`;
    return new Promise<Float64Array>((resolve, reject) => {
      if (signal.aborted) return reject(new Error('the forecast was stopped'));
      this.waiting.set(id, { resolve, reject });
      this.watch(signal);
      // A done job has left its results under their own key; a failed one stays a day for whoever looks.
      const added = this.queue
        .add('chunk', job, { jobId: id, removeOnComplete: true, removeOnFail: { age: TTL } })
        .catch((e: Error) => this.settle(id, new QueueError(`Redis at ${this.url} refused a job: ${e.message}`)))
        .finally(() => this.adding.delete(added));
      this.adding.add(added);
    });
  }

  /**
   * Stop: this forecast's jobs not yet taken are removed; any under way finish unread, and they and their results
   * expire.
   */
  async close(): Promise<void> {
    clearInterval(this.poll);
    this.stopWaiting();
    try {
      await Promise.allSettled([...this.adding]);
      const mine = (await this.queue.getJobs(['waiting', 'delayed', 'prioritized'])).filter((j) => j?.id?.startsWith(`${this.forecast}-`));
      for (const j of mine) await j.remove().catch(() => undefined);
    } finally {
      await Promise.allSettled([this.events.close(), this.queue.close(), this.redis.quit()]);
    }
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

  /** Every POLL_MS: results whose event was missed; the scenario kept; and whether anyone serves the queue. */
  private async check(): Promise<void> {
    if (this.waiting.size === 0) return;
    try {
      // One round trip for every waiting chunk's result key.
      const ids = [...this.waiting.keys()];
      const found = (await this.redis.pipeline(ids.map((id) => ['exists', resultKey(id)])).exec()) ?? [];
      for (const [i, [error, exists]] of found.entries()) if (!error && exists === 1) await this.collect(ids[i]!);
      await this.redis.expire(scenarioKey(this.key), TTL);
      this.workerless = (await this.queue.getWorkersCount()) > 0 ? 0 : this.workerless + POLL_MS;
      if (this.workerless >= this.noWorkerMs)
        for (const id of [...this.waiting.keys()])
          this.settle(
            id,
            new QueueError(`no \`yourmove worker\` has served queue ${QUEUE} at ${this.url} for ${this.noWorkerMs / 1000} s`),
          );
    } catch {
      // Redis is unwell: the next tick tries again, and the jobs' own events still come.
    }
  }

  private async collect(id: string): Promise<void> {
    if (!this.waiting.has(id)) return; // another forecast's job, or collected already
    try {
      const bytes = await this.redis.getBuffer(resultKey(id));
      if (bytes === null) return; // not written yet (or taken by an earlier call): the poll comes back to it
      await this.redis.del(resultKey(id));
      const results: unknown = deserialize(bytes);
      if (!(results instanceof Float64Array))
        throw new Error(`they are not packed runs of this version (a worker of another version serves queue ${QUEUE}?)`);
      this.settle(id, results);
    } catch (e) {
      this.settle(id, new QueueError(`reading the results of ${id} from Redis at ${this.url}: ${(e as Error).message}`));
    }
  }

  private settle(id: string, outcome: Float64Array | Error): void {
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
      const results = (await pool.run({ ...d, scenario } satisfies Chunk)) as Float64Array;
      await redis.set(resultKey(job.id!), serialize(results), 'EX', TTL);
    },
    { connection: { url, maxRetriesPerRequest: null }, concurrency: threads, autorun: false },
  );
  worker.on('failed', (job, e) => log(`chunk ${job?.id ?? '?'} failed: ${e.message}`));
  // Redis trouble while serving (it went away, it turned read-only): said once, not once per poll.
  let said = '';
  worker.on('error', (e) => {
    if (e.message !== said) log(`Redis: ${(said = e.message)}`);
  });
  try {
    await asking(url, 'serve the queue', async () => {
      await redis.set('yourmove:worker-probe', '1', 'EX', 10); // a Redis it cannot write to is no use
      await worker.waitUntilReady();
    });
    void worker.run();
    log(`serving forecasts from ${url} (queue ${QUEUE}) on ${threads} thread${threads === 1 ? '' : 's'}; Ctrl-C stops`);
    await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
  } finally {
    await Promise.allSettled([worker.close()]);
    redis.disconnect();
    await pool.destroy();
  }
  log('stopped');
}
