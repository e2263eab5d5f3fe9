/**
 * Reading command-line values the same way in every command: whole numbers in a range, dates, the seed, the actor
 * a person plays, a Redis URL, and the progress bar long commands show on stderr.
 */
import { SingleBar } from 'cli-progress';
import type { Actor, Scenario } from '../core/model.ts';
import { fromDay, toDay } from '../core/scenario/dates.ts';
import { CliError, EXIT } from './errors.ts';

/**
 * `value` as a whole number from `min` to `max`, or a usage error naming `flag`. Written in decimal digits, with a
 * minus only where negative numbers are allowed: `Number` alone would read "0x10" as 16, "1e1" as 10 and "" as 0.
 */
export function integer(value: string, flag: string, min: number, max: number): number {
  const x = (min < 0 ? /^-?\d+$/ : /^\d+$/).test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(x) || x < min || x > max)
    throw new CliError(`${flag} ${value}: expected a whole number from ${min} to ${max}`, EXIT.usage);
  return x;
}

/** `value` as a date that exists (`YYYY-MM-DD`; 2025-02-30 does not), or a usage error naming `flag`. */
export function dateOf(value: string, flag: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new CliError(`${flag} ${value}: expected a date as YYYY-MM-DD`, EXIT.usage);
  // Date.UTC rolls an impossible day over into the next month; a real date comes back as written.
  if (fromDay(toDay(value)) !== value) throw new CliError(`${flag} ${value}: there is no such day in the calendar`, EXIT.usage);
  return value;
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

/** How often progress goes to a log (stderr not a terminal): often enough to see it move, rarely enough to read. */
const LOG_EVERY_MS = 5000;

/**
 * Run `work` with a progress bar with ETA on stderr (`what` names the task: "forecast", "cascade"); it gets the
 * callback to report progress and the bar is stopped however it ends. When stderr is not a terminal (a log, a
 * pipe) a bar cannot redraw: progress goes there as plain lines instead, the first as soon as any runs are done.
 */
export async function withProgress<T>(what: string, total: number, work: (progress: (done: number) => void) => T | Promise<T>): Promise<T> {
  if (!process.stderr.isTTY) {
    let last = -Infinity;
    return work((done) => {
      const now = performance.now();
      if (done === 0 || now - last < LOG_EVERY_MS) return;
      last = now;
      process.stderr.write(`${what}: ${done} of ${total} runs (${Math.floor((100 * done) / total)} %)\n`);
    });
  }
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
