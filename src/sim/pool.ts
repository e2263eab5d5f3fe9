/**
 * Where a forecast's chunks are played (an `Executor`): a pool of worker threads on this machine (piscina, running
 * src/sim/worker.ts), or workers behind a queue (src/sim/queue.ts).
 *
 * The pool starts its threads as work comes, never more than the chunks in flight (a forecast of two runs has one
 * chunk and starts one thread, whatever --workers says), and shuts down only once every thread it started has
 * loaded: Node aborts the whole process (a V8 fatal error, not an exception) when a worker thread is terminated
 * while it is still loading its modules.
 */
import { Piscina } from 'piscina';
import type { Chunk } from './worker.ts';

export interface Executor {
  /** The chunk's runs, packed (RunLayout). */
  run(c: Chunk, signal: AbortSignal): Promise<Float64Array>;
  /** Chunks to keep in flight. */
  readonly inFlight: number;
  close(): Promise<void>;
}

/** A piscina pool of up to `threads` threads, started on demand, whose `destroy` waits for threads still loading. */
class LocalPool extends Piscina {
  /** Threads that have loaded the worker module (piscina says so with `workerCreate` for threads started on demand). */
  readonly #loaded = new Set<number>();

  constructor(threads: number) {
    // Under the test runner the sources are TypeScript: the threads load them through tsx.
    const ts = import.meta.url.endsWith('.ts');
    super({
      filename: new URL(ts ? './worker.ts' : './worker.js', import.meta.url).href,
      // None at first: piscina starts one for each task that finds no idle thread, up to maxThreads. (The threads it
      // starts with the pool it counts as ready before they have loaded, so their loading could not be awaited.)
      minThreads: 0,
      maxThreads: threads,
      // Started threads stay until the pool is destroyed: several forecasts in a row (advise) share them warm.
      idleTimeout: Infinity,
      ...(ts ? { execArgv: ['--import', 'tsx'] } : {}),
    });
    this.on('workerCreate', (w: { id: number }) => this.#loaded.add(w.id));
  }

  /** Every thread started and not yet gone has loaded: a thread that fails to load leaves the pool (`workerDestroy`). */
  async #settled(): Promise<void> {
    while (this.threads.some((t) => !this.#loaded.has(t.threadId)))
      await new Promise<void>((resolve) => {
        const next = () => {
          this.off('workerCreate', next);
          this.off('workerDestroy', next);
          resolve();
        };
        this.on('workerCreate', next);
        this.on('workerDestroy', next);
      });
  }

  override async destroy(): Promise<void> {
    await this.#settled();
    await super.destroy();
  }
}

/** A pool of up to `threads` worker threads running src/sim/worker.ts; `destroy()` it when done. */
export function localPool(threads: number): Piscina {
  return new LocalPool(threads);
}

export function poolExecutor(workers: number): Executor {
  const pool = localPool(workers);
  return {
    run: (c, signal) => pool.run(c, { signal }) as Promise<Float64Array>,
    // Two per thread: one running, one ready.
    inFlight: 2 * workers,
    close: () => pool.destroy(),
  };
}
