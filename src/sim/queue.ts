/**
 * Forecasts spread over machines (PRODUCT.md, Scale): the chunks of runs become BullMQ jobs on Redis, done by
 * `yourmove worker` processes anywhere that reach it, each with worker threads of its own.
 *
 * - The scenario goes to Redis once, under its hash; a job names it, its forecast, the master seed, its runs and the
 *   turns.
 * - A worker writes a chunk's results (V8 serialisation: exact) under a key of their own, not into the job's
 *   return value, which BullMQ would copy into its event stream; the forecast reads and deletes them, and merges
 *   them in run order as it does for local threads — the same seed gives the same bytes whatever did the work, and
 *   however often a chunk was played.
 * - The queue's name carries the engine version, the packing of results (RUN_FORMAT), the protocol between forecast
 *   and workers (PROTOCOL) and the Node major version, so a worker of another version (whose runs could differ, or
 *   whose results this one could not read) never takes this forecast's jobs.
 *
 * What can go wrong while it runs, and what is done about it:
 * - A worker dies (kill -9, a machine lost): it held its chunks by locks of LOCK_MS, renewed while it plays them;
 *   once a lock lapses, the next stalled check of any worker (every STALLED_MS) puts the chunk back on the queue.
 * - A worker writes results only while it holds the chunk's lock and the forecast is alive (its key, refreshed every
 *   poll), in one Lua script: a chunk taken back, lost with Redis, or of a forecast that has ended leaves nothing.
 * - Redis restarts, empty or not: every client reconnects, and their errors are listened to (said once by a
 *   worker, kept for the forecast's last sentence). Every POLL_MS the forecast puts its scenario and its key back,
 *   and looks at each chunk: results are collected (so a missed completion event cannot stall it), and a job gone
 *   without results is submitted again under a new id (MAX_LOSSES times at most).
 * - It fails, saying so, when Redis has not answered for PATIENCE_MS, or no worker has served the queue for as long.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { deserialize, serialize } from 'node:v8';
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { ENGINE_VERSION } from '../core/engine/game.ts';
import type { Scenario } from '../core/model.ts';
import { localPool, type Executor } from './pool.ts';
import { RUN_FORMAT } from './run.ts';
import type { Chunk } from './worker.ts';

/**
 * How forecast and workers deal through Redis. 2: a job names its forecast, whose key a worker checks, and results
 * are written under the job's lock.
 */
const PROTOCOL = 2;
/** The queue's name on Redis: one per engine version, packing of results (RUN_FORMAT), PROTOCOL and Node major version. */
export const QUEUE = `yourmove-forecast-${ENGINE_VERSION}-f${RUN_FORMAT}-q${PROTOCOL}-node${process.versions.node.split('.')[0]}`;
/** How long a scenario, a failed job or a result nobody collected stays in Redis (seconds). */
const TTL = 86_400;
const POLL_MS = 2_000;
/**
 * A forecast fails when Redis has not answered, or no worker has served its queue, for this long (default of
 * `QueueExecutor.open`). The time without a worker is counted in polls of POLL_MS that Redis answered.
 */
export const PATIENCE_MS = 30_000;
/** A worker's hold on a chunk, renewed every half of it while it plays: what a worker killed mid-chunk costs, with STALLED_MS. */
const LOCK_MS = 4_000;
/** How often the workers look for chunks whose worker stopped renewing its lock, and put them back on the queue. */
const STALLED_MS = 2_000;
/** A chunk taken back more often than this (it kills its worker, or Redis keeps losing the locks) fails. */
const MAX_STALLS = 5;
/** A worker's pause before it asks again after Redis failed it (BullMQ's default is 15 s). */
const RETRY_MS = 1_000;
/** A chunk whose job vanished this many times (Redis restarting empty, or evicting keys) fails the forecast. */
const MAX_LOSSES = 5;
/** How long a forecast's key outlives its last poll (seconds): after that, workers drop its chunks unplayed. */
const ALIVE_S = 30;
/** How long closing waits for Redis before it lets go (what is left expires). */
const CLOSE_MS = 5_000;

