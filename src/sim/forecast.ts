/**
 * The Monte Carlo runner: N runs in chunks over worker threads (piscina), results merged in run order into a
 * streaming aggregate, so the result is byte-identical whatever the number of workers and memory stays flat in N.
 * Progress is reported per chunk; an abort signal (Ctrl-C) stops the forecast and returns the runs done so far,
 * marked partial.
 */
import { availableParallelism } from 'node:os';
import { scenarioHash } from '../core/engine/game.ts';
import type { TurnOrders } from '../core/engine/orders.ts';
import { inputTemplate } from '../core/forecast/inputs.ts';
import type { Scenario } from '../core/model.ts';
import { ForecastAggregate, type ForecastResult } from './aggregate.ts';
import { poolExecutor, type Executor } from './pool.ts';
import { QueueExecutor } from './queue.ts';
import { runChunk, type Chunk } from './worker.ts';

export interface ForecastOptions {
  scenario: Scenario;
  runs: number;
  seed: number;
  turns: number;
  /** Worker threads (default: the machine's cores); 1 runs in this thread. */
  workers?: number;
  /** A Redis URL: the chunks go to `yourmove worker` processes through a BullMQ queue instead (src/sim/queue.ts). */
  queue?: string;
  /** Threads already started (and warmed up) by the caller, who closes them: several forecasts in a row share them. */
  executor?: Executor;
  /** Orders by turn that override the bots' (a trigger, a player's option). */
  script?: TurnOrders[];
  /** Runs per task given to a worker. */
  chunk?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export const DEFAULT_CHUNK = 50;

export function defaultWorkers(): number {
  return availableParallelism();
}

export async function runForecast(o: ForecastOptions): Promise<ForecastResult> {
  const template = inputTemplate(o.scenario);
  const aggregate = new ForecastAggregate(o.scenario, template.inputs, o.turns, o.script);
  const size = o.chunk ?? DEFAULT_CHUNK;
  const key = scenarioHash(o.scenario);
  const chunks: Chunk[] = [];
  for (let start = 0; start < o.runs; start += size) {
    const c: Chunk = { key, scenario: o.scenario, seed: o.seed, start, end: Math.min(o.runs, start + size), turns: o.turns };
    if (o.script) c.script = o.script;
    chunks.push(c);
  }
  const workers = Math.max(1, o.workers ?? defaultWorkers());
  let done = 0;
  const finish = (partial: boolean) => aggregate.result({ seed: o.seed, requested: o.runs, partial });

  if (workers === 1 && !o.queue && !o.executor) {
    for (const c of chunks) {
      if (o.signal?.aborted) return finish(true);
      aggregate.add(runChunk(c));
      done += c.end - c.start;
      o.onProgress?.(done, o.runs);
      await new Promise((resolve) => setImmediate(resolve)); // let Ctrl-C and progress through
    }
    return finish(false);
  }

  // Listening for Ctrl-C before anything is awaited: a stop while the queue opens is a stop too.
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  o.signal?.addEventListener('abort', onAbort);
  if (o.signal?.aborted) abort.abort();
  let executor: Executor;
  try {
    executor = o.executor ?? (o.queue ? await QueueExecutor.open(o.queue, o.scenario, key) : poolExecutor(workers));
  } catch (e) {
    o.signal?.removeEventListener('abort', onAbort);
    throw e;
  }
  // Results arrive in any order; they are added in run order, each chunk as soon as all before it are in. Progress
  // counts the runs added, so what it reports is what an interrupted forecast gives.
  const arrived = new Map<number, Float64Array>();
  let next = 0;
  const drain = () => {
    while (arrived.has(next)) {
      aggregate.add(arrived.get(next)!);
      arrived.delete(next);
      done += chunks[next]!.end - chunks[next]!.start;
      next++;
    }
  };
  // A bounded number of chunks in flight: the queue (and the results waiting for their turn) stay bounded, so
  // memory does not grow with the number of runs.
  const inFlight = executor.inFlight;
  let submitted = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      const submit = () => {
        while (running < inFlight && submitted < chunks.length && !abort.signal.aborted) {
          const i = submitted++;
          const c = chunks[i]!;
          running++;
          executor.run(c, abort.signal).then(
            (results) => {
              try {
                running--;
                arrived.set(i, results);
                drain(); // throws on a block that is not the next whole runs
                o.onProgress?.(done, o.runs);
                if (next === chunks.length) resolve();
                else submit();
              } catch (e) {
                reject(e);
              }
            },
            (e: unknown) => reject(e),
          );
        }
      };
      submit();
    });
    return finish(false);
  } catch (e) {
    if (abort.signal.aborted) return finish(true);
    throw e;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    if (!o.executor) await executor.close();
  }
}
