/**
 * `yourmove advise <scenario> --as <actor> [--option "<event>" ...] [--runs N] [--seed S] [--turns N] [--json]`:
 * the player's options this turn, each forecast on the same worlds, ranked by its expected return, with the terms of
 * the return that make the difference and the questions that change most against doing nothing.
 */
import Table from 'cli-table3';
import { adviseOptions, namedOptions, runAdvise } from '../sim/advise.ts';
import { actorOf, integer, seedOf, turnsOf, withProgress } from './args.ts';
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

export async function adviseCommand(ref: string, opts: AdviseCliOptions): Promise<void> {
  const s = loadOrExit(ref);
  const name = actorOf(s, opts.as).name;
  const runs = integer(opts.runs, '--runs', 1, 1_000_000);
  const seed = seedOf(opts.seed);
  const turns = turnsOf(opts.turns, s);
  const workers = opts.workers === undefined ? undefined : integer(opts.workers, '--workers', 1, 256);
  const named = opts.option?.length ? namedOptions(s, opts.option) : adviseOptions(s, opts.as, seed);
  if ('error' in named) throw new CliError(named.error, EXIT.usage);
  const r = await withProgress('advise', named.length * runs, (onProgress) =>
    runAdvise({ scenario: s, actor: opts.as, options: named, runs, seed, turns, ...(workers ? { workers } : {}), onProgress }),
  );
  if (opts.json) {
    process.stdout.write(JSON.stringify(r, null, 2) + '\n');
    return;
  }
  const pct = (x: number) => `${x > 0 ? '+' : ''}${(100 * x).toFixed(1)} pts`;
  // Shares in percentage points, persons and rounds whole, the rest (rungs) to two decimals.
  const number = (x: number, unit: string) =>
    unit === 'share'
      ? `${(100 * x).toFixed(2)} pts`
      : unit === 'persons' || unit === 'rounds'
        ? Math.round(x).toLocaleString('en-GB')
        : x.toFixed(2);
  // A difference with its sign; one that shows as zero has none ("-0" would say the wrong thing).
  const signed = (x: number, unit: string) => {
    const text = number(x, unit);
    if (/^-?0(\.0+)?( pts)?$/.test(text)) return text.replace('-', '');
    return x > 0 ? `+${text}` : text;
  };
  const t = new Table({
    head: ['#', 'option', 'expected return (5-95 %)', 'vs nothing', 'why (terms of the return)', 'what changes most'],
    style: { head: [], border: [] },
    colWidths: [4, 36, 26, 12, 30, 46],
    wordWrap: true,
  });
  for (const o of r.options)
    t.push([
      String(o.rank),
      o.label,
      `${o.utility.mean.toFixed(3)} (${o.utility.p05.toFixed(2)}..${o.utility.p95.toFixed(2)})`,
      `${o.versusNothing > 0 ? '+' : ''}${o.versusNothing.toFixed(3)}`,
      o.why.map((w) => `${w.term.replace(/_/g, ' ')} ${w.diff > 0 ? '+' : ''}${w.diff.toFixed(3)}`).join('; ') || '-',
      [
        ...o.changes.map((c) => `${c.id} ${pct(c.diff)}`),
        ...o.metricChanges.map((m) =>
          m.diff !== null
            ? `${m.id} ${signed(m.diff, m.unit)} at the end`
            : m.mean !== null
              ? `${m.id} ${number(m.mean, m.unit)} (none when doing nothing)`
              : `${m.id} none (${number(m.nothing!, m.unit)} when doing nothing)`,
        ),
      ].join('; ') || '-',
    ]);
  const limits =
    r.limits.length > 0
      ? `No option here, nor the other actors' bots, can bring these about (no mechanism in this scenario; a static check of its rules):\n${r.limits.map((l) => `  ${l.text} ${l.reason}`).join('\n')}\n`
      : '';
  process.stdout.write(
    `Your move, ${name}: ${r.options.length} option${r.options.length === 1 ? '' : 's'}, each over the same ${r.runs} sampled worlds of ${r.turns} turn${r.turns === 1 ? '' : 's'} (seed ${r.seed}), ranked by ${name}'s expected return (docs/ai.md)\n${t.toString()}\n${limits}`,
  );
}
