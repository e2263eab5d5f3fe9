/**
 * The battle resolver: who wins a decisive engagement and what each side loses, as functions of the two
 * strengths, calibrated on CDB90 (the US Army CAA's database of 660 battles, 1600-1973; docs/model.md §3).
 *
 * Outcome — a logistic curve in the log force ratio r = attackers / defenders:
 *
 *     P(attacker wins) = 1 / (1 + exp(−(win0 + winRatio · ln r)))
 *
 * Casualties — each side's loss fraction is log-normal:
 *
 *     ln f = cas0 + casLoser · [side lost] + casDefender · [side defended] + casRatio · ln(enemy / own) + casSigma · z
 *
 * The data say outcomes depend only mildly on numbers (attackers at < 0.5 : 1 still won 48 %, at ≥ 3 : 1,
 * 77 %; Lanchester's square law would make them near-certain), so a steep resolver would be wrong.
 * The constants are fitted by `fitBattleModel` (maximum likelihood for the outcome; median regression on
 * log fractions for casualties) — `npm run calibrate:battle` prints them; a test refits and compares.
 */
import type { Rng } from '../rng.ts';
import { standardNormal } from '../sample.ts';

export interface BattleRecord {
  name: string;
  attackers: number;
  defenders: number;
  attackerCasualties: number | null;
  defenderCasualties: number | null;
  outcome: 'attacker' | 'defender' | 'draw' | 'unknown';
}

export interface BattleModel {
  win0: number;
  winRatio: number;
  cas0: number;
  casLoser: number;
  casDefender: number;
  casRatio: number;
  casSigma: number;
}

/** Fitted on CDB90 (datasets/cdb90/: the 614 decisive battles with both strengths) by `npm run calibrate:battle`. */
export const CDB90_MODEL: BattleModel = {
  win0: 0.4052,
  winRatio: 0.4781,
  cas0: -2.8292,
  casLoser: 0.7568,
  casDefender: 0.2098,
  casRatio: 0.3498,
  casSigma: 1.1151,
};

/** Loss fractions are capped: even a destroyed army has survivors and stragglers. */
const MAX_FRACTION = 0.95;

export interface BattleResult {
  winner: 'attacker' | 'defender';
  attackerLoss: number;
  defenderLoss: number;
}

export function attackerWinProbability(model: BattleModel, attackers: number, defenders: number): number {
  return 1 / (1 + Math.exp(-(model.win0 + model.winRatio * Math.log(attackers / defenders))));
}

function lossFraction(model: BattleModel, own: number, enemy: number, lost: boolean, defended: boolean, rng: Rng): number {
  const mean = model.cas0 + (lost ? model.casLoser : 0) + (defended ? model.casDefender : 0) + model.casRatio * Math.log(enemy / own);
  return Math.min(MAX_FRACTION, Math.exp(mean + model.casSigma * standardNormal(rng)));
}

/** Resolve one decisive engagement. */
export function resolveBattle(model: BattleModel, attackers: number, defenders: number, rng: Rng): BattleResult {
  const attackerWins = rng.chance(attackerWinProbability(model, attackers, defenders));
  return {
    winner: attackerWins ? 'attacker' : 'defender',
    attackerLoss: Math.round(attackers * lossFraction(model, attackers, defenders, !attackerWins, false, rng)),
    defenderLoss: Math.round(defenders * lossFraction(model, defenders, attackers, attackerWins, true, rng)),
  };
}

/** Maximum-likelihood logistic regression of y on one covariate x (Newton-Raphson / IRLS). */
export function fitLogistic(x: readonly number[], y: readonly boolean[]): { b0: number; b1: number } {
  let b0 = 0;
  let b1 = 0;
  for (let iter = 0; iter < 100; iter++) {
    let g0 = 0;
    let g1 = 0;
    let h00 = 0;
    let h01 = 0;
    let h11 = 0;
    for (let i = 0; i < x.length; i++) {
      const p = 1 / (1 + Math.exp(-(b0 + b1 * x[i]!)));
      const r = (y[i] ? 1 : 0) - p;
      const w = p * (1 - p);
      g0 += r;
      g1 += r * x[i]!;
      h00 += w;
      h01 += w * x[i]!;
      h11 += w * x[i]! * x[i]!;
    }
    const det = h00 * h11 - h01 * h01;
    const d0 = (h11 * g0 - h01 * g1) / det;
    const d1 = (h00 * g1 - h01 * g0) / det;
    b0 += d0;
    b1 += d1;
    if (Math.abs(d0) + Math.abs(d1) < 1e-12) break;
  }
  return { b0, b1 };
}

