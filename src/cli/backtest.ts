/**
 * `yourmove backtest <scenario> [--outcomes FILE] [--runs N] [--seed S] [--json]`: the scenario's forecast from its
 * start to the date its outcomes were resolved, scored question by question (Brier), beside always-50 % and
 * nothing-changes (src/sim/backtest.ts). The outcomes file defaults to validation/<scenario id>.outcomes.yaml.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Table from 'cli-table3';
import { PACKAGE_ROOT } from '../lang/builtins.ts';
import { formatProblem } from '../lang/load.ts';
import { loadOutcomesText } from '../lang/outcomes-file.ts';
import { defaultWorkers } from '../sim/forecast.ts';
import { runBacktest, type BacktestResult } from '../sim/backtest.ts';
import { integer, seedOf, withProgress } from './args.ts';
import { CliError } from './errors.ts';
import { loadOrExit } from './scenario-commands.ts';

export interface BacktestCliOptions {
  outcomes?: string;
  runs: string;
  seed: string;
  workers?: string;
  json?: boolean;
}

/** Where the repository keeps the outcomes of its back-test scenarios. */
const VALIDATION_DIR = join(PACKAGE_ROOT, 'validation');

export async function backtestCommand(ref: string, opts: BacktestCliOptions): Promise<void> {
  const s = loadOrExit(ref);
  const file = opts.outcomes ?? join(VALIDATION_DIR, `${s.id}.outcomes.yaml`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CliError(
      opts.outcomes === undefined
        ? `no outcomes for ${s.id}: give --outcomes FILE (the repository keeps them in validation/<scenario>.outcomes.yaml)`
        : `--outcomes ${file}: cannot read the file`,
    );
  }
  const outcomes = loadOutcomesText(text, file, s);
  if (!outcomes.ok) {
    for (const p of outcomes.problems) process.stderr.write(formatProblem(p) + '\n');
    throw new CliError(`${file}: ${outcomes.problems.length} problem${outcomes.problems.length === 1 ? '' : 's'}`);
  }
  const runs = integer(opts.runs, '--runs', 1, 10_000_000);
  const seed = seedOf(opts.seed);
  const workers = opts.workers === undefined ? defaultWorkers() : integer(opts.workers, '--workers', 1, 256);
  const r = await withProgress('backtest', runs, (onProgress) =>
    runBacktest({ scenario: s, outcomes: outcomes.value, runs, seed, workers, onProgress }),
  );
  if (opts.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
  else process.stdout.write(backtestTable(r));
}

export function backtestTable(r: BacktestResult): string {
  const pct = (p: number) => `${(Math.round(p * 1000) / 10).toFixed(1)} %`;
  const t = new Table({
    head: ['question', 'forecast', 'happened', 'Brier', 'nothing changes', 'Brier'],
    wordWrap: true,
    style: { head: [], border: [] },
    colWidths: [44, 16, 10, 8, 17, 8],
  });
  for (const q of r.questions)
    t.push([
      q.text,
      q.status === 'no_mechanism'
        ? `${pct(q.p)} (no mechanism)`
        : q.status === 'certain_by_construction'
          ? `${pct(q.p)} (certain)`
          : pct(q.p),
      q.outcome ? 'yes' : 'no',
      q.brier.toFixed(3),
      q.persistence ? 'yes' : 'no',
      q.persistenceBrier.toFixed(3),
    ]);
  const skill = (x: number | null) => (x === null ? '-' : `${x >= 0 ? '+' : ''}${x.toFixed(2)}`);
  return [
    `Back-test of ${r.scenario}: ${r.runs} runs of ${r.turns} turns to ${r.resolved} (seed ${r.seed}), scored on ${r.questions.length} questions`,
    t.toString(),
    `Mean Brier score (lower is better): model ${r.brier.model.toFixed(3)}; always 50 % ${r.brier.coin.toFixed(3)}; nothing changes ${r.brier.persistence.toFixed(3)}`,
    `Skill (1 - model / baseline, above 0 is better): against 50 % ${skill(r.skill.coin)}; against nothing changes ${skill(r.skill.persistence)}`,
    '',
  ].join('\n');
}
