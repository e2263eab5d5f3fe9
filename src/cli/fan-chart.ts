/**
 * A fan chart in the terminal: a metric's 5-95 % band (░) and median (█) over the turns, one column a turn, with
 * its scale on the left — for people who would rather look than read a table of quantiles.
 */
import type { MetricPoint } from '../sim/aggregate.ts';

export function fanChart(points: readonly MetricPoint[], height = 6): string {
  const valid = points.filter((p) => p.p05 !== null && p.p50 !== null && p.p95 !== null);
  if (valid.length === 0) return '  (no value in any run)';
  const lo = Math.min(...valid.map((p) => p.p05!));
  const hi = Math.max(...valid.map((p) => p.p95!));
  const span = hi - lo || 1;
  const row = (v: number) => Math.min(height - 1, Math.max(0, Math.round(((v - lo) / span) * (height - 1))));
  const grid = Array.from({ length: height }, () => points.map(() => ' '));
  points.forEach((p, c) => {
    if (p.p05 === null || p.p50 === null || p.p95 === null) return;
    for (let r = row(p.p05); r <= row(p.p95); r++) grid[r]![c] = '░';
    grid[row(p.p50)]![c] = '█';
  });
  const n = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 3 });
  const labels = [n.format(hi), n.format(lo)];
  const width = Math.max(...labels.map((l) => l.length));
  return grid
    .reverse()
    .map((cells, i) => `  ${(i === 0 ? labels[0]! : i === height - 1 ? labels[1]! : '').padStart(width)} ┤${cells.join('')}`)
    .join('\n');
}