/** Weighted least squares by the normal equations (Gaussian elimination with partial pivoting). */
function weightedLeastSquares(rows: readonly (readonly number[])[], y: readonly number[], w: readonly number[]): number[] {
  const k = rows[0]!.length;
  const a = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  rows.forEach((row, n) => {
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) a[i]![j]! += w[n]! * row[i]! * row[j]!;
      a[i]![k]! += w[n]! * row[i]! * y[n]!;
    }
  });
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = a[r]![col]! / a[col]![col]!;
      for (let c = col; c <= k; c++) a[r]![c]! -= f * a[col]![c]!;
    }
  }
  return a.map((row, i) => row[k]! / row[i]!);
}

/**
 * Median regression (least absolute deviations) by iteratively reweighted least squares: the fitted line
 * gives the conditional median, which is what the validation compares. `spread` is the residuals' median
 * absolute deviation scaled to a normal's standard deviation (× 1.4826).
 */
export function fitLeastAbsolute(rows: readonly (readonly number[])[], y: readonly number[]): { coef: number[]; spread: number } {
  let w = rows.map(() => 1);
  let coef = weightedLeastSquares(rows, y, w);
  const residuals = () => rows.map((row, n) => y[n]! - row.reduce((acc, v, i) => acc + v * coef[i]!, 0));
  for (let iter = 0; iter < 200; iter++) {
    w = residuals().map((r) => 1 / Math.max(Math.abs(r), 1e-6));
    const next = weightedLeastSquares(rows, y, w);
    const change = next.reduce((acc, c, i) => acc + Math.abs(c - coef[i]!), 0);
    coef = next;
    if (change < 1e-10) break;
  }
  const abs = residuals()
    .map(Math.abs)
    .sort((p, q) => p - q);
  return { coef, spread: 1.4826 * abs[abs.length >> 1]! };
}

/**
 * Fit the resolver on battle records. Outcome: decisive battles (attacker won or lost) by maximum likelihood.
 * Casualties: each side of each decisive battle with a known, non-zero loss, by median regression on ln f
 * (the validation compares medians, so the loss is absolute deviation, not squared error).
 */
export function fitBattleModel(records: readonly BattleRecord[]): BattleModel {
  const decisive = records.filter((r) => r.outcome === 'attacker' || r.outcome === 'defender');
  const win = fitLogistic(
    decisive.map((r) => Math.log(r.attackers / r.defenders)),
    decisive.map((r) => r.outcome === 'attacker'),
  );
  const rows: number[][] = [];
  const y: number[] = [];
  for (const r of decisive) {
    const sides = [
      { own: r.attackers, enemy: r.defenders, cas: r.attackerCasualties, lost: r.outcome === 'defender', defended: 0 },
      { own: r.defenders, enemy: r.attackers, cas: r.defenderCasualties, lost: r.outcome === 'attacker', defended: 1 },
    ];
    for (const s of sides) {
      if (s.cas === null || s.cas <= 0) continue;
      const f = Math.min(MAX_FRACTION, s.cas / s.own);
      rows.push([1, s.lost ? 1 : 0, s.defended, Math.log(s.enemy / s.own)]);
      y.push(Math.log(f));
    }
  }
  const cas = fitLeastAbsolute(rows, y);
  const [cas0, casLoser, casDefender, casRatio] = cas.coef as [number, number, number, number];
  return { win0: win.b0, winRatio: win.b1, cas0, casLoser, casDefender, casRatio, casSigma: cas.spread };
}
