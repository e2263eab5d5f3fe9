// VALIDATION.md V3: the battle resolver, fed the strengths of the CDB90 battles, reproduces the attacker-win
// curve by force ratio (±5 points per bin) and the median casualty fractions (±2 points).
import { describe, expect, it } from 'vitest';
import { CDB90_MODEL, fitBattleModel, resolveBattle, type BattleRecord } from '../src/core/engine/battle.ts';
import { Rng } from '../src/core/rng.ts';
import { loadCdb90 } from '../src/data/cdb90.ts';

const records = loadCdb90();
const decisive = records.filter((r) => r.outcome === 'attacker' || r.outcome === 'defender');

/** Attacker/defender strength-ratio bins of VALIDATION.md V3, with the published attacker-win rates. */
const BINS: [number, number, number][] = [
  [0, 0.5, 0.48],
  [0.5, 0.8, 0.53],
  [0.8, 1.25, 0.63],
  [1.25, 2, 0.63],
  [2, 3, 0.69],
  [3, Infinity, 0.77],
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Outcome {
  ratio: number;
  attackerWon: boolean;
  attackerFraction: number;
  defenderFraction: number;
}

/** Every decisive battle fought `times` times by the resolver, from its historical strengths. */
function simulate(times: number, seed: number): Outcome[] {
  const rng = Rng.seeded(seed);
  const out: Outcome[] = [];
  for (let k = 0; k < times; k++)
    for (const b of decisive) {
      const r = resolveBattle(CDB90_MODEL, b.attackers, b.defenders, rng);
      out.push({
        ratio: b.attackers / b.defenders,
        attackerWon: r.winner === 'attacker',
        attackerFraction: r.attackerLoss / b.attackers,
        defenderFraction: r.defenderLoss / b.defenders,
      });
    }
  return out;
}

function historical(b: BattleRecord): Outcome | null {
  if (b.attackerCasualties === null || b.defenderCasualties === null) return null;
  return {
    ratio: b.attackers / b.defenders,
    attackerWon: b.outcome === 'attacker',
    attackerFraction: b.attackerCasualties / b.attackers,
    defenderFraction: b.defenderCasualties / b.defenders,
  };
}

const winnerFractions = (os: Outcome[]) => os.map((o) => (o.attackerWon ? o.attackerFraction : o.defenderFraction));
const loserFractions = (os: Outcome[]) => os.map((o) => (o.attackerWon ? o.defenderFraction : o.attackerFraction));

describe('the data (CDB90 as shipped)', () => {
  it('has the published figures: 64.7 % attacker wins; the superior side won 60.2 %', () => {
    expect(decisive).toHaveLength(614);
    expect(decisive.filter((b) => b.outcome === 'attacker').length / decisive.length).toBeCloseTo(0.647, 3);
    const unequal = decisive.filter((b) => b.attackers !== b.defenders);
    const superiorWon = unequal.filter((b) => b.attackers > b.defenders === (b.outcome === 'attacker')).length;
    expect(superiorWon / unequal.length).toBeCloseTo(0.602, 3);
  });
});

describe('the battle resolver on the CDB90 strengths (V3)', () => {
  const sim = simulate(40, 1990);

  it.each(BINS)('attacker-win rate for ratio [%f, %f) is %f ± 0.05', (lo, hi, published) => {
    const inBin = sim.filter((o) => o.ratio >= lo && o.ratio < hi);
    const rate = inBin.filter((o) => o.attackerWon).length / inBin.length;
    expect(Math.abs(rate - published)).toBeLessThanOrEqual(0.05);
  });

  it('median casualty fractions: attacker 6.6 %, defender 12.2 %, winner 5.8 %, loser 15.8 % (± 2 points)', () => {
    expect(Math.abs(median(sim.map((o) => o.attackerFraction)) - 0.066)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(median(sim.map((o) => o.defenderFraction)) - 0.122)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(median(winnerFractions(sim)) - 0.058)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(median(loserFractions(sim)) - 0.158)).toBeLessThanOrEqual(0.02);
  });

  it('matches the historical medians of the same battles', () => {
    const hist = decisive.map(historical).filter((o): o is Outcome => o !== null);
    expect(Math.abs(median(winnerFractions(sim)) - median(winnerFractions(hist)))).toBeLessThanOrEqual(0.02);
    expect(Math.abs(median(loserFractions(sim)) - median(loserFractions(hist)))).toBeLessThanOrEqual(0.02);
  });

  it('is not steep: tripling the odds moves the win rate by less than 0.3', () => {
    const rate = (ratio: number) => {
      const rng = Rng.seeded(5);
      let wins = 0;
      for (let i = 0; i < 20_000; i++) if (resolveBattle(CDB90_MODEL, ratio * 10_000, 10_000, rng).winner === 'attacker') wins++;
      return wins / 20_000;
    };
    const gain = rate(3) - rate(1);
    expect(gain).toBeGreaterThan(0.05);
    expect(gain).toBeLessThan(0.3);
  });

  it('its constants are what fitting CDB90 gives (npm run calibrate:battle)', () => {
    const fitted = fitBattleModel(records);
    for (const [k, v] of Object.entries(fitted)) expect(CDB90_MODEL[k as keyof typeof CDB90_MODEL], k).toBeCloseTo(v, 3);
  });

  it('is reproducible for a seed', () => {
    expect(simulate(1, 7)).toEqual(simulate(1, 7));
    expect(simulate(1, 7)).not.toEqual(simulate(1, 8));
  });
});
