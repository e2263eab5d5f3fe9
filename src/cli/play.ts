/**
 * `yourmove play <scenario> --as <actor> [--orders FILE] [--turns N] [--seed S] [--bots KIND] [--budget B] [--json]`.
 * With `--orders`, a scripted game: the script's orders, and every actor it does not move in a turn played by its
 * bot (`--bots heuristic`, the default; `mcts` searches, `--budget` iterations or e.g. `500ms`; `none` leaves
 * them to the scenario's red lines). Text: each turn's report as the player knows it, then the bots' answers
 * with their reasons. JSON: per-turn metrics (the umpire's figures), the player's events, every refused order, the
 * bots' decisions, and the game record that replays it. Without `--orders`, an interactive game (interactive.ts).
 */
import { readFileSync } from 'node:fs';
import type { Bot, BotKind, Budget } from '../ai/bot.ts';
import { DEFAULT_ITERATIONS, makeBots, playWithBots } from '../ai/play.ts';
import { turnMetrics } from '../core/engine/game.ts';
import { visibleEvents } from '../core/engine/observe.ts';
import { formatProblem } from '../lang/load.ts';
import { loadOrdersText } from '../lang/orders-file.ts';
import { actorOf, integer, seedOf, turnsOf } from './args.ts';
import { CliError, EXIT } from './errors.ts';
import { answers, playInteractive } from './interactive.ts';
import { turnReport } from './report.ts';
import { loadOrExit } from './scenario-commands.ts';

export interface PlayOptions {
  as: string;
  orders?: string;
  turns?: string;
  seed: string;
  json?: boolean;
  bots: string;
  budget?: string;
}

const BOT_KINDS = ['heuristic', 'mcts', 'none'] as const;

function budgetOf(value: string | undefined): Budget {
  if (value === undefined) return { iterations: DEFAULT_ITERATIONS };
  const ms = /^(\d+)ms$/.exec(value);
  if (ms) return { milliseconds: integer(ms[1]!, '--budget', 1, 600_000) };
  return { iterations: integer(value, '--budget', 1, 10_000_000) };
}

export async function playCommand(ref: string, opts: PlayOptions): Promise<void> {
  const s = loadOrExit(ref);
  actorOf(s, opts.as);
  const seed = seedOf(opts.seed);
  const turns = turnsOf(opts.turns, s);
  if (!(BOT_KINDS as readonly string[]).includes(opts.bots))
    throw new CliError(`--bots ${opts.bots}: expected one of ${BOT_KINDS.join(', ')}`, EXIT.usage);
  const kind = opts.bots as (typeof BOT_KINDS)[number];
  const budget = budgetOf(opts.budget);
  const bots: Bot[] = kind === 'none' ? [] : makeBots(s, seed, opts.as, { kind: kind as BotKind, budget });
  if (opts.orders === undefined) {
    if (opts.json) throw new CliError('--json needs --orders FILE: an interactive game is for people', EXIT.usage);
    await playInteractive({ scenario: s, player: opts.as, seed, turns, bots, out: (t) => process.stdout.write(t) });
    return;
  }
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

  const game = playWithBots(s, seed, orders.orders, turns, bots);
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
        decisions: t.decisions,
      })),
      record: game.record,
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return;
  }
  for (const t of game.turns)
    process.stdout.write(
      turnReport(s, opts.as, t.state.turn, t.state.date, visibleEvents(t.events, opts.as, t.state), t.violations) +
        (t.decisions.length > 0 ? answers(s, t.decisions) : '') +
        '\n',
    );
}