const scenarioKey = (hash: string) => `yourmove:scenario:${hash}`;
const resultKey = (job: string) => `yourmove:result:${job}`;
const aliveKey = (forecast: string) => `yourmove:forecast:${forecast}`;
/** The start of the reason a worker gives for a chunk whose scenario is not in Redis: the forecast puts it back. */
const NO_SCENARIO = 'the scenario is not in Redis';

/** A job: a chunk of runs without its scenario, which the worker fetches by hash (and keeps). */
type ChunkJob = Omit<Chunk, 'scenario'> & { forecast: string };

/** Redis could not be reached or refused what the queue needs: a problem of the set-up, said in a sentence. */
export class QueueError extends Error {}

/** Whether `e` says Redis did not answer (the connection is down), rather than that it answered with a refusal. */
function unreachable(e: Error): boolean {
  return /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|Connection is closed|Stream isn't writeable|max retries per request/i.test(
    e.message,
  );
}

/** `p`, or nothing after `ms`: for the last words to a Redis that may be gone. */
async function within(ms: number, p: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/**
 * Disconnect the Redis clients of BullMQ objects, closed or not, at once. (BullMQ's own `disconnect` waits for an
 * `end` event that a connection already lost may never give, and only then goes on to a Worker's second client,
 * which meanwhile keeps reconnecting and keeps the process alive.)
 */
async function hangUp(...owners: (Queue | QueueEvents | Worker)[]): Promise<void> {
  const clients = owners.flatMap((o) => [o.getBackend().client, o.getBackend().blockingClient]);
  for (const c of await Promise.allSettled(clients)) if (c.status === 'fulfilled') c.value?.disconnect();
}

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

/** A chunk the forecast waits for. `state`: its job's add is under way, done, failed for want of Redis, or to be redone. */
interface Pending {
  job: ChunkJob;
  attempt: number;
  losses: number;
  state: 'adding' | 'added' | 'unsent' | 'lost';
  resolve: (r: Float64Array) => void;
  reject: (e: Error) => void;
}

/** The forecast's side: puts chunks on the queue and resolves each with its results when a worker has done it. */
export class QueueExecutor implements Executor {
  /** Chunks in flight: enough for a few machines' threads, few enough to keep memory flat. */
  readonly inFlight = 64;
  private readonly forecast = randomUUID();
  /** By job id: a chunk submitted again has a new one (`<forecast>-<start>-<attempt>`). */
  private readonly pending = new Map<string, Pending>();
  private readonly collecting = new Set<string>();
  private readonly adding = new Set<Promise<unknown>>();
  private readonly queue: Queue;
  private readonly events: QueueEvents;
  private readonly redis: Redis;
  private readonly scenarioText: string;
  private watched: AbortSignal | undefined;
  private poll: NodeJS.Timeout | undefined;
  private checking = false;
  private answered = Date.now();
  private workerless = 0;
  /** The last connection error any client heard: the cause in the sentence when Redis stays away. */
  private cause = '';

  private constructor(
    private readonly url: string,
    scenario: Scenario,
    private readonly key: string,
    private readonly patienceMs: number,
  ) {
    this.scenarioText = JSON.stringify(scenario);
    // Commands fail after one reconnection rather than wait: the poll does them again.
    this.queue = new Queue(QUEUE, { connection: { url, maxRetriesPerRequest: 1 } });
    this.events = new QueueEvents(QUEUE, { connection: { url } });
    this.redis = new Redis(url, { maxRetriesPerRequest: 1 });
    const heard = (e: Error) => {
      if (unreachable(e)) this.cause = e.message;
    };
    this.queue.on('error', heard);
    this.events.on('error', heard);
    this.redis.on('error', heard);
    this.events.on('completed', ({ jobId }) => void this.collect(jobId));
    this.events.on('failed', ({ jobId, failedReason }) => this.failed(jobId, failedReason));
  }

  static async open(url: string, scenario: Scenario, key: string, options: { patienceMs?: number } = {}): Promise<QueueExecutor> {
    await reachRedis(url);
    const x = new QueueExecutor(url, scenario, key, options.patienceMs ?? PATIENCE_MS);
    try {
      await asking(url, 'open the queue', async () => {
        await Promise.all([x.queue.waitUntilReady(), x.events.waitUntilReady()]);
        await x.redis.set(scenarioKey(key), x.scenarioText, 'EX', TTL);
        await x.redis.set(aliveKey(x.forecast), '1', 'EX', ALIVE_S);
      });
    } catch (e) {
      await x.disconnect();
      throw e;
    }
    x.poll = setInterval(() => x.tick(), POLL_MS);
    return x;
  }

  /** The chunk's results, when a worker has played it; rejected when `signal` aborts first. */
  run(c: Chunk, signal: AbortSignal): Promise<Float64Array> {
    const job: ChunkJob = { forecast: this.forecast, key: this.key, seed: c.seed, start: c.start, end: c.end, turns: c.turns };
    if (c.script) job.script = c.script;
    return new Promise<Float64Array>((resolve, reject) => {
      if (signal.aborted) return reject(new Error('the forecast was stopped'));
      this.watch(signal);
      this.submit({ job, attempt: 0, losses: 0, state: 'adding', resolve, reject });
    });
  }

  /**
   * Stop: workers are told this forecast has ended (they drop its chunks, and write no results for it); its jobs not
   * yet taken and any results left are removed, and its scenario. A Redis that is gone is not waited for.
   */
  async close(): Promise<void> {
    clearInterval(this.poll);
    this.stopWaiting();
    await within(CLOSE_MS, this.tidy());
    await this.disconnect();
  }

  private async tidy(): Promise<void> {
    await Promise.allSettled([...this.adding]);
    if (this.redis.status !== 'ready') return;
    await this.redis.del(aliveKey(this.forecast)); // from here on no worker writes results for this forecast
    const mine = (await this.queue.getJobs(['waiting', 'delayed', 'prioritized'])).filter((j) => j?.id?.startsWith(`${this.forecast}-`));
    for (const j of mine) await j.remove().catch(() => undefined);
    // Results of a chunk played twice (an add that reached Redis though it failed here), or left by a stop.
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', resultKey(`${this.forecast}-*`), 'COUNT', 1000);
      if (keys.length > 0) await this.redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    // Another forecast of the same scenario puts it back at its next poll.
    await this.redis.del(scenarioKey(this.key));
  }

  /**
   * Politely to a Redis that answers; one that is gone is not waited for: BullMQ's close and disconnect can wait for
   * it for ever (with nothing left to wake them, Node would end the process with the forecast unsettled).
   */
  private async disconnect(): Promise<void> {
    const closing = Promise.allSettled([this.events.close(), this.queue.close(), this.redis.quit()]);
    if (this.redis.status === 'ready') await within(CLOSE_MS, closing);
    this.redis.disconnect();
    await hangUp(this.events, this.queue);
  }

  private submit(p: Pending): void {
    const id = `${this.forecast}-${p.job.start}-${p.attempt}`;
    p.state = 'adding';
    this.pending.set(id, p);
    // A done job has left its results under their own key; a failed one stays a day for whoever looks.
    const added = this.queue
      .add('chunk', p.job, { jobId: id, removeOnComplete: true, removeOnFail: { age: TTL } })
      .then(
        () => {
          if (p.state === 'adding') p.state = 'added';
        },
        (e: Error) => {
          if (!unreachable(e)) this.settle(id, new QueueError(`Redis at ${this.url} refused a job: ${e.message}`));
          else if (p.state === 'adding') p.state = 'unsent'; // the poll looks whether it got there, else sends it again
        },
      )
      .finally(() => this.adding.delete(added));
    this.adding.add(added);
  }

  /** Submit the chunk of job `id` again, under a new id; `lost`: its job had reached Redis and vanished. */
  private resubmit(id: string, p: Pending, lost: boolean): void {
    this.pending.delete(id);
    if (lost && ++p.losses > MAX_LOSSES) {
      p.reject(
        new QueueError(
          `the jobs of runs ${p.job.start}-${p.job.end - 1} vanished from Redis at ${this.url} ${MAX_LOSSES} times (does it restart empty, or evict keys?)`,
        ),
      );
      return;
    }
    p.attempt++;
    this.submit(p);
  }

  /** On abort, every chunk still waiting is given up (one listener per signal, not per chunk). */
  private watch(signal: AbortSignal): void {
    if (this.watched === signal) return;
    this.watched = signal;
    signal.addEventListener('abort', () => this.stopWaiting(), { once: true });
  }

  private stopWaiting(): void {
    for (const id of [...this.pending.keys()]) this.settle(id, new Error('the forecast was stopped'));
  }

  private failAll(e: QueueError): void {
    for (const id of [...this.pending.keys()]) this.settle(id, e);
  }

  /** Every POLL_MS: the deadlines, measured in time whether or not the last look has come back; then a new look. */
  private tick(): void {
    if (this.pending.size === 0) {
      this.answered = Date.now();
      return;
    }
    if (Date.now() - this.answered >= this.patienceMs) {
      const cause = this.cause ? ` (${this.cause})` : '';
      return this.failAll(new QueueError(`lost Redis at ${this.url}: no answer for ${this.patienceMs / 1000} s${cause}`));
    }
    if (this.checking) return;
    this.checking = true;
    void this.check().finally(() => (this.checking = false));
  }

  /** The forecast's key and scenario kept (put back after a Redis that restarted empty); whether anyone serves; each chunk. */
  private async check(): Promise<void> {
    try {
      const kept =
        (await this.redis.pipeline().set(aliveKey(this.forecast), '1', 'EX', ALIVE_S).expire(scenarioKey(this.key), TTL).exec()) ?? [];
      for (const [error] of kept) if (error) throw error;
      if (kept[1]?.[1] === 0) await this.redis.set(scenarioKey(this.key), this.scenarioText, 'EX', TTL);
      this.answered = Date.now();
      this.workerless = (await this.queue.getWorkersCount()) > 0 ? 0 : this.workerless + POLL_MS;
      if (this.workerless >= this.patienceMs)
        return this.failAll(
          new QueueError(`no \`yourmove worker\` has served queue ${QUEUE} at ${this.url} for ${this.patienceMs / 1000} s`),
        );
      await this.review();
    } catch {
      // Redis is away, or went while looking: the next tick looks again, and the deadline counts.
    }
  }

  /**
   * Each chunk whose job has been sent: collected if its results are there, else failed if its job failed, else
   * submitted again if its job is gone (or finished without results). The job is looked at before its results: a
   * worker writes the results before the job completes and leaves, so a job gone means results there, or none to come.
   */
  private async review(): Promise<void> {
    const ids = [...this.pending.entries()].filter(([, p]) => p.state !== 'adding').map(([id]) => id);
    if (ids.length === 0) return;
    const looks = ids.flatMap((id) => [
      ['exists', this.queue.toKey(id)],
      ['hmget', this.queue.toKey(id), 'failedReason', 'finishedOn'],
      ['exists', resultKey(id)],
    ]);
    const replies = (await this.redis.pipeline(looks).exec()) ?? [];
    for (const [error] of replies) if (error) throw error;
    for (const [i, id] of ids.entries()) {
      const p = this.pending.get(id);
      if (!p || p.state === 'adding' || this.collecting.has(id)) continue; // settled, resent or being read meanwhile
      const job = replies[3 * i]![1] as number;
      const [failedReason, finishedOn] = replies[3 * i + 1]![1] as (string | null)[];
      const results = replies[3 * i + 2]![1] as number;
      if (job === 1 && p.state === 'unsent') p.state = 'added'; // its add got there after all
      if (results === 1) await this.collect(id);
      else if (p.state === 'lost') this.resubmit(id, p, true);
      else if (job === 1 && failedReason) this.failed(id, failedReason);
      else if (job === 0 || finishedOn) this.resubmit(id, p, p.state === 'added');
    }
  }

  private async collect(id: string): Promise<void> {
    if (!this.pending.has(id) || this.collecting.has(id)) return; // another forecast's job, or read already
    this.collecting.add(id);
    try {
      const bytes = await this.redis.getBuffer(resultKey(id));
      if (bytes === null) return; // not written (or lost with Redis): the poll comes back to it
      const results: unknown = deserialize(bytes);
      if (!(results instanceof Float64Array))
        throw new Error(`they are not packed runs of this version (a worker of another version serves queue ${QUEUE}?)`);
      this.settle(id, results);
      await this.redis.del(resultKey(id)).catch(() => undefined); // else closing removes them
    } catch (e) {
      // Redis away: the poll comes back to it.
      if (!unreachable(e as Error))
        this.settle(id, new QueueError(`reading the results of ${id} from Redis at ${this.url}: ${(e as Error).message}`));
    } finally {
      this.collecting.delete(id);
    }
  }

  /** A worker failed the chunk: the forecast fails, unless the scenario was missing (Redis restarted empty). */
  private failed(id: string, reason: string): void {
    const p = this.pending.get(id);
    if (!p) return;
    if (!reason.startsWith(NO_SCENARIO)) return this.settle(id, new QueueError(`a worker failed on ${id}: ${reason}`));
    // The next poll puts the scenario back first, then submits the chunk again.
    p.state = 'lost';
    void this.queue.remove(id).catch(() => undefined);
  }

  private settle(id: string, outcome: Float64Array | Error): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (outcome instanceof Error) p.reject(outcome);
    else p.resolve(outcome);
  }
}

