/**
 * `yourmove cascade <scenario> --trigger "<event>" [--at DATE] [--runs N] [--seed S] [--after N] [--json] [--dot FILE]`:
 * the domino chain after a trigger — for every actor, the probability it enters, when (median and range), in what
 * order and why — as text, JSON, or a Graphviz graph.
 */
import { cascadeDot, parseTrigger, runCascade } from '../sim/cascade.ts';
import { compareDates } from '../core/scenario/dates.ts';
import { endDate } from './render.ts';
import { dateOf, integer, seedOf, withProgress } from './args.ts';
import { CliError, EXIT } from './errors.ts';
import { checkWritable, writeOutput } from './output.ts';
import { loadOrExit } from './scenario-commands.ts';

export interface CascadeCliOptions {
  trigger: string;
  at?: string;
  runs: string;
  seed: string;
  after?: string;
  json?: boolean;
  dot?: string;
}

export async function cascadeCommand(ref: string, opts: CascadeCliOptions): Promise<void> {
  const s = loadOrExit(ref);
  const trigger = parseTrigger(s, opts.trigger);
  if ('error' in trigger) throw new CliError(trigger.error, EXIT.usage);
  if (opts.at !== undefined) {
    const at = dateOf(opts.at, '--at');
    if (compareDates(at, s.start) < 0 || compareDates(at, endDate(s)) >= 0)
      throw new CliError(`--at ${opts.at}: expected a date from ${s.start} to before ${endDate(s)}`, EXIT.usage);
  }
  const runs = integer(opts.runs, '--runs', 1, 1_000_000);
  const seed = seedOf(opts.seed);
  const after = opts.after === undefined ? undefined : integer(opts.after, '--after', 1, s.horizon);
  if (opts.dot !== undefined) checkWritable(opts.dot, '--dot');
  const r = await withProgress('cascade', runs, (onProgress) =>
    runCascade({ scenario: s, trigger, runs, seed, ...(opts.at ? { at: opts.at } : {}), ...(after ? { after } : {}), onProgress }),
  );
  if (opts.dot !== undefined) writeOutput(opts.dot, cascadeDot(r), '--dot');
  if (opts.json) {
    process.stdout.write(JSON.stringify(r, null, 2) + '\n');
    return;
  }
  const name = (id: string) => s.actors.find((a) => a.id === id)?.name ?? id;
  const out = [
    `Cascade in ${s.id} after "${r.trigger}" on ${r.at} (${r.runs} runs, seed ${r.seed})`,
    '',
    'Who enters, in order (share of runs, and without the trigger; median date, 5-95 % range; why):',
  ];
  for (const e of r.entries)
    out.push(
      `  ${name(e.actor).padEnd(22)} ${(Math.round(e.p * 1000) / 10).toFixed(1).padStart(5)} % (${(Math.round(e.baseline * 1000) / 10).toFixed(1)} % without)  ${e.date!.p50} (${e.date!.p05} - ${e.date!.p95}), day ${e.days}: ${e.because.slice(0, 2).join('; ')}`,
    );
  const pct = (p: number) => `${(Math.round(p * 1000) / 10).toFixed(1).padStart(5)} %`;
  if (r.mobilisations.length > 0)
    out.push(
      '',
      'Mobilisations (median date of the first, and of the general one):',
      ...r.mobilisations.map(
        (m) =>
          `  ${name(m.actor).padEnd(22)} ${pct(m.p)}  ${m.date}, day ${m.days}` +
          (m.general ? `; general ${pct(m.general.p).trim()} ${m.general.date}, day ${m.general.days}` : ''),
      ),
    );
  if (r.declarations.length > 0)
    out.push(
      '',
      'Declarations of war (median date):',
      ...r.declarations.map((d) => `  ${`${name(d.by)} on ${name(d.on)}`.padEnd(40)} ${pct(d.p)}  ${d.date}, day ${d.days}`),
    );
  if (r.invasions.length > 0)
    out.push(
      '',
      "Invasions: forces arrive on an enemy's territory (median date):",
      ...r.invasions.map((d) => `  ${`${name(d.by)} into ${name(d.territory)}`.padEnd(40)} ${pct(d.p)}  ${d.date}, day ${d.days}`),
    );
  if (r.responses.length > 0)
    out.push(
      '',
      'Red lines acted on (share of runs, and without the trigger; median date):',
      ...r.responses.map(
        (x) =>
          `  ${`${name(x.holder)}: ${x.redLine}`.padEnd(40)} ${pct(x.p)} (${pct(x.baseline).trim()} without)  ${x.date}, day ${x.days}` +
          (x.text ? ` — ${x.text}` : ''),
      ),
    );
  if (r.fighting.length > 0)
    out.push(
      '',
      'Troops in combat without a declaration of war (share of runs, and without the trigger; median date of the first losses):',
      ...r.fighting.map((f) => `  ${name(f.actor).padEnd(22)} ${pct(f.p)} (${pct(f.baseline).trim()} without)  ${f.date}, day ${f.days}`),
    );
  out.push('', `Stayed out in every run (no war, no troops in combat): ${r.stayedOut.map(name).join(', ') || 'none'}`);
  out.push(
    `Most likely outcome (${Math.round(r.mostLikely.share * 100)} % of runs): at war ${r.mostLikely.belligerents.map(name).join(', ')}`,
  );
  if (r.limits.length > 0)
    out.push(
      '',
      'No mechanism in this scenario, even after the trigger (a static check of its rules, not a probability):',
      ...r.limits.map((l) => `  ${l.text} ${l.reason}`),
    );
  if (opts.dot) out.push(`Graph: ${opts.dot} (Graphviz: dot -Tsvg ${opts.dot})`);
  process.stdout.write(out.join('\n') + '\n');
}
