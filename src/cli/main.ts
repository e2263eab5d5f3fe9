/**
 * The `yourmove` command. Exit status: 0 success, 1 invalid input (errors on stderr), 2 wrong usage.
 * `--json` output goes to stdout alone; messages go to stderr.
 *
 * Each command's module is loaded only when the command runs (`lazy`): `yourmove --help` and a usage error load
 * commander and nothing of the engine, the AI, the language or the queue.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { CliError, EXIT } from './errors.ts';

// From src/cli/ and dist/cli/ alike, the package root is two levels up.
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** An action that imports its command's module when it runs, and calls the command with commander's arguments. */
function lazy<A extends unknown[]>(load: () => Promise<(...args: A) => unknown>): (...args: A) => Promise<void> {
  return async (...args) => {
    const command = await load();
    await command(...args);
  };
}

/**
 * The default command saw a word where a command goes: refuse it as commander refuses an unknown command, with its
 * "Did you mean" (commander cannot: the default command takes every word that names no other command).
 */
function unknownCommand(p: Command, name: string): never {
  const probe = new Command(p.name()).exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  for (const c of p.createHelp().visibleCommands(p)) probe.command(c.name());
  try {
    probe.parse([name], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) p.error(e.message, { code: e.code, exitCode: EXIT.usage });
  }
  p.error(`error: unknown command '${name}'`, { code: 'commander.unknownCommand', exitCode: EXIT.usage });
}

