/** A pool of forecast worker threads (piscina) on this machine, running src/sim/worker.ts. */
import { Piscina } from 'piscina';

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
