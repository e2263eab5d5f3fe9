/**
 * `yourmove worker --queue REDIS_URL [--workers N]`: play forecast chunks from the queue (src/sim/queue.ts) on N
 * threads until Ctrl-C or SIGTERM; the chunks under way finish first (unless Redis is away: then it stops within seconds).
 * Redis lost while it serves is said once, and its return; it waits for it. Start as many, on as many machines, as
 * the Redis server can be reached from.
 */
import { defaultWorkers } from '../sim/forecast.ts';
import { serveQueue } from '../sim/queue.ts';
import { integer, redisUrl } from './args.ts';
import { CliError, EXIT } from './errors.ts';

export interface WorkerCliOptions {
  queue?: string;
  workers?: string;
}

export async function workerCommand(opts: WorkerCliOptions): Promise<void> {
  if (opts.queue === undefined) throw new CliError('worker: --queue REDIS_URL is required', EXIT.usage);
  const url = redisUrl(opts.queue);
  const threads = opts.workers === undefined ? defaultWorkers() : integer(opts.workers, '--workers', 1, 256);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await serveQueue(url, threads, stop.signal, (line) => process.stderr.write(`yourmove worker: ${line}\n`));
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
