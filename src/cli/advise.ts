/**
 * `yourmove advise <scenario> --as <actor> [--option "<event>" ...] [--runs N] [--seed S] [--turns N] [--json]`:
 * the player's options this turn, each forecast on the same worlds, ranked by its expected return, with what
 * changes most against doing nothing.
 */
import { SingleBar } from 'cli-progress';
import Table from 'cli-table3';
import { adviseOptions, namedOptions, runAdvise } from '../sim/advise.ts';
import { CliError, EXIT } from './errors.ts';
import { loadOrExit } from './scenario-commands.ts';

export interface AdviseCliOptions {
  as: string;
  option?: string[];
  runs: string;
  seed: string;
  turns?: string;
  workers?: string;
  json?: boolean;
}

function integer(value: string, flag: string, min: number, max: number): number {
  const x = Number(value);
  if (!Number.isInteger(x) || x < min || x > max)
    throw new CliError(`${flag} ${value}: expected a whole number from ${min} to ${max}`, EXIT.usage);
  return x;
}

export async function adviseCommand(ref: string, opts: AdviseCliOptions): Promise<void> {
  const s = loadOrExit(ref);
  if (!s.actors.some((a) => a.id === opts.as))
    throw new CliError(`--as ${opts.as}: no such actor in ${s.id} (actors: ${s.actors.map((a) => a.id).join(', ')})`, EXIT.usage);
  const runs = integer(opts.runs, '--runs', 1, 1_000_000);
  const seed = integer(opts.seed, '--seed', -2147483648, 2147483647);
  const turns = opts.turns === undefined ? s.horizon : integer(opts.turns, '--turns', 1, s.horizon);
  const workers = opts.workers === undefined ? undefined : integer(opts.workers, '--workers', 1, 256);
  const named = opts.option?.length ? namedOptions(s, opts.option) : adviseOptions(s, opts.as, seed);
  if ('error' in named) throw new CliError(named.error, EXIT.usage);
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'advise {bar} {percentage}% | {value}/{total} runs | ETA {eta_formatted}',
    hideCursor: true,
  });
  bar.start(named.length * runs, 0);
  let r;
  try {
    r = await runAdvise({
      scenario: s,
      actor: opts.as,
      options: named,
      runs,
      seed,
      turns,
      ...(workers ? { workers } : {}),
      onProgress: (d) => bar.update(d),
    });
  } finally {
    bar.stop();
  }
  if (opts.json) {
    process.stdout.write(JSON.stringify(r, null, 2) + '\n');
    return;
  }
  const name = s.actors.find((a) => a.id === opts.as)!.name;
  const pct = (x: number) => `${x > 0 ? '+' : ''}${(100 * x).toFixed(1)} pts`;
  const t = new Table({
    head: ['#', 'option', 'expected return (5-95 %)', 'vs nothing', 'what changes most'],
    style: { head: [], border: [] },
    colWidths: [4, 44, 26, 12, 60],
    wordWrap: true,
  });
  for (const o of r.options)
    t.push([
      String(o.rank),
      o.label,
      `${o.utility.mean.toFixed(3)} (${o.utility.p05.toFixed(2)}..${o.utility.p95.toFixed(2)})`,
      `${o.versusNothing > 0 ? '+' : ''}${o.versusNothing.toFixed(3)}`,
      o.changes.map((c) => `${c.id} ${pct(c.diff)}`).join('; ') || '-',
    ]);
  process.stdout.write(
    `Your move, ${name}: ${r.options.length} options, each over the same ${r.runs} sampled worlds of ${r.turns} turns (seed ${r.seed}), ranked by ${name}'s expected return (docs/ai.md)\n${t.toString()}\n`,
  );
}