export function program(): Command {
  const p = new Command('yourmove')
    .description('Crisis simulation and wargame: play the next move, let the other actors answer, forecast the domino.')
    .version(version)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) })
    .showHelpAfterError('(run yourmove --help for usage)');

  p.command('scenarios')
    .description('list the built-in scenarios')
    .option('--json', 'machine-readable output')
    .action(lazy(async () => (await import('./scenario-commands.ts')).scenariosCommand));

  p.command('validate')
    .description('check a scenario; errors as file:line:col: path: message')
    .argument('<scenario>', 'a scenario file (YAML or JSON) or a built-in id')
    .option('--strict', 'also require a source on every number')
    .action(lazy(async () => (await import('./scenario-commands.ts')).validateCommand));

  p.command('show')
    .description('actors, conflicts, fronts, treaties, questions and metrics of a scenario')
    .argument('<scenario>', 'a scenario file or a built-in id')
    .option('--json', 'the validated scenario as JSON')
    .action(lazy(async () => (await import('./scenario-commands.ts')).showCommand));

  p.command('play')
    .description("play a game: interactive, or scripted with --orders (each turn's report as your actor knows it, or --json)")
    .argument('<scenario>', 'a scenario file or a built-in id')
    .requiredOption('--as <actor>', 'the actor you play')
    .option('--orders <file>', 'orders by turn (YAML or JSON)')
    .option('--turns <n>', 'turns to play (default: the scenario horizon)')
    .option('--seed <n>', 'random seed', '1')
    .option('--bots <kind>', 'who plays the other actors: heuristic, mcts (search) or none', 'heuristic')
    .option('--budget <b>', "a search bot's budget per decision: iterations (30) or milliseconds (e.g. 500ms)")
    .option('--json', 'per-turn metrics, events, bot decisions and the game record as JSON')
    .action(lazy(async () => (await import('./play.ts')).playCommand));

  p.command('forecast')
    .description('Monte Carlo forecast: question probabilities with 95 % intervals, metric quantiles per turn, sensitivity')
    .argument('<scenario>', 'a scenario file or a built-in id')
    .option('--runs <n>', 'runs', '1000')
    .option('--seed <n>', 'master seed (run i uses a seed derived from it and i)', '1')
    .option('--turns <n>', 'turns per run (default: the scenario horizon)')
    .option('--workers <n>', 'worker threads (default: the number of cores)')
    .option('--queue <redis-url>', 'spread the runs over `yourmove worker` processes through a BullMQ queue on Redis')
    .option('--json', 'the whole result as JSON')
    .option('--csv', 'questions and metric quantiles per turn as CSV')
    .action(lazy(async () => (await import('./forecast.ts')).forecastCommand));

  p.command('worker')
    .description('play forecast runs from a queue on Redis (see forecast --queue) until stopped')
    .option('--queue <redis-url>', 'the Redis server, redis://host:port')
    .option('--workers <n>', 'worker threads (default: the number of cores)')
    .action(lazy(async () => (await import('./worker.ts')).workerCommand));

  p.command('cascade')
    .description('the domino chain after a trigger: who enters, when, in what order and why')
    .argument('<scenario>', 'a scenario file or a built-in id')
    .requiredOption('--trigger <event>', 'e.g. "aut declares war on srb", "kor deploys troops to ukr", "usa permits usa-deep-strike"')
    .option('--at <date>', "the trigger's date (default: the date the scenario gives the event, else its start)")
    .option('--runs <n>', 'runs', '500')
    .option('--seed <n>', 'master seed', '1')
    .option('--after <n>', 'turns played after the trigger (default: to the horizon)')
    .option('--json', 'the whole result as JSON')
    .option('--dot <file>', 'also write the domino graph as Graphviz DOT')
    .action(lazy(async () => (await import('./cascade.ts')).cascadeCommand));

  p.command('advise')
    .description("rank the player's options this turn by their forecast outcomes")
    .argument('<scenario>', 'a scenario file or a built-in id')
    .requiredOption('--as <actor>', 'the actor you play')
    .option('--option <event...>', 'options to weigh, as triggers ("usa permits usa-deep-strike"); default: your candidate orders')
    .option('--runs <n>', 'runs per option', '200')
    .option('--seed <n>', 'master seed (the same worlds for every option)', '1')
    .option('--turns <n>', 'turns per run (default: the scenario horizon)')
    .option('--workers <n>', 'worker threads (default: the number of cores)')
    .option('--json', 'the whole result as JSON')
    .action(lazy(async () => (await import('./advise.ts')).adviseCommand));

  p.command('backtest')
    .description("score a scenario's forecast against what happened by a date (Brier scores, beside always-50 % and nothing-changes)")
    .argument('<scenario>', 'a scenario file or a built-in id')
    .option('--outcomes <file>', 'what happened to its questions (default: validation/<scenario>.outcomes.yaml)')
    .option('--runs <n>', 'runs', '1000')
    .option('--seed <n>', 'master seed', '1')
    .option('--workers <n>', 'worker threads (default: the number of cores)')
    .option('--json', 'the whole result as JSON')
    .action(lazy(async () => (await import('./backtest.ts')).backtestCommand));

  p.command('cinc')
    .description('Correlates of War capability index (CINC) computed from the NMC v6.0 components')
    .requiredOption('--year <year>', 'year (1816-2016)')
    .argument('[states...]', 'COW state abbreviations (default: the 10 largest)')
    .option('--json', 'machine-readable output')
    .action(lazy(async () => (await import('./cinc.ts')).cincCommand));

  p.command('replay')
    .description("replay a game from its record (play --json), every turn's state hash checked; each turn's report")
    .argument('<record-file>', "a game record: `play --orders FILE --json`'s output, or its record alone")
    .option('--turn <n>', "only this turn's report")
    .option('--as <actor>', "whose view the reports show (default: the player the file names, else the scenario's)")
    .option('--scenario <scenario>', "the scenario's file, when the game was not played on a built-in one")
    .option('--json', "each turn's metrics, events and refused orders as JSON")
    .action(lazy(async () => (await import('./replay.ts')).replayCommand));

  p.command('start', { isDefault: true, hidden: true })
    .description('the "your move" screen of the default scenario')
    .option('--scenario <scenario>', 'a scenario file or a built-in id')
    .option('--as <actor>', 'the actor you play')
    .allowExcessArguments()
    .action(async (opts: { scenario?: string; as?: string }, command: Command) => {
      if (command.args.length > 0) unknownCommand(p, command.args[0]!);
      await (await import('./scenario-commands.ts')).yourMoveCommand(opts);
    });

  return p;
}

export async function run(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    if (e instanceof CliError) {
      if (e.message) process.stderr.write(`yourmove: ${e.message}\n`);
      return e.exitCode;
    }
    // Redis unreachable or refusing (forecast --queue, worker): invalid input, said in a sentence. (Imported here:
    // the queue's module loads BullMQ, which a command that never reached it should not pay for.)
    const { QueueError } = await import('../sim/queue.ts');
    if (e instanceof QueueError) {
      process.stderr.write(`yourmove: ${e.message}\n`);
      return EXIT.invalid;
    }
    // A figure the engine cannot carry (a scenario at the edge of its ranges): said in a sentence, not a stack.
    const { NonFiniteFigure } = await import('../sim/aggregate.ts');
    if (e instanceof NonFiniteFigure) {
      process.stderr.write(`yourmove: ${e.message}\n`);
      return EXIT.invalid;
    }
    process.stderr.write(`yourmove: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 3;
  }
}

// A reader that stops reading (`yourmove ... | head`) is not an error: stop quietly, as other commands do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = await run(process.argv.slice(2));
