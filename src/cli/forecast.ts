/**
 * `yourmove forecast <scenario> --runs N [--seed S] [--turns N] [--workers W] [--queue REDIS_URL] [--json|--csv]`: Monte Carlo
 * answers to the scenario's questions (probabilities with Wilson 95 % intervals), its metrics' distributions per
 * turn (for fan charts), and which uncertain inputs move each question most (a tornado table). A progress bar with
 * ETA goes to stderr; Ctrl-C stops the runs and prints what was done, marked partial.
 */
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import { largest, MIN_TERM, type ForecastResult } from '../sim/aggregate.ts';
import { defaultWorkers, runForecast } from '../sim/forecast.ts';
import { fanChart } from './fan-chart.ts';
import { integer, redisUrl, seedOf, turnsOf, withProgress } from './args.ts';
import { CliError, EXIT } from './errors.ts';
import { loadOrExit } from './scenario-commands.ts';

export interface ForecastCliOptions {
  runs: string;
  seed: string;
  turns?: string;
  workers?: string;
  queue?: string;
  json?: boolean;
  csv?: boolean;
}

export async function forecastCommand(ref: string, opts: ForecastCliOptions): Promise<void> {
  if (opts.json && opts.csv) throw new CliError('--json and --csv: choose one', EXIT.usage);
  const s = loadOrExit(ref);
  const runs = integer(opts.runs, '--runs', 1, 10_000_000);
  const seed = seedOf(opts.seed);
  const turns = turnsOf(opts.turns, s);
  if (opts.queue !== undefined && opts.workers !== undefined)
    throw new CliError('--workers is for this machine; with --queue, give each `yourmove worker` its --workers', EXIT.usage);
  const queue = opts.queue === undefined ? undefined : redisUrl(opts.queue);
  const workers = opts.workers === undefined ? defaultWorkers() : integer(opts.workers, '--workers', 1, 256);

  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  const started = performance.now();
  let result: ForecastResult;
  try {
    result = await withProgress('forecast', runs, (onProgress) =>
      runForecast({ scenario: s, runs, seed, turns, workers, signal: controller.signal, onProgress, ...(queue ? { queue } : {}) }),
    );
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
  const seconds = (performance.now() - started) / 1000;
  if (result.partial) process.stderr.write(`yourmove: interrupted: a partial forecast of ${result.runs} of ${runs} runs\n`);
  else
    process.stderr.write(
      `yourmove: ${runs} runs in ${seconds.toFixed(1)} s ${queue ? `through the queue at ${queue}` : `on ${workers} worker${workers === 1 ? '' : 's'}`}\n`,
    );

  if (opts.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else if (opts.csv) process.stdout.write(forecastCsv(result));
  else process.stdout.write(forecastTable(result));
  // Interrupted: the partial result is out; the status says so (128 + SIGINT), as a shell expects.
  if (result.partial) throw new CliError('', EXIT.interrupted);
}

export function forecastCsv(r: ForecastResult): string {
  const rows: (string | number | null)[][] = [
    ['kind', 'id', 'turn', 'date', 'unit', 'n', 'p_or_mean', 'ci95_low', 'ci95_high', 'p05', 'p50', 'p95', 'sd', 'note'],
  ];
  // A question's note: no mechanism or no way to fail (then p is no probability), or why every run answered alike.
  const note = (q: ForecastResult['questions'][number]) =>
    q.status !== undefined
      ? `${q.status === 'no_mechanism' ? 'no mechanism' : 'cannot fail'}: ${q.reason}`
      : q.unanimous !== undefined
        ? `every run alike: ${q.unanimous}`
        : null;
  for (const q of r.questions)
    rows.push(['question', q.id, r.turns, '', 'probability', r.runs, q.p, q.ci95[0], q.ci95[1], null, null, null, null, note(q)]);
  for (const m of r.metrics) rows.push(['metric', m.id, m.turn, m.date, m.unit, m.n, m.mean, null, null, m.p05, m.p50, m.p95, m.sd, null]);
  return stringify(rows);
}

export function forecastTable(r: ForecastResult): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const out: string[] = [
    `Forecast of ${r.scenario}: ${r.runs} runs${r.partial ? ` (PARTIAL: ${r.requested} requested)` : ''} of ${r.turns} turns, seed ${r.seed}`,
  ];
  const q = new Table({
    head: ['question', 'p', '95 % interval'],
    style: { head: [], border: [] },
    colWidths: [70, 9, 19],
    wordWrap: true,
  });
  // A question no rule can decide says so, in words: "0.0 %" would read as "very unlikely".
  const notes: string[] = [];
  // One every run answers alike says why, so that 0.0 % is not read as "impossible" nor 100.0 % as "sure".
  const alike: string[] = [];
  for (const x of r.questions) {
    if (x.status === undefined && x.unanimous !== undefined) {
      alike.push(`  [${String.fromCharCode(97 + alike.length)}] ${x.id}: ${x.unanimous}`);
      q.push([`${x.text} [${String.fromCharCode(96 + alike.length)}]`, pct(x.p), `${pct(x.ci95[0])} - ${pct(x.ci95[1])}`]);
    } else if (x.status === undefined) q.push([x.text, pct(x.p), `${pct(x.ci95[0])} - ${pct(x.ci95[1])}`]);
    else {
      notes.push(`  [${notes.length + 1}] ${x.id}: ${x.reason}`);
      q.push([x.text, '-', `${x.status === 'no_mechanism' ? 'no mechanism' : 'cannot fail'} [${notes.length}]`]);
    }
  }
  out.push(q.toString());
  if (notes.length > 0)
    out.push('No mechanism in this scenario, or no way to fail (a static check of its rules, not a probability):', ...notes);
  if (alike.length > 0) out.push("Every run alike, though the rules allow otherwise (the model's answer, and why):", ...alike);
  const last = r.metrics.filter((m) => m.turn === r.turns);
  const n = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 });
  const f = (x: number | null) => (x === null ? '-' : n.format(x));
  const m = new Table({ head: [`metric at turn ${r.turns}`, 'unit', 'mean', 'p05', 'p50', 'p95'], style: { head: [], border: [] } });
  for (const x of last) m.push([x.id, x.unit, f(x.mean), f(x.p05), f(x.p50), f(x.p95)]);
  out.push(m.toString());
  out.push(`Fan charts: median (█) and 5-95 % band (░) per turn, turns 1-${r.turns}`);
  for (const x of last) {
    out.push(`${x.id} (${x.unit})`);
    out.push(fanChart(r.metrics.filter((p) => p.id === x.id)));
  }
  // Correlations below three standard errors (3 / √runs) are noise among so many inputs and questions.
  const threshold = Math.max(0.05, 3 / Math.sqrt(Math.max(1, r.runs)));
  const t = new Table({ head: ['question', 'input that moves it most', 'r', 'p if input low -> high'], style: { head: [], border: [] } });
  for (const s of r.sensitivity) {
    const top = s.inputs.filter((x) => Math.abs(x.r) >= threshold).slice(0, 3);
    for (const x of top)
      t.push([s.question, x.input, x.r.toFixed(2), `${x.pLow === null ? '-' : pct(x.pLow)} -> ${x.pHigh === null ? '-' : pct(x.pHigh)}`]);
  }
  out.push(
    `Sensitivity (tornado: the inputs most correlated with each answer, |r| >= ${threshold.toFixed(2)}, three standard errors)`,
    t.length > 0 ? t.toString() : `  no input moves any answer (|r| < ${threshold.toFixed(2)})`,
  );
  out.push(ledgerTable(r));
  return out.join('\n') + '\n';
}

