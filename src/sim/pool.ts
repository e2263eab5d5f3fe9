/**
 * Where a forecast's chunks are played (an `Executor`): a pool of worker threads on this machine (piscina, running
 * src/sim/worker.ts), or workers behind a queue (src/sim/queue.ts).
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

export function localPool(threads: number): Piscina {
  // Under the test runner the sources are TypeScript: the threads load them through tsx.
  const ts = import.meta.url.endsWith('.ts');
  return new Piscina({
    filename: new URL(ts ? './worker.ts' : './worker.js', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    ...(ts ? { execArgv: ['--import', 'tsx'] } : {}),
  });
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