/**
 * The result of a chunk, written only while the worker holds the job's lock (BullMQ's `<job key>:lock`, whose value is
 * the holder's token) and the forecast is alive: 1 written, 0 the forecast has ended, -1 the job is not this worker's.
 */
const PUT_RESULT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] or redis.call('EXISTS', KEYS[2]) == 0 then return -1 end
if redis.call('EXISTS', KEYS[4]) == 0 then return 0 end
redis.call('SET', KEYS[3], ARGV[2], 'EX', ARGV[3])
return 1`;

/** BullMQ's errors about a job this worker no longer holds: said once per chunk by the worker itself. */
const NOT_HELD = /^(could not renew lock for job|Missing (lock|key) for job|Lock mismatch for job|Job \S+ is not in the active state)/;

/**
 * `yourmove worker`: take chunks from the queue and play them on `threads` worker threads until `signal` aborts.
 * Redis going away is said once, and its return; the worker reconnects and goes on. Resolves when the worker has
 * stopped: the chunks under way finished first, unless Redis is away (they are given up).
 */
export async function serveQueue(url: string, threads: number, signal: AbortSignal, log: (line: string) => void): Promise<void> {
  await reachRedis(url);
  const pool = localPool(threads);
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  const scenarios = new Map<string, Scenario>();
  let stopping = false;
  let lost = false;
  let said = '';
  const away = () => {
    if (lost || stopping) return;
    lost = true;
    log(`lost Redis at ${url}; waiting for it to come back`);
  };
  const heard = (e: Error) => {
    if (unreachable(e)) return away();
    if (lost || stopping || NOT_HELD.test(e.message) || e.message === said) return;
    log(`Redis: ${(said = e.message)}`);
  };
  redis.on('error', heard);
  redis.on('close', away);
  redis.on('ready', () => {
    if (!lost) return;
    lost = false;
    said = '';
    log(`Redis at ${url} is back; serving forecasts`);
  });
  const givenUp = new Set<string>();
  const giveUp = (id: string) => {
    if (givenUp.has(id)) return;
    givenUp.add(id);
    log(`chunk ${id}: this worker lost its hold on it (Redis lost it, or it was taken back); its results are not written`);
  };
  const worker: Worker<ChunkJob> = new Worker<ChunkJob>(
    QUEUE,
    async (job: Job<ChunkJob>, token?: string) => {
      const d = job.data;
      const id = job.id!;
      try {
        if ((await redis.exists(aliveKey(d.forecast))) === 0) return; // its forecast has ended: nobody reads it
        let scenario = scenarios.get(d.key);
        if (!scenario) {
          const text = await redis.get(scenarioKey(d.key));
          if (text === null) throw new Error(`${NO_SCENARIO} (${d.key}: Redis restarted empty, or another Redis)`);
          scenario = JSON.parse(text) as Scenario;
          scenarios.set(d.key, scenario);
        }
        const chunk: Chunk = { key: d.key, scenario, seed: d.seed, start: d.start, end: d.end, turns: d.turns };
        if (d.script) chunk.script = d.script;
        const results = (await pool.run(chunk)) as Float64Array;
        const keys = [worker.toKey(`${id}:lock`), worker.toKey(id), resultKey(id), aliveKey(d.forecast)];
        const put = await redis.eval(PUT_RESULT, keys.length, ...keys, token ?? '', serialize(results), TTL);
        if (put === -1) {
          giveUp(id);
          throw new Error(`chunk ${id} is no longer this worker's`);
        }
      } finally {
        // A renewal already on its way may still come back refused: said once all the same.
        setTimeout(() => givenUp.delete(id), LOCK_MS).unref();
      }
    },
    {
      connection: { url, maxRetriesPerRequest: null },
      name: `${hostname()}-${process.pid}`, // on each job it takes (BullMQ's processedBy)
      concurrency: threads,
      autorun: false,
      lockDuration: LOCK_MS,
      stalledInterval: STALLED_MS,
      maxStalledCount: MAX_STALLS,
      runRetryDelay: RETRY_MS,
    },
  );
  worker.on('failed', (job, e) => log(`chunk ${job?.id ?? '?'} failed: ${e.message}`));
  worker.on('error', heard);
  // A lock that could not be renewed is someone else's now, or gone with Redis: the chunk plays on (a thread stopped
  // mid-task would have to load the engine again), and its results are not written.
  worker.on('lockRenewalFailed', (ids) => {
    for (const id of ids) giveUp(id);
  });
  try {
    await asking(url, 'serve the queue', async () => {
      await redis.set('yourmove:worker-probe', '1', 'EX', 10); // a Redis it cannot write to is no use
      await redis.del('yourmove:worker-probe');
      await worker.waitUntilReady();
    });
    void worker.run().catch(heard);
    log(`serving forecasts from ${url} (queue ${QUEUE}) on ${threads} thread${threads === 1 ? '' : 's'}; Ctrl-C stops`);
    await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
  } finally {
    stopping = true;
    // BullMQ's close waits for a Redis that is gone for ever: stopped while Redis is away, the worker stops all the
    // same (the chunks under way are given up; their locks lapse and other workers take them).
    let look: NodeJS.Timeout | undefined;
    const closed = await Promise.race([
      worker
        .close()
        .catch(() => undefined)
        .then(() => true),
      new Promise<boolean>((resolve) => (look = setInterval(() => redis.status !== 'ready' && resolve(false), 500))),
    ]);
    clearInterval(look);
    // Its close stuck waiting for Redis before it stopped renewing locks, whose timer would keep the process up.
    if (!closed) await worker['lockManager'].close();
    await hangUp(worker);
    redis.disconnect();
    await pool.destroy();
  }
  log('stopped');
}
