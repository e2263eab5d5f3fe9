/**
 * `yourmove play <scenario> --as <actor> --orders FILE [--turns N] [--seed S] [--json]`: a scripted game.
 * Actors the script does not move pass (the AI actors arrive with the AI). Text: each turn's report as the
 * player knows it. JSON: per-turn metrics (the umpire's figures), the player's events and every refused
 * order, and the game record that replays it.
 */
import { readFileSync } from 'node:fs';
import { playGame, turnMetrics } from '../core/engine/game.ts';
import { visibleEvents } from '../core/engine/observe.ts';
import { formatProblem } from '../lang/load.ts';
import { loadOrdersText } from '../lang/orders-file.ts';
import { CliError, EXIT } from './errors.ts';
import { turnReport } from './report.ts';
import { loadOrExit } from './scenario-commands.ts';

export interface PlayOptions {
  as: string;
  orders?: string;
  turns?: string;
  seed: string;
  json?: boolean;
}

function integer(value: string, flag: string, min: number, max: number): number {
  const x = Number(value);
  if (!Number.isInteger(x) || x < min || x > max)
    throw new CliError(`${flag} ${value}: expected a whole number from ${min} to ${max}`, EXIT.usage);
  return x;
}

export function playCommand(ref: string, opts: PlayOptions): void {
  const s = loadOrExit(ref);
  if (!s.actors.some((a) => a.id === opts.as))
    throw new CliError(`--as ${opts.as}: no such actor in ${s.id} (actors: ${s.actors.map((a) => a.id).join(', ')})`, EXIT.usage);
  const seed = integer(opts.seed, '--seed', -2147483648, 2147483647);
  const turns = opts.turns === undefined ? s.horizon : integer(opts.turns, '--turns', 1, s.horizon);
  if (opts.orders === undefined)
    throw new CliError('play needs --orders FILE for now: interactive play arrives with the AI actors (see the README)', EXIT.usage);
  let text: string;
  try {
    text = readFileSync(opts.orders, 'utf8');
  } catch {
    throw new CliError(`--orders ${opts.orders}: cannot read the file`);
  }
  const orders = loadOrdersText(text, opts.orders, s, opts.as, turns);
  if (!orders.ok) {
    for (const p of orders.problems) process.stderr.write(formatProblem(p) + '\n');
    throw new CliError(`${opts.orders}: ${orders.problems.length} problem${orders.problems.length === 1 ? '' : 's'}`);
  }

  const game = playGame(s, seed, orders.orders, turns);
  if (opts.json) {
    const out = {
      engine: game.record.engine,
      scenario: s.id,
      seed,
      as: opts.as,
      turns: game.turns.map((t) => ({
        ...turnMetrics(t.state),
        events: visibleEvents(t.events, opts.as, t.state),
        violations: t.violations,
      })),
      record: game.record,
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return;
  }
  for (const t of game.turns)
    process.stdout.write(
      turnReport(s, opts.as, t.state.turn, t.state.date, visibleEvents(t.events, opts.as, t.state), t.violations) + '\n',
    );
}
