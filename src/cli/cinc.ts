/**
 * `yourmove cinc --year Y [STATES...]`: the Correlates of War capability index computed from the six NMC
 * components, next to the value the data set publishes.
 */
import Table from 'cli-table3';
import { computeCinc } from '../core/cinc.ts';
import { loadNmc, NMC_CITATION } from '../data/nmc.ts';
import { CliError, EXIT } from './errors.ts';

export function cincCommand(states: string[], opts: { year: string; json?: boolean }): void {
  const year = /^\d+$/.test(opts.year) ? Number(opts.year) : NaN; // decimal digits only: not "0x7e0", not "2e3"
  const rows = loadNmc();
  const years = new Set(rows.map((r) => r.year));
  if (!Number.isInteger(year) || !years.has(year))
    throw new CliError(`--year ${opts.year}: the NMC data cover ${Math.min(...years)}-${Math.max(...years)}`, EXIT.usage);
  const all = computeCinc(rows, year);
  const wanted = states.map((s) => s.toUpperCase());
  const unknown = wanted.filter((s) => !all.has(s));
  if (unknown.length) throw new CliError(`no NMC row for ${unknown.join(', ')} in ${year}`);
  const chosen = wanted.length ? wanted.map((s) => all.get(s)!) : [...all.values()].sort((a, b) => b.cinc - a.cinc).slice(0, 10);
  const published = new Map(rows.filter((r) => r.year === year).map((r) => [r.stateabb, r.cinc]));
  const result = chosen.map((c) => ({
    state: c.stateabb,
    year,
    cinc: c.cinc,
    published: published.get(c.stateabb) ?? null,
    shares: c.shares,
  }));
  if (opts.json) {
    process.stdout.write(JSON.stringify({ source: NMC_CITATION, year, states: result }, null, 2) + '\n');
    return;
  }
  const t = new Table({
    head: ['state', 'CINC', 'published', 'milex', 'milper', 'irst', 'pec', 'tpop', 'upop'],
    style: { head: [], border: [] },
  });
  const pct = (x: number | null) => (x === null ? 'n/a' : (100 * x).toFixed(2) + '%');
  for (const r of result) t.push([r.state, r.cinc.toFixed(6), r.published?.toFixed(6) ?? 'n/a', ...Object.values(r.shares).map(pct)]);
  process.stdout.write(`CINC ${year} (world shares per component; ${NMC_CITATION})\n${t.toString()}\n`);
}
