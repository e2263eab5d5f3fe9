/**
 * The `yourmove` command. Exit status: 0 success, 1 invalid input (errors on stderr), 2 wrong usage.
 * `--json` output goes to stdout alone; messages go to stderr.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../lang/builtins.ts';
import { adviseCommand } from './advise.ts';
import { cascadeCommand } from './cascade.ts';
import { cincCommand } from './cinc.ts';
import { forecastCommand } from './forecast.ts';
import { workerCommand } from './worker.ts';
import { playCommand } from './play.ts';
import { QueueError } from '../sim/queue.ts';
import { CliError, EXIT } from './errors.ts';
import { scenariosCommand, showCommand, validateCommand, yourMoveCommand } from './scenario-commands.ts';

const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };

export function program(): Command {
  const p = new Command('yourmove')
    .description('Crisis simulation and wargame: play the next move, let the other actors answer, forecast the domino.')
    .version(version)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) })
    .showHelpAfterError('(run yourmove --help for usage)');

  p.command('scenarios').description('list the built-in scenarios').option('--json', 'machine-readable output').action(scenariosCommand);

  p.command('validate')
    .description('check a scenario; errors as file:line:col: path: message')
    .argument('<scenario>', 'a scenario file (YAML or JSON) or a built-in id')
    .option('--strict', 'also require a source on every number')
    .action(validateCommand);

  p.command('show')
    .description('actors, conflicts, fronts, treaties, questions and metrics of a scenario')
    .argument('<scenario>', 'a scenario file or a built-in id')
    .option('--json', 'the validated scenario as JSON')
    .action(showCommand);

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
    .action(playCommand);

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
    .action(forecastCommand);

  p.command('worker')
    .description('play forecast runs from a queue on Redis (see forecast --queue) until stopped')
    .option('--queue <redis-url>', 'the Redis server, redis://host:port')
    .option('--workers <n>', 'worker threads (default: the number of cores)')
    .action(workerCommand);

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
    .action(cascadeCommand);

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
    .action(adviseCommand);

  p.command('cinc')
    .description('Correlates of War capability index (CINC) computed from the NMC v6.0 components')
    .requiredOption('--year <year>', 'year (1816-2016)')
    .argument('[states...]', 'COW state abbreviations (default: the 10 largest)')
    .option('--json', 'machine-readable output')
    .action(cincCommand);

  p.command('start', { isDefault: true, hidden: true })
    .description('the "your move" screen of the default scenario')
    .option('--scenario <scenario>', 'a scenario file or a built-in id')
    .option('--as <actor>', 'the actor you play')
    .action(yourMoveCommand);

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
    // Redis unreachable or refusing (forecast --queue, worker): invalid input, said in a sentence.
    if (e instanceof QueueError) {
      process.stderr.write(`yourmove: ${e.message}\n`);
      return EXIT.invalid;
    }
    process.stderr.write(`yourmove: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 3;
  }
}

process.exitCode = await run(process.argv.slice(2));