/** The ledger: what each actor gained and paid, mean over the runs (the seed article's question). */
export function ledgerTable(r: Pick<ForecastResult, 'ledger' | 'returns'>): string {
  const n = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
  const signed = (x: number, digits = 2) => `${x > 0 ? '+' : ''}${x.toFixed(digits)}`;
  const t = new Table({
    head: [
      'actor',
      'raised',
      'killed',
      'wounded',
      'shells given',
      'shells got',
      '$m given',
      '$m got',
      'tech',
      'support',
      'credibility',
      'leverage',
      'return',
    ],
    style: { head: [], border: [] },
  });
  for (const l of r.ledger) {
    const e = l.entries;
    const ret = r.returns.find((x) => x.actor === l.actor)!;
    t.push([
      l.actor,
      n.format(e.raised.mean),
      n.format(e.killed.mean),
      n.format(e.wounded.mean),
      n.format(e.munitions_given.mean),
      n.format(e.munitions_received.mean),
      n.format(e.money_given_usd_m.mean),
      n.format(e.money_received_usd_m.mean),
      e.technology.mean.toFixed(1),
      signed(e.support_change.mean),
      signed(e.reputation_change.mean),
      signed(e.leverage.mean),
      `${signed(ret.mean, 3)} (${ret.p05.toFixed(2)}..${ret.p95.toFixed(2)})`,
    ]);
  }
  // Where each return comes from: its largest terms (weight × term, mean over the runs), the return's reasons.
  const sources = r.returns
    .map((x) => {
      const terms = largest(Object.entries(x.terms), ([, v]) => v, MIN_TERM).map(
        ([term, v]) => `${term.replace(/_/g, ' ')} ${signed(v, 3)}`,
      );
      return terms.length > 0 ? `  ${x.actor}: ${terms.join(', ')}` : null;
    })
    .filter((line): line is string => line !== null);
  return (
    `The ledger: what each actor gained and paid (mean over runs; return: mean, 5-95 %)\n${t.toString()}` +
    (sources.length > 0 ? `\nWhere the returns come from (the largest terms, weight × term, mean over runs):\n${sources.join('\n')}` : '')
  );
}
