/**
 * Reading command-line values the same way in every command: whole numbers in a range, the seed, the actor a
 * person plays, a Redis URL, and the progress bar long commands show on stderr.
 */
import { SingleBar } from 'cli-progress';
import type { Actor, Scenario } from '../core/model.ts';
import { CliError, EXIT } from './errors.ts';

/** `value` as a whole number from `min` to `max`, or a usage error naming `flag`. */
export function integer(value: string, flag: string, min: number, max: number): number {
  const x = Number(value);
  if (!Number.isInteger(x) || x < min || x > max)
    throw new CliError(`${flag} ${value}: expected a whole number from ${min} to ${max}`, EXIT.usage);
  return x;
}

/** `--seed`: any 32-bit signed whole number. */
export function seedOf(value: string): number {
  return integer(value, '--seed', -2147483648, 2147483647);
}

/** `--turns`: from 1 to the horizon, which is also the default. */
export function turnsOf(value: string | undefined, s: Scenario): number {
  return value === undefined ? s.horizon : integer(value, '--turns', 1, s.horizon);
}

/** The actor `--as` names, or a usage error listing the scenario's actors. */
export function actorOf(s: Scenario, id: string): Actor {
  const actor = s.actors.find((a) => a.id === id);
  if (!actor) throw new CliError(`--as ${id}: no such actor in ${s.id} (actors: ${s.actors.map((a) => a.id).join(', ')})`, EXIT.usage);
  return actor;
}

/**
 * Run `work` with a progress bar with ETA on stderr (`what` names the task: "forecast", "cascade"); it gets the
 * callback to report progress and the bar is stopped however it ends.
 */
export async function withProgress<T>(what: string, total: number, work: (progress: (done: number) => void) => T | Promise<T>): Promise<T> {
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${what} {bar} {percentage}% | {value}/{total} runs | ETA {eta_formatted}`,
    hideCursor: true,
  });
  bar.start(total, 0);
  try {
    return await work((done) => bar.update(done));
  } finally {
    bar.stop();
  }
}

/** A Redis URL as BullMQ takes it: `redis://host:port` (or `rediss://`), else a usage error. */
export function redisUrl(text: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new CliError(`--queue ${JSON.stringify(text)}: not a URL; expected redis://host:port`, EXIT.usage);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    throw new CliError(`--queue ${JSON.stringify(text)}: expected a redis:// or rediss:// URL`, EXIT.usage);
  return text;
}
